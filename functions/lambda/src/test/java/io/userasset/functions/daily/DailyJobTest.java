package io.userasset.functions.daily;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.userasset.events.ContractSchemas;
import io.userasset.functions.LocalEngine;
import io.userasset.functions.ingest.SqsIngestHandler;
import io.userasset.functions.ingest.TestPopulation;
import io.userasset.localcloud.LocalCloud;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
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
