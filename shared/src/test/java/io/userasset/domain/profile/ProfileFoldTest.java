package io.userasset.domain.profile;

import io.userasset.domain.time.Days;
import io.userasset.events.Money;
import io.userasset.events.Payload;
import org.junit.jupiter.api.Test;

import static io.userasset.domain.profile.TestEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

class ProfileFoldTest {
    private final ProfileFold fold = new ProfileFold(Days.utc(), 35, 365);
    private final int day0 = Days.day(DAY0);

    @Test
    void ordersAndRefundsAddUpToNetRevenueAndRepeatedOrderIdsCountOnce() {
        ProfileFacts f = fold.empty();
        assertThat(fold.apply(f, order("e1", "u", 0, "o1", 10_000))).isEqualTo(FoldOutcome.APPLIED);
        assertThat(fold.apply(f, order("e2", "u", 0, "o2", 5_000))).isEqualTo(FoldOutcome.APPLIED);
        // the same order resent under a new event id is the same order
        assertThat(fold.apply(f, order("e3", "u", 0, "o1", 10_000))).isEqualTo(FoldOutcome.DUPLICATE);
        assertThat(fold.apply(f, refund("e4", "u", 3, "o1", 2_500))).isEqualTo(FoldOutcome.APPLIED);
        assertThat(fold.apply(f, refund("e4", "u", 3, "o1", 2_500))).isEqualTo(FoldOutcome.DUPLICATE);
        assertThat(fold.apply(f, order("e5", "u", 10, "o3", 7_000))).isEqualTo(FoldOutcome.APPLIED);

        assertThat(f.orders()).isEqualTo(3);
        assertThat(f.grossMilli()).isEqualTo(22_000);
        assertThat(f.refundedMilli()).isEqualTo(2_500);
        assertThat(f.netMilli()).isEqualTo(19_500);
        assertThat(f.firstOrderDay()).isEqualTo(day0);
        assertThat(f.lastOrderDay()).isEqualTo(day0 + 10);
        assertThat(f.firstDaySpendMilli()).isEqualTo(15_000); // two orders on the first day: one occasion
        assertThat(f.purchaseDays(day0 + 10)).isEqualTo(2);   // x = 1 repeat purchase day
        assertThat(f.ordersInWindow(day0 + 10)).isEqualTo(3);
        assertThat(f.netMilliInWindow(day0 + 10)).isEqualTo(19_500);
    }

    @Test
    void theRollingWindowDropsWholeWeeksThatLeftIt() {
        ProfileFacts f = fold.empty();
        fold.apply(f, order("e1", "u", 0, "o1", 1_000));      // Thursday of week W
        fold.apply(f, order("e2", "u", 200, "o2", 2_000));
        int windowWeeks = (365 + 6) / 7;                        // 53
        int lastDayInWindow = day0 + 7 * (windowWeeks - 1);     // same weekday, 52 weeks later: still in
        assertThat(f.ordersInWindow(day0 + 200)).isEqualTo(2);
        fold.apply(f, session("s1", "u", lastDayInWindow - day0, 0));
        assertThat(f.ordersInWindow(lastDayInWindow)).isEqualTo(2);
        fold.apply(f, session("s2", "u", lastDayInWindow - day0 + 7, 0)); // one week later: the first order left
        assertThat(f.ordersInWindow(lastDayInWindow + 7)).isEqualTo(1);
        assertThat(f.netMilliInWindow(lastDayInWindow + 7)).isEqualTo(2_000);
        assertThat(f.orders()).isEqualTo(2); // lifetime keeps everything
    }

