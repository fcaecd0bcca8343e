package io.userasset.functions.actions;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import io.userasset.adapters.dynamodb.ProfileItems;
import io.userasset.application.ActionService;
import io.userasset.config.ConfigLoader;
import io.userasset.domain.actions.ActionCandidate;
import io.userasset.domain.actions.ActionType;
import io.userasset.domain.assessment.ProfileScores;
import io.userasset.domain.assessment.ScoresCodec;
import io.userasset.domain.scoring.churn.RiskLevel;
import io.userasset.domain.scoring.lifecycle.LifecycleStage;
import io.userasset.domain.scoring.rfm.Segment11;
import io.userasset.domain.scoring.rfm.Segment8;
import io.userasset.domain.scoring.value.GrowthTier;
import io.userasset.events.ContractSchemas;
import io.userasset.events.ProfileKey;
import io.userasset.functions.LocalEngine;
import io.userasset.functions.daily.DailyRun;
import io.userasset.functions.ingest.EventJson;
import io.userasset.functions.ingest.SqsIngestHandler;
import io.userasset.localcloud.LocalCloud;
import io.userasset.localcloud.LocalDynamoStreamEventSource;
import io.userasset.ports.ActionLog;
import io.userasset.tables.ResourceCatalog;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 6 on the local cloud. */
class ActionsTest {

    /** Captures what the stream handler received, so the very same records can be replayed. */
    static final class Recording extends ProfileStreamHandlerWrapper {
        final List<DynamodbEvent> events = new ArrayList<>();

        Recording(ProfileStreamHandler inner) {
            super(inner);
        }

        @Override
        public StreamsEventResponse handleRequest(DynamodbEvent event, com.amazonaws.services.lambda.runtime.Context c) {
            events.add(event);
            return super.handleRequest(event, c);
        }
    }

    @Test
    void eventsInProfileChangeActionOutAndAReplayPublishesNothingNew() {
        try (LocalCloud cloud = LocalCloud.start()) {
            LocalEngine local = new LocalEngine(cloud, ConfigLoader.withOverrides("actions: {holdoutPercent: 0}"));
            EngagedUser run = engageUntilAnAction(cloud, local);
            assertThat(run.actions()).isNotEmpty();
            JsonNode action = run.actions().get(0);
            assertThat(action.get("type").asText()).isEqualTo("upgrade");
            assertThat(action.get("userId").asText()).isEqualTo("engaged-user");
            assertThat(ContractSchemas.validate(ContractSchemas.ACTION, action)).isEmpty();
            assertThat(run.source().givenUp()).isZero();

            // Lambda may deliver the same stream records again: nothing new goes out
            for (DynamodbEvent e : List.copyOf(run.stream().events)) {
                assertThat(run.stream().handleRequest(e, null).getBatchItemFailures()).isEmpty();
            }
            assertThat(local.takePublishedActions()).isEmpty();
        }
    }

    /** What {@link #engageUntilAnAction} published, and how the stream reached the handler. */
    private record EngagedUser(List<JsonNode> actions, Recording stream, LocalDynamoStreamEventSource source) {}

    /** A new user becomes more and more engaged, one day at a time, until the growth path moves. */
    private static EngagedUser engageUntilAnAction(LocalCloud cloud, LocalEngine local) {
        return engageUntilAnAction(cloud, local, () -> { });
    }

