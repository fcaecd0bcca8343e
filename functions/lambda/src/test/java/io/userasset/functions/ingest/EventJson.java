package io.userasset.functions.ingest;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Native-envelope event JSON and SQS events carrying it, for ingest tests. */
public final class EventJson {
    static final LocalDate START = LocalDate.of(2026, 9, 1);

    private EventJson() {}

    public record Sent(String messageId, String body, Instant occurredAt) {}

    public static String event(String eventId, String type, String userId, String anonymousId, Instant at, String properties) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"" + type + "\","
                + "\"userId\":" + (userId == null ? "null" : "\"" + userId + "\"") + ","
                + "\"anonymousId\":" + (anonymousId == null ? "null" : "\"" + anonymousId + "\"") + ","
                + "\"occurredAt\":\"" + at + "\",\"properties\":" + properties + ",\"context\":{}}";
    }

    public static Instant at(int day, int second) {
        return START.plusDays(day).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(second);
    }

    public static SQSEvent sqs(List<Sent> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Sent s : messages) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId(s.messageId());
            m.setBody(s.body());
            m.setEventSource("aws:sqs");
            m.setEventSourceArn("arn:aws:sqs:us-east-1:000000000000:ua-ingest");
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    /**
     * A random multi-user history within {@code spanDays}: registrations, sessions, orders (each
     * order id once), refunds, shares, posts, referrals, anonymous visits and identify links.
     */
    static List<Sent> history(Random random, String prefix, int users, int events, int spanDays) {
        return history(random, prefix, users, events, spanDays, true);
    }

    static List<Sent> history(Random random, String prefix, int users, int events, int spanDays, boolean anonymous) {
        List<Sent> out = new ArrayList<>();
        int orders = 0;
        for (int i = 0; i < events; i++) {
            int u = random.nextInt(users);
            String user = prefix + "user-" + u;
            String anonymousId = prefix + "anon-" + u;
            Instant at = at(random.nextInt(spanDays + 1), random.nextInt(86_400));
            String id = prefix + "ev-" + i;
            int kind = random.nextInt(10);
            if (!anonymous && (kind == 3 || kind == 8)) kind = 2;
            String json = switch (kind) {
                case 0 -> event(id, "user_registered", user, null, at,
                        "{\"channel\":\"" + (random.nextBoolean() ? "ads" : "organic") + "\"}");
                case 1, 2 -> event(id, "session_started", user, null, at, "{}");
                case 3 -> event(id, "session_started", null, anonymousId, at, "{}");
                case 4, 5 -> event(id, "order_paid", random.nextInt(4) == 0 ? null : user,
                        anonymous && random.nextInt(4) == 0 ? anonymousId : null, at,
                        "{\"orderId\":\"" + prefix + "o-" + (orders++) + "\",\"amount\":"
                                + String.format(Locale.ROOT, "%.2f", 1 + random.nextInt(50_000) / 100.0) + ",\"currency\":\"USD\"}");
                case 6 -> event(id, "order_refunded", user, null, at,
                        "{\"orderId\":\"" + prefix + "o-" + random.nextInt(orders + 1) + "\",\"amount\":1.50,\"currency\":\"USD\"}");
                case 7 -> event(id, "content_shared", user, null, at, "{}");
                case 8 -> event(id, "identify", user, anonymousId, at, "{}");
                default -> event(id, "content_posted", user, null, at, "{\"contentId\":\"" + prefix + "c-" + i + "\"}");
            };
            // an order event needs an identity: fall back to the user
            if (json.contains("\"userId\":null,\"anonymousId\":null")) {
                json = json.replace("\"userId\":null", "\"userId\":\"" + user + "\"");
            }
            out.add(new Sent(prefix + "m-" + i, json, at));
        }
        return out;
    }
}
