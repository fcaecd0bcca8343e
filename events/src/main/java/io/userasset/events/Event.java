package io.userasset.events;

import java.time.Instant;
import java.util.Objects;

/**
 * An accepted, validated event in the one internal shape all input formats are mapped to.
 *
 * @param eventId     unique id of the event (Segment messageId; EventBridge id when the detail has none)
 * @param userId      the user, or null when only anonymousId is known
 * @param anonymousId the anonymous id, or null
 * @param occurredAt  when it happened (not when it was received)
 * @param payload     the type-specific part
 * @param format      the wire format it arrived in
 */
public record Event(String eventId, String userId, String anonymousId, Instant occurredAt, Payload payload,
                    SourceFormat format) {

    public Event {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(format, "format");
        if (!payload.type().isCompanyEvent() && userId == null && anonymousId == null) {
            throw new IllegalArgumentException("a user event needs userId or anonymousId");
        }
    }

    public EventType type() {
        return payload.type();
    }

    /** The identity whose profile this event is folded into: the user when known, else the anonymous id. */
    public ProfileKey profileKey() {
        if (type().isCompanyEvent()) return null;
        return userId != null ? ProfileKey.user(userId) : ProfileKey.anonymous(anonymousId);
    }

    public enum SourceFormat { NATIVE, SEGMENT, EVENTBRIDGE }
}