    private static EngagedUser engageUntilAnAction(LocalCloud cloud, LocalEngine local, Runnable afterRegistration) {
        SqsIngestHandler ingest = new SqsIngestHandler(local.engine);
        Recording stream = new Recording(new ProfileStreamHandler(local.engine));
        LocalDynamoStreamEventSource source = new LocalDynamoStreamEventSource(cloud.dynamoDbStreams(),
                cloud.dynamoDb().describeTable(b -> b.tableName(cloud.tableName(ResourceCatalog.PROFILES))).table().latestStreamArn(),
                stream, 100, 3);
        Instant start = LocalEngine.NOW.minus(Duration.ofDays(25));
        ingest.handleRequest(EventJson.sqs(List.of(sent("reg", "user_registered", start, "{\"channel\":\"social\"}"))), null);
        afterRegistration.run();
        List<JsonNode> actions = List.of();
        for (int day = 1; day <= 24 && actions.isEmpty(); day++) {
            Instant at = start.plus(Duration.ofDays(day));
            List<EventJson.Sent> batch = new ArrayList<>();
            batch.add(sent("o" + day, "order_paid", at, "{\"orderId\":\"o-" + day + "\",\"amount\":45.00,\"currency\":\"USD\"}"));
            for (int k = 0; k < 3; k++) batch.add(sent("s" + day + k, "content_shared", at.plusSeconds(k + 1), "{}"));
            batch.add(sent("p" + day, "content_posted", at.plusSeconds(10), "{\"contentId\":\"c-" + day + "\"}"));
            assertThat(ingest.handleRequest(EventJson.sqs(batch), null).getBatchItemFailures()).isEmpty();
            source.drain();
            actions = local.takePublishedActions();
        }
        return new EngagedUser(actions, stream, source);
    }

    /**
     * The stream handler leaves the daily job's re-scores to the daily job (which ranks them by CLV
     * before spending the budget): the very records that raised an upgrade raise nothing when the
     * images say the daily job wrote them.
     */
    @Test
    void reScoresWrittenByTheDailyJobRaiseNoStreamActions() {
        List<DynamodbEvent> recorded;
        try (LocalCloud cloud = LocalCloud.start()) {
            LocalEngine local = new LocalEngine(cloud, ConfigLoader.withOverrides("actions: {holdoutPercent: 0}"));
            EngagedUser run = engageUntilAnAction(cloud, local);
            assertThat(run.actions()).as("actions raised by ingest's writes").isNotEmpty();
            recorded = run.stream().events;
        }
        try (LocalCloud cloud = LocalCloud.start()) {
            LocalEngine local = new LocalEngine(cloud, ConfigLoader.withOverrides("actions: {holdoutPercent: 0}"));
            ProfileStreamHandler handler = new ProfileStreamHandler(local.engine);
            setWriter(recorded, "daily");
            for (DynamodbEvent e : recorded) assertThat(handler.handleRequest(e, null).getBatchItemFailures()).isEmpty();
            assertThat(local.takePublishedActions()).isEmpty();
            setWriter(recorded, "ingest");
            for (DynamodbEvent e : recorded) assertThat(handler.handleRequest(e, null).getBatchItemFailures()).isEmpty();
            assertThat(local.takePublishedActions()).isNotEmpty();
        }
    }

    /**
     * The daily run offers only what time revealed: the moves of a user whose events ingest scored
     * that day were decided by the stream already, and offered again they would only be duplicates
     * crowding the day's ranked budget.
     */
    @Test
    void theDailyRunLeavesTheDaysEventDrivenMovesToTheStream() throws java.io.IOException {
        LocalDate today = LocalDate.ofInstant(LocalEngine.NOW, ZoneOffset.UTC);
        try (LocalCloud cloud = LocalCloud.start()) {
            LocalEngine local = new LocalEngine(cloud, ConfigLoader.withOverrides("actions: {holdoutPercent: 0}"));
            // the registered user is marked by the previous day's run: the baseline today's run compares with
            EngagedUser run = engageUntilAnAction(cloud, local, () -> DailyRun.run(local, today.minusDays(1), 1));
            assertThat(run.actions()).as("the stream's actions of today").isNotEmpty();
            int decidedToday = local.engine.actionLog().decidedOn((int) today.toEpochDay()).size();

            DailyRun.run(local, today, 1);
            List<String> offered = new ArrayList<>();
            for (var o : cloud.s3().listObjectsV2(b -> b.bucket(LocalCloud.BUCKET).prefix("partials/dt=" + today + "/score/")).contents()) {
                JsonNode partial = new com.fasterxml.jackson.databind.ObjectMapper().readTree(cloud.s3().getObjectAsBytes(b -> b.bucket(LocalCloud.BUCKET).key(o.key())).asByteArray());
                partial.path("metrics").path("candidates").forEach(type -> type.forEach(c -> offered.add(c.get("userId").asText())));
            }
            assertThat(offered).doesNotContain("engaged-user");
            assertThat(local.engine.actionLog().decidedOn((int) today.toEpochDay())).hasSize(decidedToday);
            assertThat(local.takePublishedActions()).isEmpty();
        }
    }

