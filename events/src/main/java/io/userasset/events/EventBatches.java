package io.userasset.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A queue message may carry several events: a JSON array whose elements are accepted payloads (any
 * form: native, Segment, EventBridge). Producers that batch this way pay for one SQS request per
 * message instead of per event. Each element is then parsed, validated, deduplicated and accounted
 * for on its own, under the source id {@code <message id>#<index>}; a message fails (and is
 * redelivered whole) when one of its events fails, which the idempotent fold makes safe.
 *
 * <p>Only a well-formed, non-empty array of JSON objects is split. Anything else is one payload, so
 * the parser rejects it with its precise reason (a truncated array is malformed JSON, an array of
 * strings is not an object): a broken batch is rejected whole and kept, never half-read.
 */
public final class EventBatches {
    private static final JsonFactory JSON = new JsonFactory();

    private EventBatches() {}

    /** The events of a message body, or null when the body is not a batch (one payload as it is). */
    public static List<byte[]> split(byte[] body) {
        int first = firstNonBlank(body);
        if (first < 0 || body[first] != '[') return null;
        try (JsonParser p = JSON.createParser(body)) {
            p.nextToken(); // START_ARRAY
            List<byte[]> events = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t != JsonToken.START_OBJECT) return null;
                int start = (int) p.currentTokenLocation().getByteOffset();
                p.skipChildren();
                int end = (int) p.currentLocation().getByteOffset();
                events.add(Arrays.copyOfRange(body, start, end));
            }
            if (events.isEmpty() || p.nextToken() != null) return null;
            return events;
        } catch (IOException | RuntimeException e) {
            return null; // not well-formed: the parser says exactly where
        }
    }

    /**
     * The source id of the {@code index}-th event of a message: {@code <message id>#<index>} in a
     * batch, the message id itself for a message that is one payload.
     */
    public static String sourceId(String messageId, int index, boolean batch) {
        return batch ? messageId + "#" + index : messageId;
    }

    private static int firstNonBlank(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') return i;
        }
        return -1;
    }
}
