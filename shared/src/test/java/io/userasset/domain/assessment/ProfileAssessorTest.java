package io.userasset.domain.assessment;

import io.userasset.config.EngineConfig;
import io.userasset.domain.profile.ProfileFacts;
import io.userasset.domain.profile.ProfileFold;
import io.userasset.domain.scoring.lifecycle.LifecycleStage;
import io.userasset.domain.time.Days;
import io.userasset.events.Event;
import io.userasset.events.Money;
import io.userasset.events.Payload;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileAssessorTest {
    private static final EngineConfig CONFIG = EngineConfig.defaults();
    private static final LocalDate DAY0 = LocalDate.of(2026, 1, 1);
    private final ProfileFold fold = new ProfileFold(Days.utc(), 35, 365);
    private final ProfileAssessor assessor = new ProfileAssessor(CONFIG, ModelSet.defaults(CONFIG));
    private final int day0 = Days.day(DAY0);

    private Event event(String id, int day, Payload p) {
        return new Event(id, "u", null, DAY0.plusDays(day).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3600), p,
                Event.SourceFormat.NATIVE);
    }

    private ProfileFacts buyer(int everyDays, int orders) {
        ProfileFacts f = fold.empty();
        fold.apply(f, event("reg", 0, new Payload.Registration("ads", null)));
        for (int i = 0; i < orders; i++) {
            fold.apply(f, event("o" + i, i * everyDays, new Payload.OrderPaid("o" + i, new Money(40_000, "USD"))));
        }
        return f;
    }

    @Test
    void factsBecomeTheScoringAndClvInputs() {
        ProfileFacts f = buyer(7, 5); // orders on days 0, 7, 14, 21, 28
        fold.apply(f, event("r", 30, new Payload.OrderRefunded("o4", new Money(10_000, "USD"))));
        var in = assessor.inputs(f, day0 + 40);
        assertThat(in.lastOrderDay()).isEqualTo(day0 + 28);
        assertThat(in.ordersInWindow()).isEqualTo(5);
        assertThat(in.netRevenueInWindow()).isEqualTo(190.0);
        assertThat(in.repeatPurchaseDays()).isEqualTo(4);
        assertThat(in.tXDays()).isEqualTo(28);
        var customer = assessor.customer(f, day0 + 40);
        assertThat(customer.x()).isEqualTo(4);
        assertThat(customer.txDays()).isEqualTo(28);
        assertThat(customer.tDays()).isEqualTo(40);
        assertThat(customer.repeatSpend()).isEqualTo(150.0); // 4 × 40 repeat − 10 refunded
        // as of a day before the last two orders
        var earlier = assessor.customer(f, day0 + 15);
        assertThat(earlier.x()).isEqualTo(2);
        assertThat(earlier.txDays()).isEqualTo(14);
    }

    @Test
    void aWeeklyBuyerSilentFor30DaysIsDormantAndTheStageHistoryIsKept() {
        ProfileFacts f = buyer(7, 6); // last order day 35
        ProfileScores active = assessor.assess(f, day0 + 36, null);
        assertThat(active.stage()).isEqualTo(LifecycleStage.MATURITY);
        assertThat(active.stageSinceDay()).isEqualTo(day0 + 36);
        ProfileScores still = assessor.assess(f, day0 + 40, active);
        assertThat(still.stageSinceDay()).isEqualTo(day0 + 36);
        ProfileScores silent = assessor.assess(f, day0 + 65, still);
        assertThat(silent.stage()).isEqualTo(LifecycleStage.DORMANCY);
        assertThat(silent.previousStage()).isEqualTo(LifecycleStage.MATURITY);
        assertThat(silent.stageSinceDay()).isEqualTo(day0 + 65);
        assertThat(silent.pAlive()).isBetween(0.0, 1.0);
        assertThat(silent.predictedClv()).isPositive();
    }

    @Test
    void aStageThatBeganAndEndedTheSameDayLeavesNoTraceSoSplittingADaysWritesChangesNothing() {
        ProfileFacts registered = fold.empty();
        fold.apply(registered, event("reg", 0, new Payload.Registration("ads", null)));
        ProfileFacts buyer = buyer(1, 3);
        ProfileScores oneWrite = assessor.assess(buyer, day0 + 2, null);
        ProfileScores firstOfTwo = assessor.assess(registered, day0 + 2, null);
        assertThat(firstOfTwo.stage()).isNotEqualTo(oneWrite.stage());
        ProfileScores secondOfTwo = assessor.assess(buyer, day0 + 2, firstOfTwo);
        assertThat(secondOfTwo).isEqualTo(oneWrite);

        // on a later day the stage the day ended in is history
        ProfileScores nextDay = assessor.assess(registered, day0 + 3, firstOfTwo);
        ProfileScores after = assessor.assess(buyer, day0 + 4, nextDay);
        assertThat(after.previousStage()).isEqualTo(firstOfTwo.stage());
    }

    @Test
    void aNonBuyerHasNoRfmAndNoClv() {
        ProfileFacts f = fold.empty();
        fold.apply(f, event("reg", 0, new Payload.Registration("organic", null)));
        ProfileScores s = assessor.assess(f, day0 + 3, null);
        assertThat(s.stage()).isEqualTo(LifecycleStage.INTRODUCTION);
        assertThat(s.recencyDays()).isNull();
        assertThat(s.r()).isNull();
        assertThat(s.pAlive()).isNull();
        assertThat(s.clvOrZero()).isZero();
    }

    @Test
    void scoresAndMarksSurviveTheirCodecAtTheStatedPrecision() {
        ProfileScores s = assessor.assess(buyer(7, 6), day0 + 50, null);
        ProfileScores back = ScoresCodec.decode(ScoresCodec.encode(s));
        assertThat(ScoresCodec.encode(back)).isEqualTo(ScoresCodec.encode(s));
        assertThat(back.stage()).isEqualTo(s.stage());
        assertThat(back.composite()).isCloseTo(s.composite(), org.assertj.core.data.Offset.offset(0.005));
        assertThat(back.predictedClv()).isCloseTo(s.predictedClv(), org.assertj.core.data.Offset.offset(0.0005));
        assertThat(ScoresCodec.encode(s).length).isLessThan(64);

        DailyMarks marks = DailyMarks.NONE.record(DailyMark.of(back));
        assertThat(ScoresCodec.decodeMarks(ScoresCodec.encode(marks))).isEqualTo(marks);
    }

    @Test
    void aRerunOfADayComparesWithTheSameBaselineAsTheFirstRun() {
        ProfileScores day10 = ScoresCodec.normalize(assessor.assess(buyer(7, 3), day0 + 10, null));
        ProfileScores day11 = ScoresCodec.normalize(assessor.assess(buyer(7, 3), day0 + 11, day10));
        DailyMarks afterDay10 = DailyMarks.NONE.record(DailyMark.of(day10));
        DailyMarks afterDay11 = afterDay10.record(DailyMark.of(day11));
        assertThat(afterDay10.baselineFor(day0 + 11).day()).isEqualTo(day0 + 10);
        // re-running day 11 after it already ran: the baseline is still day 10, and recording it again changes nothing
        assertThat(afterDay11.baselineFor(day0 + 11).day()).isEqualTo(day0 + 10);
        assertThat(afterDay11.record(DailyMark.of(day11))).isEqualTo(afterDay11);
    }
}