    private static void setWriter(List<DynamodbEvent> events, String writer) {
        for (DynamodbEvent e : events) {
            for (DynamodbEvent.DynamodbStreamRecord r : e.getRecords()) {
                if (r.getDynamodb().getNewImage() != null) {
                    r.getDynamodb().getNewImage().put("w", new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue(writer));
                }
            }
        }
    }

    @Test
    void aPartialPublishFailureIsRetriedAndEveryActionGoesOutExactlyOnce() {
        try (LocalCloud cloud = LocalCloud.start()) {
            LocalEngine local = new LocalEngine(cloud, ConfigLoader.withOverrides("actions: {holdoutPercent: 0}"));
            List<ActionCandidate> candidates = new ArrayList<>();
            for (int i = 0; i < 25; i++) candidates.add(recall("user-" + i, 100 + i));
            local.busFaults.failNextBatches(2);

            ActionService.Report report = local.engine.actions().process(candidates);

            assertThat(local.busFaults.injected()).isPositive();
            assertThat(report.sent()).isEqualTo(25);
            Map<String, Long> published = local.takePublishedActions().stream()
                    .collect(Collectors.groupingBy(a -> a.get("actionId").asText(), Collectors.counting()));
            assertThat(published).hasSize(25).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
            // and deciding them again publishes nothing
            assertThat(local.engine.actions().process(candidates).duplicates()).isEqualTo(25);
            assertThat(local.takePublishedActions()).isEmpty();
        }
    }

    /**
     * A stream batch is decided record by record — an action decided for one record counts in the
     * guards of the next, though the batch publishes only at its end — and published in one go.
     */
    @Test
    void aStreamBatchDecidesRecordByRecordAndPublishesOnce() {
        try (LocalCloud cloud = LocalCloud.start()) {
            LocalEngine local = new LocalEngine(cloud, ConfigLoader.withOverrides("actions: {holdoutPercent: 0}"));
            ProfileStreamHandler handler = new ProfileStreamHandler(local.engine);
            DynamodbEvent batch = streamBatch(
                    becameDormant("101", "dana"),
                    change("102", "dana", scores(LifecycleStage.DORMANCY, RiskLevel.MEDIUM), scores(LifecycleStage.DORMANCY, RiskLevel.HIGH)),
                    becameDormant("103", "eli"));

            assertThat(handler.handleRequest(batch, null).getBatchItemFailures()).isEmpty();

            assertThat(local.takePublishedActions()).extracting(a -> a.get("actionId").asText())
                    .containsExactlyInAnyOrder(recallId("dana", "became-dormant"), recallId("eli", "became-dormant"));
            assertThat(local.busFaults.batchCalls()).as("bus calls for the batch").isEqualTo(1);
            int day = scores(LifecycleStage.DORMANCY, RiskLevel.HIGH).asOfDay();
            assertThat(local.engine.actionLog().decidedOn(day)).hasSize(2);
            // dana's second recall met the cooldown of her first, decided in the same batch but not yet published then
            assertThat(local.engine.actionLog().history("dana").actions()).extracting(a -> a.actionId())
                    .containsExactly(recallId("dana", "became-dormant"));
        }
    }

