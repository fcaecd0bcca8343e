package io.userasset.functions.ingest;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.userasset.adapters.dynamodb.DynamoAcquisitionCostStore;
import io.userasset.application.IngestReport;
import io.userasset.application.RecordOutcome;
import io.userasset.domain.profile.ProfileFacts;
import io.userasset.events.ProfileKey;
import io.userasset.functions.LocalEngine;
import io.userasset.localcloud.LocalCloud;
import io.userasset.ports.StoredProfile;
import io.userasset.tables.ResourceCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class IngestHandlerTest {
    private static LocalCloud cloud;
    private static LocalEngine local;
    private static SqsIngestHandler handler;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start();
        local = new LocalEngine(cloud);
        handler = new SqsIngestHandler(local.engine);
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @BeforeEach
    void clean() {
        local.faults.heal();
        local.clearProfiles();
    }

    /** A random history of identified users only (EventJson.history), sorted by event time. */
    private static List<EventJson.Sent> userHistoryInTimeOrder(long seed, String prefix, int users, int events, int spanDays) {
        List<EventJson.Sent> history = EventJson.history(new Random(seed), prefix, users, events, spanDays, false);
        history.sort(Comparator.comparing(EventJson.Sent::occurredAt));
        return history;
    }

    @Test
    void eightThreadsOnOverlappingUsersLoseNoUpdate() throws Exception {
        List<EventJson.Sent> history = EventJson.history(new Random(7), "c-", 12, 1_200, 30);
        Map<ProfileKey, ProfileFacts> expected = ingestInOrder(history);
        local.clearProfiles();

        List<List<EventJson.Sent>> batches = new ArrayList<>();
        for (int from = 0; from < history.size(); from += 25) {
            batches.add(history.subList(from, Math.min(history.size(), from + 25)));
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<SQSBatchResponse>> results = new ArrayList<>();
        for (List<EventJson.Sent> batch : batches) {
            results.add(threads.submit(() -> handler.handleRequest(EventJson.sqs(batch), null)));
        }
        for (Future<SQSBatchResponse> r : results) assertThat(r.get().getBatchItemFailures()).isEmpty();
        threads.shutdown();

        assertThat(facts()).isEqualTo(expected);
    }

    @Test
    void throttledWritesFailExactlyTheirEventsAndTheRetryConverges() {
        List<EventJson.Sent> history = userHistoryInTimeOrder(11, "t-", 10, 300, 20);
        Map<ProfileKey, ProfileFacts> expected = ingestInOrder(history);
        local.clearProfiles();

        Set<String> throttledUsers = Set.of("u#t-user-3", "u#t-user-7");
        local.faults.throttleWritesWhere(item -> throttledUsers.contains(item.get("pk").s()));
        Set<String> failed = new HashSet<>();
        List<EventJson.Sent> failedMessages = new ArrayList<>();
        for (int from = 0; from < history.size(); from += 50) {
            List<EventJson.Sent> batch = history.subList(from, Math.min(history.size(), from + 50));
            SQSBatchResponse response = handler.handleRequest(EventJson.sqs(batch), null);
            Set<String> batchFailures = response.getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
            failed.addAll(batchFailures);
            batch.stream().filter(s -> batchFailures.contains(s.messageId())).forEach(failedMessages::add);
        }
        // exactly the events whose profile write was throttled: the events of those two users
        Set<String> expectedFailures = history.stream()
                .filter(s -> s.body().contains("\"userId\":\"t-user-3\"") || s.body().contains("\"userId\":\"t-user-7\""))
                .map(EventJson.Sent::messageId).collect(Collectors.toSet());
        assertThat(failed).isEqualTo(expectedFailures);
        assertThat(local.faults.injected()).isPositive();

        local.faults.heal();
        SQSBatchResponse retry = handler.handleRequest(EventJson.sqs(failedMessages), null);
        assertThat(retry.getBatchItemFailures()).isEmpty();
        assertThat(facts()).isEqualTo(expected);
    }

    /**
     * Ten events to a message, as a batching producer sends them: every event is accounted for on its
     * own (a bad one rejected under its own source id), and an event that fails redelivers its whole
     * message, whose other events then come back as duplicates.
     */
    @Test
    void packedMessagesAccountForEveryEventAndAFailedEventRedeliversItsMessage() {
        List<EventJson.Sent> history = userHistoryInTimeOrder(13, "p-", 10, 200, 20);
        Map<ProfileKey, ProfileFacts> expected = ingestInOrder(history);
        local.clearProfiles();
        Map<String, RecordOutcome> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
        local.engine.onIngestReport(r -> outcomes.putAll(r.outcomes()));

        List<EventJson.Sent> packs = new ArrayList<>();
        Map<String, List<EventJson.Sent>> packed = new HashMap<>();
        for (int from = 0; from < history.size(); from += 10) {
            List<EventJson.Sent> events = history.subList(from, Math.min(history.size(), from + 10));
            String id = "pack-" + from / 10;
            packs.add(new EventJson.Sent(id, "[" + events.stream().map(EventJson.Sent::body).collect(Collectors.joining(",\n ")) + "]", null));
            packed.put(id, events);
        }
        String invalid = "{\"eventId\":\"no-identity\",\"type\":\"session_started\",\"occurredAt\":\"2026-09-02T10:00:00Z\"}";
        EventJson.Sent again = history.stream().filter(e -> !e.body().contains("p-user-3")).findFirst().orElseThrow();
        packs.add(new EventJson.Sent("pack-bad", "[" + again.body() + "," + invalid + "]", null));
        packs.add(new EventJson.Sent("pack-truncated", "[" + again.body(), null));
        local.faults.throttleWritesWhere(item -> "u#p-user-3".equals(item.get("pk").s()));

        Set<String> failed = handler.handleRequest(EventJson.sqs(packs), null).getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());

        Set<String> withUser3 = packed.entrySet().stream().filter(e -> e.getValue().stream()
                .anyMatch(s -> s.body().contains("\"userId\":\"p-user-3\""))).map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(withUser3).isNotEmpty().hasSizeLessThan(packed.size());
        assertThat(failed).isEqualTo(withUser3);
        assertThat(outcomes.get("pack-bad#1")).isEqualTo(RecordOutcome.REJECTED);
        assertThat(outcomes.get("pack-bad#0")).isEqualTo(RecordOutcome.DUPLICATE);
        assertThat(outcomes.get("pack-truncated")).as("a broken batch is one rejected input").isEqualTo(RecordOutcome.REJECTED);
        assertThat(outcomes).hasSize(history.size() + 3);

        local.faults.heal();
        outcomes.clear();
        List<EventJson.Sent> redelivered = packs.stream().filter(p -> failed.contains(p.messageId())).toList();
        assertThat(handler.handleRequest(EventJson.sqs(redelivered), null).getBatchItemFailures()).isEmpty();
        for (String id : withUser3) {
            List<EventJson.Sent> events = packed.get(id);
            for (int k = 0; k < events.size(); k++) {
                assertThat(outcomes.get(id + "#" + k)).as("%s#%d", id, k).isEqualTo(
                        events.get(k).body().contains("\"userId\":\"p-user-3\"") ? RecordOutcome.APPLIED : RecordOutcome.DUPLICATE);
            }
        }
        assertThat(facts()).isEqualTo(expected);
    }

    @Test
    void aFailedBatchReadFallsBackToSingleReadsAndFailsNothing() {
        List<EventJson.Sent> history = userHistoryInTimeOrder(13, "b-", 20, 400, 20);
        Map<ProfileKey, ProfileFacts> expected = ingestInOrder(history);
        local.clearProfiles();

        local.faults.throttleBatchReads(true);
        AtomicInteger fallbacks = new AtomicInteger();
        local.engine.onIngestReport(r -> fallbacks.addAndGet(r.batchReadFallbacks()));
        for (int from = 0; from < history.size(); from += 100) {
            SQSBatchResponse response = handler.handleRequest(EventJson.sqs(history.subList(from, Math.min(history.size(), from + 100))), null);
            assertThat(response.getBatchItemFailures()).isEmpty();
        }
        local.engine.onIngestReport(r -> { });
        assertThat(fallbacks.get()).as("batches that fell back to single reads").isEqualTo((history.size() + 99) / 100);
        assertThat(facts()).isEqualTo(expected);
    }

    /** Two sessions of one day change the profile once each in time order, but not the earlier after the later. */
    @Test
    void aUsersEventsFoldInEventTimeOrderSoDeliveryOrderDoesNotChangeTheReport() {
        Instant nine = LocalEngine.NOW.minus(Duration.ofHours(3));
        Instant ten = nine.plus(Duration.ofHours(1));
        List<IngestReport> reports = new ArrayList<>();
        local.engine.onIngestReport(reports::add);
        SQSBatchResponse response = handler.handleRequest(EventJson.sqs(List.of(
                new EventJson.Sent("at-ten", EventJson.event("s-10", "session_started", "order-user", null, ten, "{}"), null),
                new EventJson.Sent("at-nine", EventJson.event("s-9", "session_started", "order-user", null, nine, "{}"), null),
                new EventJson.Sent("at-ten-again", EventJson.event("s-10b", "session_started", "order-user", null, ten, "{}"), null))),
                null);
        local.engine.onIngestReport(r -> { });

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(reports.get(0).outcomes()).containsEntry("at-nine", RecordOutcome.APPLIED)
                .containsEntry("at-ten", RecordOutcome.APPLIED)
                .as("a second session at the same instant changes nothing").containsEntry("at-ten-again", RecordOutcome.DUPLICATE);
    }

    @Test
    void theSameCostEventTwiceInOneBatchIsStoredOnceAndTheCopyIsADuplicate() {
        String cost = "{\"eventId\":\"cost-2026-02-01-tv\",\"type\":\"acquisition_cost\",\"occurredAt\":\"2026-02-02T01:00:00Z\","
                + "\"properties\":{\"channel\":\"tv\",\"amount\":125.5,\"currency\":\"USD\",\"date\":\"2026-02-01\"}}";
        List<IngestReport> reports = new ArrayList<>();
        local.engine.onIngestReport(reports::add);
        SQSBatchResponse response = handler.handleRequest(EventJson.sqs(List.of(
                new EventJson.Sent("cost-a", cost, null), new EventJson.Sent("cost-b", cost, null))), null);
        local.engine.onIngestReport(r -> { });

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(reports.get(0).outcomes()).containsEntry("cost-a", RecordOutcome.APPLIED)
                .containsEntry("cost-b", RecordOutcome.DUPLICATE);
        var costs = new DynamoAcquisitionCostStore(cloud.dynamoDb(),
                cloud.tableName(ResourceCatalog.ENGINE));
        assertThat(costs.costsBetween(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-01"))).containsExactly(Map.entry("tv", 125_500L));
    }

    @Test
    void profilesAreLoadedAHundredPerBatchReadAndNoneIsLost() {
        List<EventJson.Sent> events = new ArrayList<>();
        Set<ProfileKey> stored = new HashSet<>();
        for (int i = 0; i < 250; i++) {
            String user = "bulk-reader-" + i;
            events.add(new EventJson.Sent("bulk-" + i, EventJson.event("bulk-" + i, "session_started", user, null,
                    EventJson.at(-2, i), "{}"), null));
            stored.add(ProfileKey.user(user));
        }
        assertThat(handler.handleRequest(EventJson.sqs(events), null).getBatchItemFailures()).isEmpty();
        Set<ProfileKey> asked = new HashSet<>(stored);
        for (int i = 0; i < 10; i++) asked.add(ProfileKey.user("never-seen-" + i));

        Map<ProfileKey, StoredProfile> loaded = local.profileStore().loadAll(asked);

        assertThat(loaded.keySet()).as("three batch reads, the missing keys absent").containsExactlyInAnyOrderElementsOf(stored);
        loaded.forEach((key, profile) -> assertThat(profile.key()).isEqualTo(key));
    }

    @Test
    void aCostWindowAddsUpEveryDayInItAcrossMonthAndYearEndsAndNoDayOutsideIt() {
        List<EventJson.Sent> sent = new ArrayList<>();
        LocalDate first = LocalDate.parse("2024-12-31");
        for (int d = -1; d <= 33; d++) { // a day before the window, the window 2024-12-31 … 2025-02-01, a day after
            LocalDate day = first.plusDays(d);
            for (String channel : List.of("ads", "social")) {
                String id = "window-" + channel + "-" + day;
                sent.add(new EventJson.Sent(id, "{\"eventId\":\"" + id + "\",\"type\":\"acquisition_cost\",\"occurredAt\":\""
                        + day + "T23:00:00Z\",\"properties\":{\"channel\":\"" + channel + "\",\"amount\":"
                        + (channel.equals("ads") ? 10 : 1) + ",\"currency\":\"USD\",\"date\":\"" + day + "\"}}", null));
            }
        }
        assertThat(handler.handleRequest(EventJson.sqs(sent), null).getBatchItemFailures()).isEmpty();
        var costs = new DynamoAcquisitionCostStore(cloud.dynamoDb(), cloud.tableName(ResourceCatalog.ENGINE));

        // 2024-12-31 … 2025-02-01: 1 + 31 + 1 = 33 days in three month partitions
        assertThat(costs.costsBetween(first, LocalDate.parse("2025-02-01")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("ads", 330_000L, "social", 33_000L));
        assertThat(costs.costsBetween(LocalDate.parse("2025-01-31"), LocalDate.parse("2025-01-31")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("ads", 10_000L, "social", 1_000L));
        assertThat(costs.costsBetween(LocalDate.parse("2025-02-02"), LocalDate.parse("2025-02-28")))
                .as("only the day after").containsExactlyInAnyOrderEntriesOf(Map.of("ads", 10_000L, "social", 1_000L));
    }

    @Test
    void aYearOfDailyActivityAnd200OrdersStaysWithinOneWriteUnit() {
        List<EventJson.Sent> events = new ArrayList<>();
        events.add(new EventJson.Sent("reg", EventJson.event("reg", "user_registered", "heavy-user-000001", null,
                EventJson.at(-300, 60), "{\"channel\":\"paid_search\",\"campaign\":\"black-friday-2025-retargeting\"}"), null));
        int orders = 0;
        for (int day = -300; day < 65; day++) {
            events.add(new EventJson.Sent("s" + day, EventJson.event("s" + day, "session_started", "heavy-user-000001", null,
                    EventJson.at(day, 3_600), "{}"), null));
            if ((day % 2 == 0 || day % 9 == 0) && orders < 200) {
                events.add(new EventJson.Sent("o" + day, EventJson.event("o" + day, "order_paid", "heavy-user-000001", null,
                        EventJson.at(day, 7_200), "{\"orderId\":\"order-2026-" + day + "\",\"amount\":" + (20 + Math.floorMod(day, 37))
                                + ".99,\"currency\":\"USD\"}"), null));
                orders++;
            }
            if (day % 30 == 0) {
                events.add(new EventJson.Sent("r" + day, EventJson.event("r" + day, "order_refunded", "heavy-user-000001", null,
                        EventJson.at(day, 9_000), "{\"orderId\":\"order-2026-" + day + "\",\"amount\":5.00,\"currency\":\"USD\"}"), null));
            }
        }
        for (int from = 0; from < events.size() - 1; from += 100) {
            handler.handleRequest(EventJson.sqs(events.subList(from, Math.min(events.size() - 1, from + 100))), null);
        }
        local.engine.capacity().reset();
        handler.handleRequest(EventJson.sqs(events.subList(events.size() - 1, events.size())), null);

        StoredProfile stored = local.profileStore().loadLatest(ProfileKey.user("heavy-user-000001"));
        assertThat(stored.facts().orders()).isEqualTo(200);
        assertThat(local.engine.capacity().writeUnits()).as("write units of one profile update").isEqualTo(1.0);
    }

    /**
     * A reseller with 600 orders, shares and posts in two days: the keys beyond the inline 32 live in
     * a key archive, so every profile write stays one write unit, and every repeat is still caught.
     */
    @Test
    void hundredsOfKeyedEventsADayKeepTheItemWithinOneWriteUnitAndRepeatsAreCaught() {
        String user = "reseller-000001";
        List<EventJson.Sent> events = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String[] typeAndProperties = switch (i % 3) {
                case 0 -> new String[] {"order_paid", "{\"orderId\":\"bulk-" + i + "\",\"amount\":12.50,\"currency\":\"USD\"}"};
                case 1 -> new String[] {"content_shared", "{\"target\":\"whatsapp\"}"};
                default -> new String[] {"content_posted", "{\"contentId\":\"listing-" + i + "\"}"};
            };
            events.add(new EventJson.Sent("k" + i, EventJson.event("k" + i, typeAndProperties[0], user, null,
                    EventJson.at(i / 300, 60 + (i % 300) * 250), typeAndProperties[1]), null));
        }
        List<IngestReport> reports = new ArrayList<>();
        local.engine.onIngestReport(reports::add);
        for (int from = 0; from < events.size(); from += 10) deliver(events.subList(from, from + 10).toArray(EventJson.Sent[]::new));

        ProfileKey key = ProfileKey.user(user);
        StoredProfile stored = local.profileStore().loadLatest(key);
        assertThat(stored.facts().orders()).isEqualTo(200);
        assertThat(stored.facts().shares()).isEqualTo(200);
        assertThat(stored.facts().posts()).isEqualTo(200);
        assertThat(stored.facts().inlineKeyCount()).isLessThanOrEqualTo(32);
        assertThat(stored.facts().keyArchive().size()).isGreaterThanOrEqualTo(600 - 32);

        // one more order, without moving keys: one write unit for the profile (the archive is read, not written)
        EventJson.Sent extra = new EventJson.Sent("k600", EventJson.event("k600", "order_paid", user, null, EventJson.at(1, 80_000),
                "{\"orderId\":\"bulk-600\",\"amount\":3.00,\"currency\":\"USD\"}"), null);
        assertThat(stored.facts().inlineKeyCount()).as("room for one more inline key").isLessThan(32);
        local.engine.capacity().reset();
        deliver(extra);
        assertThat(local.engine.capacity().requests("PutItem")).isEqualTo(1);
        assertThat(local.engine.capacity().writeUnits()).as("write units of one profile update").isEqualTo(1.0);

        // every event again, reshuffled into other batches: all duplicates, nothing changes
        List<EventJson.Sent> again = new ArrayList<>(events);
        java.util.Collections.shuffle(again, new Random(5));
        reports.clear();
        for (int from = 0; from < again.size(); from += 25) deliver(again.subList(from, from + 25).toArray(EventJson.Sent[]::new));
        local.engine.onIngestReport(r -> { });
        assertThat(reports.stream().flatMap(r -> r.outcomes().values().stream()))
                .hasSize(600).allMatch(o -> o == RecordOutcome.DUPLICATE);
        assertThat(local.profileStore().loadLatest(key).facts().orders()).isEqualTo(201);
    }

    /**
     * An archive outlives its newest key by the horizon + 1 day: gone after that (TTL), it is
     * forgotten and counted; gone before, the events fail rather than risk counting a repeat.
     */
    @Test
    void aKeyArchiveGoneAfterItsExpiryIsForgottenAndOneGoneBeforeFailsTheEvents() {
        for (int i = 0; i < 40; i++) {
            deliver(order("old-" + i, "silent-buyer", 0, "old-order-" + i), order("new-" + i, "recent-buyer", 79, "new-order-" + i));
        }
        assertThat(local.profileStore().loadLatest(ProfileKey.user("silent-buyer")).facts().keyArchive()).isNotNull();
        assertThat(local.profileStore().loadLatest(ProfileKey.user("recent-buyer")).facts().keyArchive()).isNotNull();
        String engine = cloud.tableName(ResourceCatalog.ENGINE);
        cloud.dynamoDb().scanPaginator(b -> b.tableName(engine)).items().stream()
                .filter(item -> item.get("pk").s().startsWith("keys#"))
                .forEach(item -> cloud.dynamoDb().deleteItem(b -> b.tableName(engine).key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))));

        List<IngestReport> reports = new ArrayList<>();
        local.engine.onIngestReport(reports::add);
        // newest key on 2026-09-01: expired since the end of 2026-10-07; the clock says 2026-11-20
        deliver(order("old-40", "silent-buyer", 1, "old-order-40"));
        // newest key on 2026-11-19: cannot have expired yet
        SQSBatchResponse failed = handler.handleRequest(EventJson.sqs(List.of(order("new-40", "recent-buyer", 79, "new-order-40"))), null);
        local.engine.onIngestReport(r -> { });

        assertThat(reports.get(0).expiredKeyArchives()).isEqualTo(1);
        StoredProfile silent = local.profileStore().loadLatest(ProfileKey.user("silent-buyer"));
        assertThat(silent.facts().orders()).isEqualTo(41);
        assertThat(silent.facts().keyArchive()).isNull();
        assertThat(failed.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("new-40");
        assertThat(local.profileStore().loadLatest(ProfileKey.user("recent-buyer")).facts().orders()).isEqualTo(40);
    }

    private static EventJson.Sent order(String id, String user, int day, String orderId) {
        return new EventJson.Sent(id, EventJson.event(id, "order_paid", user, null, EventJson.at(day, 3_600 + id.hashCode() % 600),
                "{\"orderId\":\"" + orderId + "\",\"amount\":9.99,\"currency\":\"USD\"}"), null);
    }

    @Test
    void everyChangeIsScoredWithTheLatestPublishedModels() {
        java.time.Instant twoDaysAgo = LocalEngine.NOW.minus(java.time.Duration.ofDays(2));
        deliver(new EventJson.Sent("m1", EventJson.event("m1", "order_paid", "scored-user", null, twoDaysAgo,
                "{\"orderId\":\"so-1\",\"amount\":80.00,\"currency\":\"USD\"}"), twoDaysAgo));
        var before = local.profileStore().loadLatest(ProfileKey.user("scored-user")).scores();
        assertThat(before.recencyDays()).isEqualTo(2);
        assertThat(before.r()).isEqualTo(5); // default recency cuts 30/90/180/365 days
        assertThat(before.stage()).isEqualTo(io.userasset.domain.scoring.lifecycle.LifecycleStage.GROWTH);
        assertThat(before.predictedClv()).isPositive();

        // the daily job publishes models whose recency cut points put 2 days in the lowest quintile
        var stricter = io.userasset.config.ConfigLoader.withOverrides("rfm: {defaultRecencyCuts: [0.5, 1.0, 1.5, 1.9]}");
        local.engine.modelStore().publish(new io.userasset.domain.assessment.ModelSet(epochDay(LocalEngine.NOW) - 1,
                io.userasset.domain.scoring.ScoringModel.defaults(io.userasset.domain.scoring.ScoringConfig.from(stricter)),
                io.userasset.domain.clv.ClvModel.defaults(stricter.clv())));
        local.engine.models().invalidate();
        deliver(new EventJson.Sent("m2", EventJson.event("m2", "session_started", "scored-user", null, LocalEngine.NOW, "{}"),
                LocalEngine.NOW));

        var after = local.profileStore().loadLatest(ProfileKey.user("scored-user")).scores();
        assertThat(after.r()).isEqualTo(1);
        assertThat(after.frequency()).isEqualTo(1);
    }

    private static int epochDay(java.time.Instant instant) {
        return (int) LocalDate.ofInstant(instant, java.time.ZoneOffset.UTC).toEpochDay();
    }

    private static void deliver(EventJson.Sent... sent) {
        SQSBatchResponse r = handler.handleRequest(EventJson.sqs(List.of(sent)), null);
        assertThat(r.getBatchItemFailures()).isEmpty();
    }

    private Map<ProfileKey, ProfileFacts> ingestInOrder(List<EventJson.Sent> history) {
        List<EventJson.Sent> ordered = new ArrayList<>(history);
        ordered.sort(Comparator.comparing(EventJson.Sent::occurredAt));
        for (int from = 0; from < ordered.size(); from += 10) {
            SQSBatchResponse r = handler.handleRequest(EventJson.sqs(ordered.subList(from, Math.min(ordered.size(), from + 10))), null);
            assertThat(r.getBatchItemFailures()).isEmpty();
        }
        return facts();
    }

    private static Map<ProfileKey, ProfileFacts> facts() {
        Map<ProfileKey, ProfileFacts> out = new HashMap<>();
        local.allProfiles().forEach((k, v) -> out.put(k, local.allKeysInline(k, v.facts())));
        return out;
    }
}