    @Test
    void engagementIsCountedPerWeekForItsRollingWindow() {
        ProfileFacts f = fold.empty();
        fold.apply(f, event("sh1", "u", 0, 10, new Payload.ContentShared()));
        fold.apply(f, event("p1", "u", 0, 20, new Payload.ContentPosted("c1")));
        fold.apply(f, event("p1b", "u", 1, 20, new Payload.ContentPosted("c1"))); // same content: one post
        fold.apply(f, event("rf", "u", 100, 30, new Payload.ReferralConverted("friend-1")));
        fold.apply(f, event("sh2", "u", 100, 40, new Payload.ContentShared()));
        assertThat(f.sharesInWindow(day0 + 100, 365)).isEqualTo(2);
        assertThat(f.postsInWindow(day0 + 100, 365)).isEqualTo(1);
        assertThat(f.referralsInWindow(day0 + 100, 365)).isEqualTo(1);
        assertThat(f.sharesInWindow(day0 + 100, 28)).isEqualTo(1);   // four weeks: only the recent share
        assertThat(f.postsInWindow(day0 + 100, 28)).isZero();
        assertThat(ProfileCodec.decode(ProfileCodec.encode(f), fold.windowWeeks())).isEqualTo(f);
    }

    @Test
    void theEarliestRegistrationWinsWhateverTheOrder() {
        ProfileFacts a = fold.empty();
        fold.apply(a, registration("r2", "u", 5, "ads"));
        fold.apply(a, registration("r1", "u", 2, "organic"));
        ProfileFacts b = fold.empty();
        fold.apply(b, registration("r1", "u", 2, "organic"));
        assertThat(fold.apply(b, registration("r2", "u", 5, "ads"))).isEqualTo(FoldOutcome.APPLIED); // active that day
        assertThat(a.channel()).isEqualTo("organic");
        assertThat(a).isEqualTo(b);
    }

    @Test
    void activityRecordsDaysAndRepeatedSignalsChangeNothing() {
        ProfileFacts f = fold.empty();
        assertThat(fold.apply(f, session("s1", "u", 0, 100))).isEqualTo(FoldOutcome.APPLIED);
        assertThat(fold.apply(f, session("s1", "u", 0, 100))).isEqualTo(FoldOutcome.DUPLICATE);
        assertThat(fold.apply(f, session("s2", "u", 1, 100))).isEqualTo(FoldOutcome.APPLIED);
        assertThat(fold.apply(f, session("s3", "u", 7, 100))).isEqualTo(FoldOutcome.APPLIED);
        assertThat(f.activeOn(day0)).isTrue();
        assertThat(f.activeOn(day0 + 1)).isTrue();
        assertThat(f.activeOn(day0 + 2)).isFalse();
        assertThat(f.activeOn(day0 + 7)).isTrue();
        assertThat(f.activeDays(day0 + 7, 7)).isEqualTo(2);
        assertThat(f.firstSeenDay()).isEqualTo(day0);
        // refunds and referrals do not make anyone active (SPEC §2)
        fold.apply(f, refund("x1", "u", 9, "o", 10));
        fold.apply(f, event("x2", "u", 9, 0, new Payload.ReferralConverted("friend")));
        assertThat(f.activeOn(day0 + 9)).isFalse();
        assertThat(f.referrals()).isEqualTo(1);
    }

    @Test
    void earlyActivityIsKeptForRetentionLongAfterTheRecentWindowMoved() {
        ProfileFacts f = fold.empty();
        fold.apply(f, session("s0", "u", 0, 0));
        fold.apply(f, session("s1", "u", 1, 0));
        fold.apply(f, session("s30", "u", 30, 0));
        fold.apply(f, session("s400", "u", 400, 0));
        assertThat(f.activeOn(day0 + 1)).isTrue();
        assertThat(f.activeOn(day0 + 30)).isTrue();
        assertThat(f.activeOn(day0 + 7)).isFalse();
        assertThat(f.activityKnownOn(day0 + 7)).isTrue();
        assertThat(f.activityKnownOn(day0 + 200)).isFalse();
    }