    @Test
    void aFailedBatchPublishFailsTheRecordsItCarriedAndTheirRetryPublishesEachActionOnce() {
        try (LocalCloud cloud = LocalCloud.start()) {
            LocalEngine local = new LocalEngine(cloud, ConfigLoader.withOverrides("actions: {holdoutPercent: 0}"));
            ProfileStreamHandler handler = new ProfileStreamHandler(local.engine);
            DynamodbEvent batch = streamBatch(
                    change("201", "fay", scores(LifecycleStage.MATURITY, RiskLevel.LOW), scores(LifecycleStage.MATURITY, RiskLevel.LOW)),
                    becameDormant("202", "fay"),
                    becameDormant("203", "gus"));
            local.busFaults.refuseNextBatches(1);

            assertThat(handler.handleRequest(batch, null).getBatchItemFailures())
                    .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier).containsExactlyInAnyOrder("202", "203");
            assertThat(local.takePublishedActions()).isEmpty();

            // Lambda delivers the records again from the lowest failed one
            batch.setRecords(batch.getRecords().subList(1, 3));
            assertThat(handler.handleRequest(batch, null).getBatchItemFailures()).isEmpty();
            assertThat(local.takePublishedActions()).extracting(a -> a.get("actionId").asText())
                    .containsExactlyInAnyOrder(recallId("fay", "became-dormant"), recallId("gus", "became-dormant"));
            assertThat(handler.handleRequest(batch, null).getBatchItemFailures()).isEmpty();
            assertThat(local.takePublishedActions()).isEmpty();
        }
    }

    private static String recallId(String user, String reason) {
        return new ActionCandidate(user, ActionType.RECALL, reason, "", scores(LifecycleStage.DORMANCY, RiskLevel.LOW).asOfDay(),
                scores(LifecycleStage.DORMANCY, RiskLevel.LOW)).actionId();
    }

    private static DynamodbEvent streamBatch(DynamodbEvent.DynamodbStreamRecord... records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(new ArrayList<>(List.of(records)));
        return event;
    }

    private static DynamodbEvent.DynamodbStreamRecord becameDormant(String sequence, String user) {
        return change(sequence, user, scores(LifecycleStage.MATURITY, RiskLevel.LOW), scores(LifecycleStage.DORMANCY, RiskLevel.MEDIUM));
    }

    /** An ingest write of a user's profile, as the stream delivers it: old and new image. */
    private static DynamodbEvent.DynamodbStreamRecord change(String sequence, String user, ProfileScores before, ProfileScores after) {
        var change = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord();
        change.setSequenceNumber(sequence);
        change.setKeys(Map.of(ProfileItems.KEY, new AttributeValue(ProfileKey.USER_PREFIX + user)));
        change.setOldImage(image(user, before));
        change.setNewImage(image(user, after));
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName("MODIFY");
        record.setDynamodb(change);
        return record;
    }

    private static Map<String, AttributeValue> image(String user, ProfileScores scores) {
        AttributeValue s = new AttributeValue();
        s.setB(java.nio.ByteBuffer.wrap(ScoresCodec.encode(scores)));
        return Map.of(ProfileItems.KEY, new AttributeValue(ProfileKey.USER_PREFIX + user),
                ProfileItems.WRITER, new AttributeValue(ProfileItems.INGEST), "s", s);
    }

    /** A valuable customer's scores today, at a stage and churn risk. */
    private static ProfileScores scores(LifecycleStage stage, RiskLevel risk) {
        int day = (int) java.time.LocalDate.ofInstant(LocalEngine.NOW, java.time.ZoneOffset.UTC).toEpochDay();
        return new ProfileScores(day, 40, 4, 300_000, 2, 4, 5, Segment8.IMPORTANT_MAINTAIN, Segment11.AT_RISK,
                stage, day, LifecycleStage.MATURITY, 80, 20, 10, 10, 70, 62, GrowthTier.CORE,
                GrowthTier.KOC, 12, false, 0.8, risk, 0.3, 1.2, 60.0, 500.0);
    }

    /**
     * A new decision costs one write to the log, as taken: a sent action a put and the update that
     * confirms it (plus its budget), a blocked one the put alone; the log says what was decided,
     * and only what went out is in the attribution index.
     */
    @Test
    void aDecisionIsLoggedInOneWriteAsTaken() {
        try (LocalCloud cloud = LocalCloud.start()) {
            LocalEngine local = new LocalEngine(cloud, ConfigLoader.withOverrides("actions: {holdoutPercent: 0}"));
            ActionCandidate first = recall("one-write-user", 300);
            local.engine.capacity().reset();
            assertThat(local.engine.actions().process(List.of(first)).sent()).isEqualTo(1);
            assertThat(local.engine.capacity().requests("PutItem")).as("the decision logged").isEqualTo(1);
            assertThat(local.engine.capacity().requests("UpdateItem")).as("budget, then sent").isEqualTo(2);

            // the same user again the same day, for another reason: the cooldown blocks it
            ActionCandidate second = new ActionCandidate(first.userId(), first.type(), "high-churn-risk",
                    "Churn risk is high.", first.day(), first.scores());
            local.engine.capacity().reset();
            assertThat(local.engine.actions().process(List.of(second)).blocked()).containsOnlyKeys("cooldown");
            assertThat(local.engine.capacity().requests("PutItem")).isEqualTo(1);
            assertThat(local.engine.capacity().requests("UpdateItem")).isZero();
            ActionLog.UserHistory history = local.engine.actionLog().history(first.userId());
            assertThat(history.entry(first.actionId()).status()).isEqualTo(ActionLog.Status.SENT);
            assertThat(history.entry(second.actionId()).status()).isEqualTo(ActionLog.Status.BLOCKED);
            assertThat(history.entry(second.actionId()).reason()).isEqualTo("cooldown");
            assertThat(local.takePublishedActions()).hasSize(1);
            // the attribution index holds the sent decision only
            var indexed = cloud.dynamoDb().scan(b -> b.tableName(cloud.tableName(ResourceCatalog.ACTIONS)).indexName("byDay")).items();
            assertThat(indexed).singleElement().satisfies(item -> assertThat(item.get("actionId").s()).isEqualTo(first.actionId()));
        }
    }

    @Test
    void theDailyBudgetStopsAtItsLimitAndHoldoutActionsAreLoggedNotSent() {
        try (LocalCloud cloud = LocalCloud.start()) {
            LocalEngine local = new LocalEngine(cloud, ConfigLoader.withOverrides(
                    "actions: {holdoutPercent: 50, types: {recall: {cooldownDays: 14, maxPerUser30d: 2, dailyBudget: 6},"
                            + " upgrade: {cooldownDays: 7, maxPerUser30d: 3, dailyBudget: 10}}}"));
            List<ActionCandidate> candidates = new ArrayList<>();
            for (int i = 0; i < 8; i++) candidates.add(recall("budget-user-" + i, 500 - i));
            ActionService.Report report = local.engine.actions().process(candidates);

            assertThat(report.sent() + report.heldOut()).isEqualTo(6);
            assertThat(report.blocked()).containsEntry("budget-spent", 2);
            assertThat(report.heldOut()).isPositive();
            assertThat(local.takePublishedActions()).hasSize(report.sent());
            int day = candidates.get(0).day();
            assertThat(local.engine.actionLog().decidedOn(day)).hasSize(6)
                    .filteredOn(e -> e.holdout()).hasSize(report.heldOut());
        }
    }

    static ActionCandidate recall(String user, double clv) {
        int day = (int) java.time.LocalDate.ofInstant(LocalEngine.NOW, java.time.ZoneOffset.UTC).toEpochDay();
        ProfileScores s = new ProfileScores(day, 40, 4, 300_000, 2, 4, 5, Segment8.IMPORTANT_MAINTAIN, Segment11.AT_RISK,
                LifecycleStage.DORMANCY, day, LifecycleStage.MATURITY, 80, 20, 10, 10, 70, 62, GrowthTier.CORE,
                GrowthTier.KOC, 12, false, 0.8, RiskLevel.HIGH, 0.3, 1.2, 60.0, clv);
        return new ActionCandidate(user, ActionType.RECALL, "became-dormant", "A valuable customer became dormant.", day, s);
    }

    private static EventJson.Sent sent(String id, String type, Instant at, String properties) {
        return new EventJson.Sent(id, EventJson.event(id, type, "engaged-user", null, at, properties), at);
    }
}
