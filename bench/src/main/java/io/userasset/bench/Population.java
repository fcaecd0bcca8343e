package io.userasset.bench;

import io.userasset.config.EngineConfig;
import io.userasset.domain.assessment.DailyMark;
import io.userasset.domain.assessment.DailyMarks;
import io.userasset.domain.assessment.ModelSet;
import io.userasset.domain.assessment.ProfileAssessor;
import io.userasset.domain.assessment.ProfileScores;
import io.userasset.domain.assessment.ScoresCodec;
import io.userasset.domain.profile.ProfileFacts;
import io.userasset.domain.profile.ProfileFold;
import io.userasset.domain.time.Days;
import io.userasset.events.Event;
import io.userasset.events.Money;
import io.userasset.events.Payload;
import io.userasset.events.ProfileKey;
import io.userasset.ports.StoredProfile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic, realistic user base: user {@code i}'s history is generated from (seed, i) alone,
 * so any process can rebuild any user. Each user registered on a day of the two years up to
 * {@code lastDay} through one of four channels, stays active for an exponentially distributed time
 * (mean 180 days; many have churned, some are active today), starts sessions at a personal rate
 * (log-normal, median one every ~6.7 days); 45 % are buyers with a personal order propensity per
 * session and log-normal order values (median 40 USD); some refunds, shares, posts and referrals.
 * The events are folded with the engine's own {@link ProfileFold}, and the profile is stored as the
 * engine would have left it: scored as of {@code lastDay} (ingest re-scores on every event) with the
 * daily mark of the run for {@code lastDay - 1}, version 1.
 */
final class Population {
    static final String[] CHANNELS = {"organic", "paid-search", "social", "referral"};
    private static final int HISTORY_DAYS = 730;
    private static final int MAX_EVENTS = 3_000;

    private final ProfileFold fold;
    private final ProfileAssessor assessor;
    private final Days days;
    private final int lastDay;
    private final long seed;

    Population(EngineConfig config, int lastDay, long seed) {
        this.days = new Days(config.time().zoneId());
        this.fold = new ProfileFold(days, config.profile().dedupHorizonDays(), config.rfm().windowDays());
        this.assessor = new ProfileAssessor(config, ModelSet.defaults(config));
        this.lastDay = lastDay;
        this.seed = seed;
    }

    static String userId(int i) {
        return "user-" + i;
    }

    int windowWeeks() {
        return fold.windowWeeks();
    }

    /** The stored profile of user {@code i}. */
    StoredProfile profile(int i) {
        ProfileFacts facts = facts(i);
        ProfileScores scores = ScoresCodec.normalize(assessor.assess(facts, Math.max(lastDay, facts.headDay()), null));
        ProfileScores yesterday = ScoresCodec.normalize(assessor.assess(facts, lastDay - 1, null));
        DailyMarks marks = DailyMarks.NONE.record(DailyMark.of(yesterday));
        return new StoredProfile(ProfileKey.user(userId(i)), 1L, facts, scores, marks, null);
    }

    ProfileFacts facts(int i) {
        ProfileFacts facts = fold.empty();
        for (Event e : history(i)) fold.apply(facts, e);
        return facts;
    }

    /** User {@code i}'s events, oldest first. */
    List<Event> history(int i) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
        String user = userId(i);
        List<Event> out = new ArrayList<>();
        long dayMillis = 86_400_000L;
        long start = days.endOf(lastDay).toEpochMilli() - (long) (1 + r.nextInt(HISTORY_DAYS)) * dayMillis
                + r.nextLong(dayMillis);
        long end = Math.min(days.endOf(lastDay).toEpochMilli() - 1,
                start + (long) (-Math.log(1 - r.nextDouble()) * 180 * dayMillis));
        String channel = CHANNELS[r.nextInt(CHANNELS.length)];
        out.add(event(user + "-reg", user, start, new Payload.Registration(channel,
                channel.equals("paid-search") ? "campaign-" + r.nextInt(12) : null)));
        double sessionsPerDay = Math.min(3.0, 0.15 * Math.exp(0.9 * gaussian(r)));
        boolean buyer = r.nextDouble() < 0.45;
        double orderPerSession = buyer ? 0.05 + 0.25 * r.nextDouble() : 0;
        int orders = 0;
        int n = 0;
        for (long t = start + (long) (r.nextDouble() * 3_600_000L); t <= end && out.size() < MAX_EVENTS;
             t += (long) (-Math.log(1 - r.nextDouble()) / sessionsPerDay * dayMillis)) {
            out.add(event(user + "-s" + n++, user, t, new Payload.Session("app")));
            if (r.nextDouble() < orderPerSession || (buyer && orders == 0 && r.nextDouble() < 0.5)) {
                String orderId = user + "-o" + orders++;
                long milli = Math.round(40_000 * Math.exp(0.8 * gaussian(r)));
                out.add(event(user + "-e" + n++, user, t + 600_000, new Payload.OrderPaid(orderId, new Money(milli, "USD"))));
                if (r.nextDouble() < 0.05) {
                    out.add(event(user + "-e" + n++, user, t + 3 * dayMillis,
                            new Payload.OrderRefunded(orderId, new Money(milli / 2, "USD"))));
                }
            }
            double u = r.nextDouble();
            if (u < 0.04) out.add(event(user + "-e" + n++, user, t + 300_000, new Payload.ContentShared()));
            else if (u < 0.06) out.add(event(user + "-e" + n++, user, t + 400_000, new Payload.ContentPosted(user + "-c" + n)));
            else if (u < 0.065) out.add(event(user + "-e" + n++, user, t + 500_000, new Payload.ReferralConverted(user + "-friend-" + n)));
        }
        // refunds are dated 3 days after their order, so this is not quite chronological; the fold does not care
        out.removeIf(e -> e.occurredAt().toEpochMilli() >= days.endOf(lastDay).toEpochMilli());
        out.sort(Comparator.comparing(Event::occurredAt));
        return out;
    }

    private static Event event(String id, String user, long atMilli, Payload payload) {
        return new Event(id, user, null, Instant.ofEpochMilli(atMilli), payload, Event.SourceFormat.NATIVE);
    }

    private static double gaussian(SplittableRandom r) {
        // Box–Muller (SplittableRandom has no nextGaussian in Java 17)
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