    @Test
    void linkingMergesAnonymousHistoryOnce() {
        ProfileFacts anon = fold.empty();
        fold.apply(anon, anonymous("a1", "anon-1", 0, 10, new Payload.Session("web")));
        fold.apply(anon, anonymous("a2", "anon-1", 1, 10, new Payload.OrderPaid("o-anon", new Money(4_000, "USD"))));
        ProfileFacts user = fold.empty();
        fold.apply(user, registration("r", "u", 2, "ads"));
        fold.apply(user, order("e1", "u", 3, "o-user", 6_000));

        assertThat(fold.link(user, "anon-1", anon)).isEqualTo(FoldOutcome.APPLIED);
        assertThat(fold.link(user, "anon-1", anon)).isEqualTo(FoldOutcome.DUPLICATE);
        assertThat(user.orders()).isEqualTo(2);
        assertThat(user.grossMilli()).isEqualTo(10_000);
        assertThat(user.firstSeenDay()).isEqualTo(day0);
        assertThat(user.firstOrderDay()).isEqualTo(day0 + 1);
        assertThat(user.activeOn(day0)).isTrue();
        // a redelivered anonymous order, now redirected to the user, is recognised
        assertThat(fold.apply(user, anonymous("a2", "anon-1", 1, 10, new Payload.OrderPaid("o-anon", new Money(4_000, "USD")))))
                .isEqualTo(FoldOutcome.DUPLICATE);
        // the merged result does not depend on which side had which events first
        ProfileFacts other = fold.empty();
        fold.link(other, "anon-1", anon);
        fold.apply(other, registration("r", "u", 2, "ads"));
        fold.apply(other, order("e1", "u", 3, "o-user", 6_000));
        assertThat(other).isEqualTo(user);
    }

    @Test
    void anEventOlderThanTheHorizonIsAppliedAndFlaggedLate() {
        ProfileFacts f = fold.empty();
        fold.apply(f, session("s", "u", 100, 0));
        assertThat(fold.apply(f, order("e", "u", 100 - 36, "o-old", 1_000))).isEqualTo(FoldOutcome.APPLIED_LATE);
        assertThat(fold.apply(f, order("e2", "u", 100 - 35, "o-edge", 1_000))).isEqualTo(FoldOutcome.APPLIED);
        assertThat(fold.apply(f, order("e2", "u", 100 - 35, "o-edge", 1_000))).isEqualTo(FoldOutcome.DUPLICATE);
        assertThat(f.orders()).isEqualTo(2);
    }

    @Test
    void aYearOfDailyActivityAnd200OrdersEncodesSmall() {
        ProfileFacts f = fold.empty();
        fold.apply(f, event("reg", "heavy-user-0001", 0, 0, new Payload.Registration("paid_search", "black-friday-2025")));
        int orders = 0;
        for (int day = 0; day < 365; day++) {
            fold.apply(f, session("s" + day, "heavy-user-0001", day, 3600));
            fold.apply(f, session("t" + day, "heavy-user-0001", day, 7200));
            if (day % 2 == 0 && orders < 200) {
                fold.apply(f, order("o" + day, "heavy-user-0001", day, "order-" + day, 12_345 + day * 17L));
                orders++;
            }
            if (day % 9 == 0 && orders < 200) {
                fold.apply(f, order("p" + day, "heavy-user-0001", day, "order-x" + day, 99_990));
                orders++;
            }
            if (day % 30 == 0) fold.apply(f, refund("r" + day, "heavy-user-0001", day, "order-" + day, 1_000));
            if (day % 14 == 0) fold.apply(f, event("sh" + day, "heavy-user-0001", day, 100, new Payload.ContentShared()));
        }
        assertThat(f.orders()).isEqualTo(200);
        byte[] encoded = ProfileCodec.encode(f);
        assertThat(encoded.length).as("encoded facts").isLessThan(700);
        assertThat(ProfileCodec.decode(encoded, fold.windowWeeks())).isEqualTo(f);
    }

