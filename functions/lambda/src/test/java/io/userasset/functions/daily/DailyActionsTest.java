package io.userasset.functions.daily;

import com.fasterxml.jackson.databind.JsonNode;
import io.userasset.config.ConfigLoader;
import io.userasset.events.ContractSchemas;
import io.userasset.functions.LocalEngine;
import io.userasset.functions.ingest.EventJson;
import io.userasset.functions.ingest.SqsIngestHandler;
import io.userasset.functions.ingest.TestPopulation;
import io.userasset.localcloud.LocalCloud;
import io.userasset.ports.ActionLog;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 6, the daily path: time-revealed actions ranked by CLV, a re-run that publishes nothing new, attribution. */
class DailyActionsTest {

    @Test
    void dailyActionsAreRankedNotRepeatedOnReRunAndAttributedAWeekLater() {
        LocalDate day = TestPopulation.LAST_DAY;
        try (LocalCloud cloud = LocalCloud.start()) {
            LocalEngine local = new LocalEngine(cloud, ConfigLoader.withOverrides(
                    "actions: {recallMinClv: 0, recallMinValueScore: 0, types: {recall: {cooldownDays: 14, maxPerUser30d: 2,"
                            + " dailyBudget: 5}, upgrade: {cooldownDays: 7, maxPerUser30d: 3, dailyBudget: 1000}}}"));
            SqsIngestHandler ingest = new SqsIngestHandler(local.engine);
            for (List<EventJson.Sent> batch : TestPopulation.batches(100)) ingest.handleRequest(EventJson.sqs(batch), null);

            DailyRun.run(local, day.minusDays(14), 2);    // the baseline
            DailyRun.run(local, day.minusDays(7), 2);     // what time revealed in a week
            List<JsonNode> published = local.takePublishedActions();
            int decidedDay = (int) day.minusDays(7).toEpochDay();
            List<ActionLog.Entry> decided = local.engine.actionLog().decidedOn(decidedDay);
            assertThat(decided).isNotEmpty();
            assertThat(published).hasSize((int) decided.stream().filter(e -> !e.holdout()).count());
            for (JsonNode a : published) assertThat(ContractSchemas.validate(ContractSchemas.ACTION, a)).isEmpty();
            // ranked by predicted CLV: the budget of 5 recalls went to the 5 most valuable candidates of all segments
            List<JsonNode> candidates = new java.util.ArrayList<>();
            for (var o : cloud.s3().listObjectsV2(b -> b.bucket(LocalCloud.BUCKET).prefix("partials/dt=" + day.minusDays(7) + "/score/")).contents()) {
                JsonNode partial = read(cloud, o.key());
                partial.path("metrics").path("candidates").path("recall").forEach(candidates::add);
            }
            assertThat(candidates.size()).isGreaterThan(5);
            candidates.sort(java.util.Comparator.comparingLong((JsonNode c) -> c.get("clvMilli").asLong()).reversed()
                    .thenComparing(c -> c.get("userId").asText()));
            assertThat(decided.stream().filter(e -> e.type() == io.userasset.domain.actions.ActionType.RECALL).map(ActionLog.Entry::userId))
                    .containsExactlyInAnyOrderElementsOf(candidates.subList(0, 5).stream().map(c -> c.get("userId").asText()).toList());

            DailyRun.run(local, day.minusDays(7), 2);     // re-running the day publishes nothing new
            assertThat(local.takePublishedActions()).isEmpty();
            assertThat(local.engine.actionLog().decidedOn(decidedDay)).hasSameSizeAs(decided);

            DailyRun.run(local, day, 2);                  // a week later: the window of those actions closed
            DailyRun.Output out = DailyRun.read(cloud, day);
            JsonNode outcomes = out.metrics().get("actions");
            long attributed = 0;
            for (var it = outcomes.fields(); it.hasNext(); ) {
                JsonNode o = it.next().getValue();
                attributed += o.get("treated").asLong() + o.get("holdout").asLong();
                assertThat(o.get("treatedConverted").asLong()).isLessThanOrEqualTo(o.get("treated").asLong());
            }
            assertThat(attributed).isEqualTo(decided.size());
        }
    }

    private static JsonNode read(LocalCloud cloud, String key) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    cloud.s3().getObjectAsBytes(b -> b.bucket(LocalCloud.BUCKET).key(key)).asByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
