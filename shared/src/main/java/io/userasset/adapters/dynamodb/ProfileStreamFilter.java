package io.userasset.adapters.dynamodb;

import io.userasset.events.ProfileKey;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which records of the profile table's stream reach the profile-stream function: updates of a
 * user's profile written by ingest — the only ones whose actions the stream decides (the daily job
 * ranks its own; anonymous visitors and new profiles have no move to act on). In AWS it is the event
 * source mapping's filter, so the function is not even invoked for the others (a third of the
 * records are daily re-scores); locally the stream event source applies the same rule. The handler
 * checks it again, so a mapping without the filter only costs invocations.
 */
public final class ProfileStreamFilter {
    static final String EVENT_NAME = "MODIFY";

    private ProfileStreamFilter() {}

    /** The Lambda filter pattern (FilterCriteria), as the CDK takes it; ordered, so every synth writes the same JSON. */
    public static Map<String, Object> pattern() {
        Map<String, Object> dynamodb = new LinkedHashMap<>();
        dynamodb.put("Keys", Map.of(ProfileItems.KEY, Map.of("S", List.of(Map.of("prefix", ProfileKey.USER_PREFIX)))));
        dynamodb.put("NewImage", Map.of(ProfileItems.WRITER, Map.of("S", List.of(ProfileItems.INGEST))));
        Map<String, Object> pattern = new LinkedHashMap<>();
        pattern.put("eventName", List.of(EVENT_NAME));
        pattern.put("dynamodb", dynamodb);
        return pattern;
    }

    /** The same rule, on a record as the Streams API returns it. */
    public static boolean matches(Record r) {
        if (!EVENT_NAME.equals(r.eventNameAsString()) || r.dynamodb() == null) return false;
        AttributeValue pk = r.dynamodb().hasKeys() ? r.dynamodb().keys().get(ProfileItems.KEY) : null;
        AttributeValue writer = r.dynamodb().hasNewImage() ? r.dynamodb().newImage().get(ProfileItems.WRITER) : null;
        return pk != null && pk.s() != null && pk.s().startsWith(ProfileKey.USER_PREFIX)
                && writer != null && ProfileItems.INGEST.equals(writer.s());
    }
}
