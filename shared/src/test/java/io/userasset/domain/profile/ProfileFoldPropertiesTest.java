package io.userasset.domain.profile;

import io.userasset.domain.time.Days;
import io.userasset.events.Event;
import io.userasset.events.Money;
import io.userasset.events.Payload;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §3: the fold is commutative and idempotent. Random histories are folded once in order, and
 * again shuffled, with duplicates, split into "batches" with an encode/decode round trip between
 * them (as storage does): the facts must be identical.
 */
class ProfileFoldPropertiesTest {
    private static final int HORIZON = 35;
    private final ProfileFold fold = new ProfileFold(Days.utc(), HORIZON, 365);

    @Property(tries = 300)
    void anyOrderDuplicationAndSplitWithinTheHorizonGivesTheSameFacts(@ForAll("seeds") long seed,
                                                                       @ForAll @IntRange(min = 1, max = 80) int events) {
        Random random = new Random(seed);
        List<Event> history = history(random, events, HORIZON);
        ProfileFacts expected = foldInOrder(history);

        ProfileFacts actual = foldInBatches(shuffledWithRedeliveries(history, random), random);

        assertThat(actual).isEqualTo(expected);
    }

    @Property(tries = 200)
    void anyOrderOverAYearGivesTheSameFactsWhenNothingIsRepeated(@ForAll("seeds") long seed,
                                                                 @ForAll @IntRange(min = 1, max = 120) int events) {
        Random random = new Random(seed);
        List<Event> history = history(random, events, 380);
        ProfileFacts expected = foldInOrder(history);
        List<Event> shuffled = new ArrayList<>(history);
        Collections.shuffle(shuffled, random);
        assertThat(foldInBatches(shuffled, random)).isEqualTo(expected);
    }

    /**
     * Issue 3 (items within one write unit): keys moved to archives at random writes, however few
     * are kept inline, change no fact and no deduplication decision.
     */
    @Property(tries = 300)
    void movingKeysToArchivesAtAnyWriteChangesNoFact(@ForAll("seeds") long seed,
                                                     @ForAll @IntRange(min = 1, max = 120) int events,
                                                     @ForAll @IntRange(min = 1, max = 6) int inlineLimit) {
        Random random = new Random(seed);
        List<Event> history = history(random, events, HORIZON);
        ProfileFacts expected = foldInOrder(history);

        Map<Long, byte[]> archives = new HashMap<>();
        ProfileFacts f = fold.empty();
        for (Event e : shuffledWithRedeliveries(history, random)) {
            fold.apply(f, e);
            if (random.nextInt(3) == 0) f = storeAndLoad(f, inlineLimit, archives, random);
        }
        f = storeAndLoad(f, inlineLimit, archives, random);

        assertThat(f.inlineKeyCount()).isLessThanOrEqualTo(inlineLimit);
        assertThat(fold.withAllKeysInline(f)).isEqualTo(expected);
    }

    /** The history with a third of its events delivered twice, in random order. */
    private static List<Event> shuffledWithRedeliveries(List<Event> history, Random random) {
        List<Event> delivered = new ArrayList<>(history);
        for (Event e : history) {
            if (random.nextInt(3) == 0) delivered.add(e);
        }
        Collections.shuffle(delivered, random);
        return delivered;
    }

    /** What a write and a later read do: spill, encode, decode, load the archive referred to. */
    private ProfileFacts storeAndLoad(ProfileFacts f, int inlineLimit, Map<Long, byte[]> archives, Random random) {
        KeyArchive spilled = fold.spillKeys(f, inlineLimit, random.nextLong() | 1);
        if (spilled != null) archives.put(spilled.id(), ProfileCodec.encodeKeyArchive(spilled));
        ProfileFacts read = ProfileCodec.decode(ProfileCodec.encode(f), fold.windowWeeks());
        if (read.keyArchive() != null) read.loadKeyArchive(ProfileCodec.decodeKeyArchive(archives.get(read.keyArchive().id())));
        return read;
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    private ProfileFacts foldInOrder(List<Event> history) {
        List<Event> ordered = new ArrayList<>(history);
        ordered.sort((a, b) -> a.occurredAt().compareTo(b.occurredAt()));
        ProfileFacts f = fold.empty();
        for (Event e : ordered) fold.apply(f, e);
        return f;
    }

    private ProfileFacts foldInBatches(List<Event> delivered, Random random) {
        ProfileFacts f = fold.empty();
        for (Event e : delivered) {
            fold.apply(f, e);
            if (random.nextInt(4) == 0) f = ProfileCodec.decode(ProfileCodec.encode(f), fold.windowWeeks());
        }
        return ProfileCodec.decode(ProfileCodec.encode(f), fold.windowWeeks());
    }

    /** One user's history over {@code spanDays} days: every kind of user event, with repeats of order ids. */
    static List<Event> history(Random random, int count, int spanDays) {
        int start = random.nextInt(30);
        List<Event> events = new ArrayList<>();
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int day = start + random.nextInt(spanDays + 1);
            int second = random.nextInt(86_400);
            String id = "e-" + i;
            Payload payload = switch (random.nextInt(9)) {
                case 0 -> new Payload.Registration(random.nextBoolean() ? "ads" : "organic", random.nextBoolean() ? "spring" : null);
                case 1, 2 -> new Payload.Session("app");
                case 3, 4 -> {
                    String orderId = "o-" + random.nextInt(count + 1);
                    if (orderIds.contains(orderId)) yield new Payload.Session("web"); // one event per order id
                    orderIds.add(orderId);
                    yield new Payload.OrderPaid(orderId, new Money(1 + random.nextInt(500_000), "USD"));
                }
                case 5 -> new Payload.OrderRefunded("o-" + random.nextInt(count + 1), new Money(1 + random.nextInt(50_000), "USD"));
                case 6 -> new Payload.ContentShared();
                case 7 -> new Payload.ContentPosted("c-" + random.nextInt(5));
                default -> new Payload.ReferralConverted("friend-" + random.nextInt(5));
            };
            // Posts of the same content and referrals of the same friend are one fact, not several:
            // keep one event per natural key, as a well-behaved source would send it.
            if (payload instanceof Payload.ContentPosted p && events.stream().anyMatch(e -> e.payload().equals(p))) continue;
            if (payload instanceof Payload.ReferralConverted r && events.stream().anyMatch(e -> e.payload().equals(r))) continue;
            events.add(TestEvents.event(id, "u-1", day, second, payload));
        }
        return events;
    }
}
