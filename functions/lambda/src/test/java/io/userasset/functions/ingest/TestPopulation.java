package io.userasset.functions.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A small deterministic user base for daily-job tests: 200 users who registered over the 60 days up
 * to 2026-11-19 through three channels, with sessions, orders at user-specific rhythms, refunds,
 * shares, posts, referrals, and marketing costs per channel and day.
 */
public final class TestPopulation {
    public static final int USERS = 200;
    public static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 19);
    private static final String[] CHANNELS = {"paid-search", "organic", "social"};

    private TestPopulation() {}

    public static List<EventJson.Sent> events() {
        Random random = new Random(2026);
        List<EventJson.Sent> out = new ArrayList<>();
        int id = 0;
        for (int u = 0; u < USERS; u++) {
            String user = "pop-user-" + u;
            int signup = random.nextInt(60);
            String channel = CHANNELS[u % CHANNELS.length];
            out.add(sent("e" + id++, "user_registered", user, at(signup, 1000), "{\"channel\":\"" + channel + "\"}"));
            int rhythm = 2 + random.nextInt(20);
            boolean buyer = random.nextInt(3) > 0;
            int lastActive = signup + random.nextInt(60 - signup + 1);
            for (int d = signup; d <= Math.min(59, lastActive); d += 1 + random.nextInt(rhythm)) {
                out.add(sent("e" + id++, "session_started", user, at(d, 2000 + random.nextInt(50_000)), "{}"));
                if (buyer && random.nextInt(3) == 0) {
                    out.add(sent("e" + id++, "order_paid", user, at(d, 60_000),
                            "{\"orderId\":\"po-" + id + "\",\"amount\":" + String.format(Locale.ROOT, "%.2f", 5 + random.nextInt(20_000) / 100.0)
                                    + ",\"currency\":\"USD\"}"));
                    if (random.nextInt(10) == 0) {
                        out.add(sent("e" + id++, "order_refunded", user, at(d, 70_000),
                                "{\"orderId\":\"po-" + (id - 1) + "\",\"amount\":2.50,\"currency\":\"USD\"}"));
                    }
                }
                if (random.nextInt(8) == 0) out.add(sent("e" + id++, "content_shared", user, at(d, 80_000), "{}"));
                if (random.nextInt(12) == 0) {
                    out.add(sent("e" + id++, "content_posted", user, at(d, 81_000), "{\"contentId\":\"c-" + id + "\"}"));
                }
                if (random.nextInt(20) == 0) {
                    out.add(sent("e" + id++, "referral_converted", user, at(d, 82_000), "{\"referredUserId\":\"friend-" + id + "\"}"));
                }
            }
        }
        for (int d = 0; d < 60; d++) {
            for (String channel : CHANNELS) {
                if (channel.equals("organic")) continue;
                String date = LAST_DAY.minusDays(59 - d).toString();
                out.add(new EventJson.Sent("cost-" + channel + "-" + d, "{\"eventId\":\"cost-" + channel + "-" + d
                        + "\",\"type\":\"acquisition_cost\",\"occurredAt\":\"" + at(d, 100) + "\",\"properties\":{\"channel\":\""
                        + channel + "\",\"amount\":" + (channel.equals("paid-search") ? "120.00" : "45.50")
                        + ",\"currency\":\"USD\",\"date\":\"" + date + "\"}}", at(d, 100)));
            }
        }
        out.sort(Comparator.comparing(EventJson.Sent::occurredAt));
        return out;
    }

    public static List<List<EventJson.Sent>> batches(int size) {
        List<EventJson.Sent> all = events();
        List<List<EventJson.Sent>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) out.add(all.subList(from, Math.min(all.size(), from + size)));
        return out;
    }

    /** Day 0 is 59 days before the last day. */
    private static Instant at(int day, int second) {
        return LAST_DAY.minusDays(59 - day).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(second);
    }

    private static EventJson.Sent sent(String id, String type, String user, Instant at, String properties) {
        return new EventJson.Sent(id, EventJson.event(id, type, user, null, at, properties), at);
    }
}