    /** Issue 3: a user with hundreds of keyed events in a day keeps a small item; the rest of the keys are archived. */
    @Test
    void keysBeyondTheInlineLimitMoveToAnArchiveAndStillCatchRepeats() {
        ProfileFacts f = fold.empty();
        for (int i = 0; i < 500; i++) fold.apply(f, order("e" + i, "bot", 40 + i / 250, "order-" + i, 1_000));
        KeyArchive archive = fold.spillKeys(f, 32, 7L);
        assertThat(archive.size()).isEqualTo(500);
        assertThat(archive.newestDay()).isEqualTo(day0 + 41);
        assertThat(f.inlineKeyCount()).isZero();
        assertThat(fold.spillKeys(f, 32, 8L)).as("nothing inline to move").isNull();

        byte[] item = ProfileCodec.encode(f);
        assertThat(item.length).as("facts with 500 keys archived").isLessThan(200);
        ProfileFacts read = ProfileCodec.decode(item, fold.windowWeeks());
        assertThat(read.keyArchive()).isEqualTo(new KeyArchiveRef(7L, 500, day0 + 41));

        // sessions fold without the archive; a keyed event needs it loaded first
        assertThat(fold.apply(read, session("s", "bot", 42, 10))).isEqualTo(FoldOutcome.APPLIED);
        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> fold.apply(read, order("e3", "bot", 40, "order-3", 1_000)));
        read.loadKeyArchive(ProfileCodec.decodeKeyArchive(ProfileCodec.encodeKeyArchive(archive)));
        assertThat(fold.apply(read, order("e3", "bot", 40, "order-3", 1_000))).isEqualTo(FoldOutcome.DUPLICATE);
        assertThat(fold.apply(read, order("e500", "bot", 41, "order-500", 1_000))).isEqualTo(FoldOutcome.APPLIED);
        assertThat(read.orders()).isEqualTo(501);

        // the next archive carries the old one's keys and the new inline key
        KeyArchive next = fold.spillKeys(read, 0, 9L);
        assertThat(next.size()).isEqualTo(501);
        // once every archived key is beyond the horizon, the archive is dropped unread
        ProfileFacts later = ProfileCodec.decode(ProfileCodec.encode(read), fold.windowWeeks());
        fold.apply(later, session("s2", "bot", 41 + 36, 10));
        assertThat(later.keyArchive()).isNull();
        assertThat(fold.apply(later, order("e9", "bot", 41 + 36, "order-9", 1_000))).isEqualTo(FoldOutcome.APPLIED);
    }

    @Test
    void linkingAVisitorWithArchivedKeysMergesThemAll() {
        ProfileFacts anon = fold.empty();
        for (int i = 0; i < 40; i++) {
            fold.apply(anon, anonymous("a" + i, "anon-9", 5, i, new Payload.OrderPaid("o-" + i, new Money(1_000, "USD"))));
        }
        KeyArchive archive = fold.spillKeys(anon, 4, 11L);
        ProfileFacts stored = ProfileCodec.decode(ProfileCodec.encode(anon), fold.windowWeeks());
        ProfileFacts user = fold.empty();
        fold.apply(user, order("u1", "u", 6, "o-user", 2_000));

        org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(() -> fold.link(user.copy(), "anon-9", stored));
        stored.loadKeyArchive(archive);
        assertThat(fold.link(user, "anon-9", stored)).isEqualTo(FoldOutcome.APPLIED);
        assertThat(user.orders()).isEqualTo(41);
        assertThat(fold.apply(user, anonymous("a7", "anon-9", 5, 7, new Payload.OrderPaid("o-7", new Money(1_000, "USD")))))
                .isEqualTo(FoldOutcome.DUPLICATE);
        assertThat(user.orders()).isEqualTo(41);
    }

    @Test
    void profilesWrittenBeforeKeyArchivesExistedAreStillRead() {
        ProfileFacts f = fold.empty();
        fold.apply(f, order("e", "u", 3, "o-1", 5_000));
        byte[] current = ProfileCodec.encode(f);
        // format 1 = format 2 without the trailing "no archive" byte
        byte[] v1 = java.util.Arrays.copyOf(current, current.length - 1);
        v1[0] = 1;
        assertThat(current[current.length - 1]).isZero();
        assertThat(ProfileCodec.decode(v1, fold.windowWeeks())).isEqualTo(f);
    }
}
