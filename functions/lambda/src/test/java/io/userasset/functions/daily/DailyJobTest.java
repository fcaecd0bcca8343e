package io.userasset.functions.daily;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userasset.config.EngineConfig;
import io.userasset.domain.assessment.DailyMark;
import io.userasset.events.ContractSchemas;
import io.userasset.events.ProfileKey;
import io.userasset.functions.ingest.EventJson;
import io.userasset.functions.LocalEngine;
import io.userasset.functions.ingest.SqsIngestHandler;
import io.userasset.functions.ingest.TestPopulation;
import io.userasset.localcloud.LocalCloud;
import io.userasset.observability.JsonLog;
import io.userasset.ports.StoredProfile;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 5 on the local cloud: one run, a re-run, a worker killed mid-segment, and 1/4/16 segments agree. */
class DailyJobTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 19);

    @Test
    void aRunWritesOneValidRowPerUserAndTheDaysMetrics() {
        try (LocalCloud cloud = LocalCloud.start()) {
            LocalEngine local = populated(cloud);
            DailyRun.run(local, DAY, 4);
            DailyRun.Output out = DailyRun.read(cloud, DAY);

            assertThat(out.snapshotRows()).hasSize(TestPopulation.USERS);
            for (JsonNode row : out.snapshotRows()) {
                assertThat(ContractSchemas.validate(ContractSchemas.SNAPSHOT_ROW, row)).as("row %s", row).isEmpty();
            }
            assertThat(out.metrics().get("date").asText()).isEqualTo(DAY.toString());
            assertThat(out.metrics().get("users").asLong()).isEqualTo(TestPopulation.USERS);
            long dau = out.snapshotRows().stream().filter(r -> DAY.toString().equals(r.path("lastActiveDay").asText())).count();
            assertThat(out.metrics().get("dau").asLong()).isEqualTo(dau);
            assertThat(local.engine.modelStore().forDay((int) DAY.toEpochDay())).isPresent();
        }
    }

    @Test
    void reRunningTheDayAndRetryingAKilledWorkerGiveTheSameResultAsOneCleanRun() {
        DailyRun.Output clean;
        try (LocalCloud cloud = LocalCloud.start()) {
            LocalEngine local = populated(cloud);
            DailyRun.run(local, DAY, 4);
            clean = DailyRun.read(cloud, DAY);
            DailyRun.run(local, DAY, 4);
            DailyRun.Output again = DailyRun.read(cloud, DAY);
            assertThat(again.snapshotRows()).isEqualTo(clean.snapshotRows());
            assertThat(again.metrics()).isEqualTo(clean.metrics());
        }
        try (LocalCloud cloud = LocalCloud.start()) {
            LocalEngine local = populated(cloud);
            // the first re-score write of user-7 fails: its worker dies mid-segment and SQS retries the segment
            AtomicBoolean killed = new AtomicBoolean();
            local.faults.throttleWritesWhere(item -> item.get("pk").s().equals("u#pop-user-7") && item.containsKey("d")
                    && killed.compareAndSet(false, true));
            DailyRun.run(local, DAY, 4);
            assertThat(killed).isTrue();
            DailyRun.Output retried = DailyRun.read(cloud, DAY);
            assertThat(retried.snapshotRows()).isEqualTo(clean.snapshotRows());
            assertThat(retried.metrics()).isEqualTo(clean.metrics());
        }
    }

    @Test
    void one4And16SegmentsGiveIdenticalResults() {
        DailyRun.Output one = null;
        for (int segments : new int[]{1, 4, 16}) {
            try (LocalCloud cloud = LocalCloud.start()) {
                LocalEngine local = populated(cloud);
                DailyRun.run(local, DAY, segments);
                DailyRun.Output out = DailyRun.read(cloud, DAY);
                if (one == null) {
                    one = out;
                } else {
                    assertThat(out.metrics()).as("metrics with %d segments", segments).isEqualTo(one.metrics());
                    assertThat(out.snapshotRows()).as("rows with %d segments", segments).isEqualTo(one.snapshotRows());
                }
            }
        }
    }

    /**
     * Scores ingest computed on the day are that day's mark: the day's run writes nothing for a user
     * whose position it only confirms, the next run measures against that position, and an ingest
     * write of the next day keeps it as a mark before replacing the scores.
     */
    @Test
    void aUserIngestScoredOnTheDayIsNotRewrittenAndTheNextDayMeasuresAgainstThatPosition() {
        AtomicReference<Instant> now = new AtomicReference<>(DAY.atTime(20, 0).toInstant(ZoneOffset.UTC));
        Clock clock = new Clock() {
            @Override public ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
        try (LocalCloud cloud = LocalCloud.start()) {
            LocalEngine local = new LocalEngine(cloud, EngineConfig.defaults(), clock);
            SqsIngestHandler ingest = new SqsIngestHandler(local.engine);
            Instant morning = DAY.atTime(9, 0).toInstant(ZoneOffset.UTC);
            ingest.handleRequest(EventJson.sqs(List.of(
                    sent("m-1", EventJson.event("m-1", "user_registered", "buyer", null, morning, "{\"channel\":\"ads\"}")),
                    sent("m-2", EventJson.event("m-2", "order_paid", "buyer", null, morning.plusSeconds(60),
                            "{\"orderId\":\"o-1\",\"amount\":40.0,\"currency\":\"USD\"}")),
                    sent("m-3", EventJson.event("m-3", "user_registered", "quiet", null, morning, "{\"channel\":\"ads\"}")))), null);
            ProfileKey buyer = ProfileKey.user("buyer");
            ProfileKey quiet = ProfileKey.user("quiet");
            StoredProfile buyerAsIngested = local.profileStore().loadLatest(buyer);
            Long quietVersion = local.profileStore().loadLatest(quiet).version();

            DailyRun.run(local, DAY, 2);
            assertThat(local.profileStore().loadLatest(buyer).version()).as("buyer not rewritten").isEqualTo(buyerAsIngested.version());
            assertThat(local.profileStore().loadLatest(quiet).version()).as("quiet not rewritten").isEqualTo(quietVersion);
            Map<String, JsonNode> onDay = rowsByUser(DailyRun.read(cloud, DAY));

            LocalDate next = DAY.plusDays(1);
            now.set(next.atTime(12, 0).toInstant(ZoneOffset.UTC));
            ingest.handleRequest(EventJson.sqs(List.of(sent("m-4", EventJson.event("m-4", "order_paid", "buyer", null,
                    next.atTime(10, 0).toInstant(ZoneOffset.UTC), "{\"orderId\":\"o-2\",\"amount\":60.0,\"currency\":\"USD\"}")))), null);
            StoredProfile buyerNextDay = local.profileStore().loadLatest(buyer);
            assertThat(buyerNextDay.scores().asOfDay()).isEqualTo((int) next.toEpochDay());
            assertThat(buyerNextDay.marks().latest()).as("ingest kept the day's scores as its mark")
                    .isEqualTo(DailyMark.of(buyerAsIngested.scores()));

            DailyRun.run(local, next, 2);
            Map<String, JsonNode> onNext = rowsByUser(DailyRun.read(cloud, next));
            for (String user : List.of("buyer", "quiet")) {
                assertThat(onNext.get(user).get("previousStage").asText()).as(user)
                        .isEqualTo(onDay.get(user).get("stage").asText());
            }
        }
    }

    /**
     * The worker writes re-scores beside its scan: one that loses to a concurrent ingest write of the
     * same user (a version conflict) is redone from the latest item, and the day's row shows the
     * user as the winning write left it.
     */
    @Test
    void aReScoreThatLosesToAConcurrentIngestWriteIsRedoneFromTheLatestProfile() throws Exception {
        try (LocalCloud cloud = LocalCloud.start()) {
            LocalEngine local = populated(cloud);
            ProfileKey user = ProfileKey.user("pop-user-7");
            long ordersBefore = local.profileStore().loadLatest(user).facts().orders();
            SqsIngestHandler ingest = new SqsIngestHandler(local.engine);
            AtomicBoolean raced = new AtomicBoolean();
            local.faults.raceFirstPutWhere(item -> item.get("pk").s().equals("u#pop-user-7") && item.containsKey("d"), () -> {
                raced.set(true);
                SQSBatchResponse r = ingest.handleRequest(EventJson.sqs(List.of(sent("race-1", EventJson.event("race-1",
                        "order_paid", "pop-user-7", null, DAY.atTime(23, 0).toInstant(ZoneOffset.UTC),
                        "{\"orderId\":\"race-o\",\"amount\":75.0,\"currency\":\"USD\"}")))), null);
                assertThat(r.getBatchItemFailures()).isEmpty();
            });
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            JsonLog.sendTo(new PrintStream(log, true, StandardCharsets.UTF_8));
            try {
                DailyRun.run(local, DAY, 4);
            } finally {
                JsonLog.sendTo(System.out);
            }
            List<JsonNode> segmentsDone = new ArrayList<>();
            for (String line : log.toString(StandardCharsets.UTF_8).split("\n")) {
                if (line.contains("\"daily segment done\"")) segmentsDone.add(new ObjectMapper().readTree(line));
            }

            assertThat(raced).isTrue();
            assertThat(segmentsDone).hasSize(4);
            assertThat(segmentsDone.stream().mapToLong(l -> l.get("conflicts").asLong()).sum()).isEqualTo(1);
            JsonNode row = rowsByUser(DailyRun.read(cloud, DAY)).get("pop-user-7");
            assertThat(row.get("orders").asLong()).as("the row shows the racing order").isEqualTo(ordersBefore + 1);
            StoredProfile after = local.profileStore().loadLatest(user);
            assertThat(after.facts().orders()).isEqualTo(ordersBefore + 1);
            assertThat(after.scores().asOfDay()).as("the racing write's newer scores are kept")
                    .isEqualTo((int) LocalDate.ofInstant(LocalEngine.NOW, ZoneOffset.UTC).toEpochDay());
        }
    }

    private static EventJson.Sent sent(String id, String body) {
        return new EventJson.Sent(id, body, null);
    }

    private static Map<String, JsonNode> rowsByUser(DailyRun.Output out) {
        Map<String, JsonNode> rows = new java.util.HashMap<>();
        for (JsonNode row : out.snapshotRows()) rows.put(row.get("userId").asText(), row);
        return rows;
    }

    static LocalEngine populated(LocalCloud cloud) {
        LocalEngine local = new LocalEngine(cloud);
        SqsIngestHandler ingest = new SqsIngestHandler(local.engine);
        for (List<io.userasset.functions.ingest.EventJson.Sent> batch : TestPopulation.batches(100)) {
            SQSBatchResponse r = ingest.handleRequest(io.userasset.functions.ingest.EventJson.sqs(batch), null);
            assertThat(r.getBatchItemFailures()).isEmpty();
        }
        return local;
    }
}
