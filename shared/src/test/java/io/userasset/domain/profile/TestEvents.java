package io.userasset.domain.profile;

import io.userasset.events.Event;
import io.userasset.events.Money;
import io.userasset.events.Payload;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Small factory for typed events in domain tests. */
final class TestEvents {
    static final LocalDate DAY0 = LocalDate.of(2026, 1, 1);

    private TestEvents() {}

    static Instant at(int day, int secondOfDay) {
        return DAY0.plusDays(day).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(secondOfDay);
    }

    static Event event(String id, String user, int day, int second, Payload payload) {
        return new Event(id, user, null, at(day, second), payload, Event.SourceFormat.NATIVE);
    }

    static Event anonymous(String id, String anonymousId, int day, int second, Payload payload) {
        return new Event(id, null, anonymousId, at(day, second), payload, Event.SourceFormat.NATIVE);
    }

    static Event session(String id, String user, int day, int second) {
        return event(id, user, day, second, new Payload.Session("app"));
    }

    static Event order(String id, String user, int day, String orderId, long milli) {
        return event(id, user, day, 3600, new Payload.OrderPaid(orderId, new Money(milli, "USD")));
    }

    static Event refund(String id, String user, int day, String orderId, long milli) {
        return event(id, user, day, 7200, new Payload.OrderRefunded(orderId, new Money(milli, "USD")));
    }

    static Event registration(String id, String user, int day, String channel) {
        return event(id, user, day, 60, new Payload.Registration(channel, null));
    }
}
