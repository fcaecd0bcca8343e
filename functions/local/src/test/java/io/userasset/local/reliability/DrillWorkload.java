package io.userasset.local.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userasset.local.pipeline.OutboundEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The fault drill's input: a dense, deterministic population (registrations with anonymous history
 * and identify, sessions, orders, refunds, daily acquisition costs per channel) sent day by day,
 * with ~3 % of the inputs sent twice (the same day or the next) and ~1 % malformed or
 * schema-invalid, each day's inputs shuffled. Every input has a unique label (its origin).
 */
final class DrillWorkload {
    enum Kind { VALID, DUPLICATE, BAD }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] CHANNELS = {"paid-search", "social", "referral"};

    private final Map<Integer, List<OutboundEvent>> byDay = new TreeMap<>();
    private final Map<String, Kind> kinds = new java.util.HashMap<>();
    private final LocalDate start;
    private final int days;
    private int serial;

    private DrillWorkload(LocalDate start, int days) {
        this.start = start;
        this.days = days;
    }

    static DrillWorkload generate(int users, int days, long seed, LocalDate start) {
        DrillWorkload w = new DrillWorkload(start, days);
        Random random = new Random(seed);
        List<List<String>> valid = new ArrayList<>();
        for (int d = 0; d < days; d++) valid.add(new ArrayList<>());
        for (int u = 0; u < users; u++) w.simulateUser(u, random, valid);
        for (int d = 1; d < days; d++) {
            for (String channel : CHANNELS) {
                valid.get(d).add(w.costEvent(channel, start.plusDays(d - 1), 200 + random.nextInt(800)));
            }
        }
        for (int d = 0; d < days; d++) {
            for (String body : valid.get(d)) {
                w.add(d, body, Kind.VALID);
                double r = random.nextDouble();
                if (r < 0.02) w.add(d, body, Kind.DUPLICATE);
                else if (r < 0.03 && d + 1 < days) w.add(d + 1, body, Kind.DUPLICATE);
                else if (r < 0.04) w.add(d, corrupt(body, random), Kind.BAD);
            }
            Collections.shuffle(w.byDay.get(d), random);
        }
        return w;
    }

    private void simulateUser(int u, Random random, List<List<String>> out) {
        String user = String.format("drill-%05d", u);
        String anonymous = "anon-" + Integer.toHexString(0x100000 + u * 7919);
        int signup = random.nextDouble() < 0.7 ? random.nextInt(3) : 3 + random.nextInt(days - 5);
        double activity = 0.3 + 0.65 * random.nextDouble();
        double buying = random.nextDouble() < 0.3 ? 0.05 + 0.45 * random.nextDouble() : 0.02;
        String channel = CHANNELS[random.nextInt(CHANNELS.length)];
        long base = dayStart(signup) + 3_600L + random.nextInt(60_000);
        out.get(signup).add(event("session_started", null, anonymous, base, "{\"source\":\"landing\"}"));
        out.get(signup).add(event("user_registered", user, anonymous, base + 120, "{\"channel\":\"" + channel + "\"}"));
        out.get(signup).add(event("identify", user, anonymous, base + 121, null));
        for (int d = signup; d < days; d++) {
            if (d > signup && random.nextDouble() > activity) continue;
            int sessions = 1 + random.nextInt(7);
            for (int s = 0; s < sessions; s++) {
                long at = dayStart(d) + random.nextInt(86_000);
                out.get(d).add(event("session_started", user, null, at, null));
                if (random.nextDouble() < buying) {
                    String order = "o-" + user + "-" + d + "-" + s;
                    double amount = 5 + random.nextInt(19_500) / 100.0;
                    out.get(d).add(event("order_paid", user, null, at + 300,
                            "{\"orderId\":\"" + order + "\",\"amount\":" + amount + ",\"currency\":\"USD\"}"));
                    if (random.nextDouble() < 0.05) {
                        out.get(d).add(event("order_refunded", user, null, at + 600,
                                "{\"orderId\":\"" + order + "\",\"amount\":" + Math.round(amount * 50) / 100.0 + ",\"currency\":\"USD\"}"));
                    }
                }
            }
        }
    }

    private long dayStart(int d) {
        return start.plusDays(d).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    private String event(String type, String userId, String anonymousId, long epochSecond, String properties) {
        StringBuilder b = new StringBuilder(200);
        b.append("{\"eventId\":\"dr-").append(serial++).append("\",\"type\":\"").append(type).append('"');
        if (userId != null) b.append(",\"userId\":\"").append(userId).append('"');
        if (anonymousId != null) b.append(",\"anonymousId\":\"").append(anonymousId).append('"');
        b.append(",\"occurredAt\":\"").append(Instant.ofEpochSecond(epochSecond)).append('"');
        if (properties != null) b.append(",\"properties\":").append(properties);
        return b.append('}').toString();
    }

    private String costEvent(String channel, LocalDate date, int amount) {
        return "{\"eventId\":\"cost-" + date + "-" + channel + "\",\"type\":\"acquisition_cost\",\"occurredAt\":\""
                + date.plusDays(1).atTime(1, 0).toInstant(ZoneOffset.UTC) + "\",\"properties\":{\"channel\":\"" + channel
                + "\",\"amount\":" + amount + ",\"currency\":\"USD\",\"date\":\"" + date + "\"}}";
    }

    /** A malformed or schema-invalid variant of a valid input: each kind has its own rejection code. */
    static String corrupt(String body, Random random) {
        try {
            ObjectNode n = (ObjectNode) JSON.readTree(body);
            switch (random.nextInt(8)) {
                case 0 -> { return body.substring(0, body.length() / 2); }
                case 1 -> n.put("type", "order_paied");
                case 2 -> { n.remove("userId"); n.remove("anonymousId"); }
                case 3 -> n.put("occurredAt", "2031-01-01T00:00:00Z");
                case 4 -> n.put("userID", "typo");
                case 5 -> n.put("occurredAt", "yesterday");
                case 6 -> { return body.replaceFirst("\\{", "{\"nested\":" + "[".repeat(80) + "]".repeat(80) + ","); }
                default -> n.put("occurredAt", 1_773_000_000L);
            }
            return JSON.writeValueAsString(n);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void add(int day, String body, Kind kind) {
        String label = "drill day " + day + " #" + kinds.size() + " (" + kind.name().toLowerCase() + ")";
        kinds.put(label, kind);
        byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(new OutboundEvent(body, label));
    }

    LocalDate firstDay() { return start; }
    LocalDate lastDay() { return start.plusDays(days - 1L); }

    List<OutboundEvent> eventsOn(LocalDate day) {
        return byDay.getOrDefault((int) (day.toEpochDay() - start.toEpochDay()), List.of());
    }

    Map<String, Kind> kinds() { return kinds; }

    long count(Kind kind) {
        return kinds.values().stream().filter(k -> k == kind).count();
    }

    int maxPerDay() {
        return byDay.values().stream().mapToInt(List::size).max().orElse(0);
    }
}
