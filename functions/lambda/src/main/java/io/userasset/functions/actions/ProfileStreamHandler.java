package io.userasset.functions.actions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import io.userasset.adapters.dynamodb.ProfileItems;
import io.userasset.application.ActionService;
import io.userasset.domain.actions.ActionCandidate;
import io.userasset.domain.actions.ActionPolicy;
import io.userasset.domain.actions.Position;
import io.userasset.domain.assessment.ProfileScores;
import io.userasset.domain.assessment.ScoresCodec;
import io.userasset.events.ProfileKey;
import io.userasset.functions.Engine;
import io.userasset.functions.Priming;
import io.userasset.observability.EmfMetrics;
import io.userasset.observability.JsonLog;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raises actions from profile changes (DynamoDB stream, old and new image): the score transitions
 * an event caused. Re-scores written by the daily job are left to the daily job, which ranks its
 * candidates by predicted CLV before spending the budget. Each record's candidates are decided in
 * turn (a decided action counts in the guards of the next record's), and the batch's actions are
 * published together. A record whose actions could not be decided, or whose actions the failed
 * publish carried, is reported as a batch item failure and retried; the action log makes the
 * retry publish nothing twice.
 */
public final class ProfileStreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final ActionPolicy policy;
    private final ActionService actions;
    private final EmfMetrics metrics;

    public ProfileStreamHandler() {
        this(Priming.engine());
    }

    public ProfileStreamHandler(Engine engine) {
        this.policy = new ActionPolicy(engine.config().actions());
        this.actions = engine.actions();
        this.metrics = new EmfMetrics(engine.metricsNamespace(), "profile-stream");
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        // by sequence number, in stream order: what the batch's publish carries, and whose records fail with it
        Map<String, ActionService.Decisions> decided = new LinkedHashMap<>();
        int candidates = 0;
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            String sequence = record.getDynamodb().getSequenceNumber();
            try {
                List<ActionCandidate> found = candidates(record);
                if (found.isEmpty()) continue;
                candidates += found.size();
                decided.put(sequence, actions.decide(found));
            } catch (RuntimeException e) {
                JsonLog.error("actions of a profile change failed; the record will be retried", e, "sequence", sequence);
                failures.add(new StreamsEventResponse.BatchItemFailure(sequence));
            }
        }
        // One publish for the whole batch: the bus is called once per ten actions, not once per record.
        boolean published = true;
        try {
            actions.publish(decided.values());
        } catch (RuntimeException e) {
            published = false;
            JsonLog.error("publishing the actions of a stream batch failed; their records will be retried", e,
                    "records", decided.size());
            decided.forEach((sequence, d) -> {
                if (d.toPublish() > 0) failures.add(new StreamsEventResponse.BatchItemFailure(sequence));
            });
        }
        int sent = 0, heldOut = 0, duplicates = 0, blocked = 0;
        for (ActionService.Decisions d : decided.values()) {
            ActionService.Report r = d.report();
            if (published) sent += r.sent();
            heldOut += r.heldOut();
            duplicates += r.duplicates();
            blocked += r.blocked().values().stream().mapToInt(Integer::intValue).sum();
        }
        metrics.count("ActionCandidates", candidates).count("ActionsSent", sent).count("ActionsHeldOut", heldOut)
                .count("ActionsDuplicate", duplicates).count("ActionsBlocked", blocked)
                .count("StreamRecordsFailed", failures.size()).flush();
        return new StreamsEventResponse(failures);
    }

    /**
     * Reads the three attributes it needs straight from the stream images: the re-scores of the
     * daily job and the changes of anonymous visitors (most records) are skipped without converting
     * the images to SDK attribute values.
     */
    private List<ActionCandidate> candidates(DynamodbEvent.DynamodbStreamRecord record) {
        Map<String, AttributeValue> after = record.getDynamodb().getNewImage();
        Map<String, AttributeValue> before = record.getDynamodb().getOldImage();
        if (after == null || before == null) return List.of();
        String pk = string(after, ProfileItems.KEY);
        if (pk == null || !pk.startsWith(ProfileKey.USER_PREFIX) || ProfileItems.DAILY.equals(string(after, ProfileItems.WRITER))) {
            return List.of();
        }
        ProfileScores now = scores(after);
        ProfileScores then = scores(before);
        if (now == null || then == null) return List.of();
        return policy.decide(ProfileKey.fromStorageKey(pk).id(), Position.of(then), now);
    }

    private static String string(Map<String, AttributeValue> image, String name) {
        AttributeValue v = image.get(name);
        return v == null ? null : v.getS();
    }

    private static ProfileScores scores(Map<String, AttributeValue> image) {
        AttributeValue s = image.get("s");
        if (s == null || s.getB() == null) return null;
        ByteBuffer b = s.getB().duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return ScoresCodec.decode(bytes);
    }
}
