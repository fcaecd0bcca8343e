package io.userasset.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The live event stream the ingest benchmarks send: native-envelope JSON as apps emit it (UUID event
 * ids, app context, extra properties), users drawn Zipf(s) over {@code users} ids, occurred within
 * the 24 hours before {@code now}. Mix: session_started 55 %, order_paid 15 %, content_shared 12 %,
 * content_posted 6 %, user_registered 5 %, referral_converted 4 %, order_refunded 3 % (of an order
 * of the same user sent earlier when there is one). Every event id and order id is new: no
 * duplicates, so every event is meant to change its profile.
 */
final class LiveEvents {
    private final Zipf zipf;
    private final SplittableRandom random;
    private final long nowMilli;
    private final String prefix;
    private final Map<Integer, String> lastOrder = new HashMap<>();
    private long sequence;

    /** One batch: the message bodies and the number of distinct users among them. */
    record Batch(List<String> bodies, int distinctUsers) {}

    LiveEvents(Zipf zipf, long seed, Instant now, String prefix) {
        this.zipf = zipf;
        this.random = new SplittableRandom(seed);
        this.nowMilli = now.toEpochMilli();
        this.prefix = prefix;
    }

    Batch next(int size) {
        List<String> bodies = new ArrayList<>(size);
        Set<Integer> users = new HashSet<>();
        for (int i = 0; i < size; i++) {
            int user = zipf.sample(random);
            users.add(user);
            bodies.add(event(user));
        }
        return new Batch(bodies, users.size());
    }

    private String event(int u) {
        String user = Population.userId(u);
        Instant at = Instant.ofEpochMilli(nowMilli - random.nextLong(86_400_000L));
        int kind = random.nextInt(100);
        String type;
        String properties;
        long n = sequence++;
        if (kind < 55) {
            type = "session_started";
            properties = "{\"source\":\"" + (random.nextBoolean() ? "ios" : "web") + "\",\"screen\":\"home\"}";
        } else if (kind < 70) {
            type = "order_paid";
            String orderId = prefix + "ord-" + n;
            lastOrder.put(u, orderId);
            properties = "{\"orderId\":\"" + orderId + "\",\"amount\":" + amount(40) + ",\"currency\":\"USD\","
                    + "\"coupon\":\"WINTER10\",\"items\":" + (1 + random.nextInt(5)) + "}";
        } else if (kind < 82) {
            type = "content_shared";
            properties = "{\"target\":\"whatsapp\",\"productId\":\"p-" + random.nextInt(5000) + "\"}";
        } else if (kind < 88) {
            type = "content_posted";
            properties = "{\"contentId\":\"" + prefix + "review-" + n + "\",\"kind\":\"review\",\"rating\":"
                    + (1 + random.nextInt(5)) + "}";
        } else if (kind < 93) {
            type = "user_registered";
            properties = "{\"channel\":\"" + Population.CHANNELS[random.nextInt(Population.CHANNELS.length)]
                    + "\",\"campaign\":\"winter-sale-2026\"}";
        } else if (kind < 97) {
            type = "referral_converted";
            properties = "{\"referredUserId\":\"" + prefix + "friend-" + n + "\"}";
        } else {
            type = "order_refunded";
            String orderId = lastOrder.getOrDefault(u, prefix + "ord-old-" + n);
            properties = "{\"orderId\":\"" + orderId + "\",\"amount\":" + amount(15) + ",\"currency\":\"USD\","
                    + "\"reason\":\"damaged\"}";
        }
        return "{\"eventId\":\"" + uuid() + "\",\"type\":\"" + type + "\",\"userId\":\"" + user
                + "\",\"anonymousId\":null,\"occurredAt\":\"" + at + "\",\"properties\":" + properties
                + ",\"context\":{\"app\":{\"name\":\"shop\",\"version\":\"4.2.0\"},\"locale\":\"en-US\"}}";
    }

    private String amount(double median) {
        double v = median * Math.exp(0.8 * Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
                * Math.cos(2 * Math.PI * random.nextDouble()));
        return String.format(Locale.ROOT, "%.2f", Math.max(0.5, Math.min(v, 5000)));
    }

    private String uuid() {
        long hi = random.nextLong();
        long lo = random.nextLong();
        return new java.util.UUID((hi & ~0xF000L) | 0x4000L, (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    }
}
