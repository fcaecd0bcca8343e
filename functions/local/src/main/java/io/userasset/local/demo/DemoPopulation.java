package io.userasset.local.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userasset.local.pipeline.OutboundEvent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A generated population with known ground truth, deterministic by seed: six archetypes of users
 * acquired through five channels with different costs and archetype mixes, behaving day by day for
 * {@code days + holdoutDays} days. The pipeline sees the first {@code days}; the last
 * {@code holdoutDays} are held back and only summarized per user, to judge the engine's predictions
 * (did the user come back? how many purchase days?).
 *
 * <p>Traffic looks like an app's: most events native, a quarter of the users instrumented with a
 * Segment SDK (track/identify/page), some events wrapped by EventBridge; some visitors browse
 * anonymously before registering and are linked by identify; a few messages are malformed or
 * invalid (so rejections show up) and a few are delivered twice (so duplicates do).
 */
public final class DemoPopulation {
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Archetype {
        LOYAL("loyal", "regular, frequent buyer"),
        STOCK_UP("stock-up", "buys big baskets every 45-75 days"),
        DEAL_HUNTER("deal-hunter", "buys only while subsidies run, then leaves"),
        KOC("koc", "key opinion consumer: refers friends, shares and posts"),
        SILENT_CHURNER("silent-churner", "buys for a while, then stops on a known day"),
        CASUAL("casual-browser", "browses now and then, rarely buys, fades away");

        public final String id;
        public final String description;

        Archetype(String id, String description) {
            this.id = id;
            this.description = description;
        }
    }

    /** An acquisition channel: share of signups, cost per acquired user, and the archetype mix it brings. */
    public record Channel(String name, double share, double costPerUser, Map<Archetype, Double> mix) {}

    public static final List<Channel> CHANNELS = List.of(
            new Channel("organic", 0.28, 0, mix(0.26, 0.15, 0.04, 0.06, 0.14, 0.35)),
            new Channel("paid-search", 0.24, 14, mix(0.22, 0.18, 0.08, 0.04, 0.20, 0.28)),
            new Channel("social-ads", 0.20, 9, mix(0.12, 0.06, 0.14, 0.14, 0.18, 0.36)),
            new Channel("deal-sites", 0.16, 6, mix(0.05, 0.02, 0.62, 0.01, 0.12, 0.18)),
            new Channel("referral", 0.12, 3, mix(0.30, 0.10, 0.05, 0.15, 0.15, 0.25)));

    private static Map<Archetype, Double> mix(double loyal, double stockUp, double deal, double koc, double churner, double casual) {
        Map<Archetype, Double> m = new EnumMap<>(Archetype.class);
        m.put(Archetype.LOYAL, loyal);
        m.put(Archetype.STOCK_UP, stockUp);
        m.put(Archetype.DEAL_HUNTER, deal);
        m.put(Archetype.KOC, koc);
        m.put(Archetype.SILENT_CHURNER, churner);
        m.put(Archetype.CASUAL, casual);
        return m;
    }

    /**
     * What is known about a user and the pipeline never sees.
     *
     * @param churnDay the first day with no activity ever after (null: still active at the end of the holdout)
     */
    public record Truth(String userId, Archetype archetype, String channel, LocalDate signupDay, LocalDate churnDay,
                        String sdk) {}

    /** The held-back period of one user: any activity? how many purchase days, what net revenue? */
    public record HoldoutOutcome(boolean returned, int purchaseDays, double revenue) {}

    /** What was injected on purpose, for the summary and the tests. */
    public record Injected(int malformed, int invalid, int duplicates) {}

    private final LocalDate start;
    private final int days;
    private final int holdoutDays;
    private final Map<Integer, List<Timed>> byDay = new TreeMap<>();
    private final Map<String, Truth> truth = new LinkedHashMap<>();
    private final Map<String, HoldoutOutcome> holdout = new LinkedHashMap<>();
    private final int[][] promos;
    private int malformed, invalid, duplicates;

    private record Timed(long epochSecond, int seq, String body, String label) {}

    private DemoPopulation(LocalDate start, int days, int holdoutDays) {
        this.start = start;
        this.days = days;
        this.holdoutDays = holdoutDays;
        // Two subsidy campaigns inside the observed period, none in the holdout.
        this.promos = new int[][]{{(int) Math.round(days * 0.12), (int) Math.round(days * 0.35)},
                {(int) Math.round(days * 0.58), (int) Math.round(days * 0.75)}};
    }

    public static DemoPopulation generate(int users, int days, int holdoutDays, long seed, LocalDate start) {
        if (users < 1 || days < 2 || holdoutDays < 0) throw new IllegalArgumentException("users ≥ 1, days ≥ 2, holdout ≥ 0");
        DemoPopulation p = new DemoPopulation(start, days, holdoutDays);
        p.simulate(users, seed);
        return p;
    }

    public LocalDate firstDay() { return start; }
    public LocalDate lastDay() { return start.plusDays(days - 1L); }
    public int days() { return days; }
    public int holdoutDays() { return holdoutDays; }
    public Map<String, Truth> truth() { return truth; }
    public Map<String, HoldoutOutcome> holdout() { return holdout; }
    public Injected injected() { return new Injected(malformed, invalid, duplicates); }
    public int[][] promoDays() { return promos; }

    /** The day's messages in event-time order (only days of the observed period have messages). */
    public List<OutboundEvent> eventsOn(LocalDate day) {
        List<Timed> list = byDay.getOrDefault((int) (day.toEpochDay() - start.toEpochDay()), List.of());
        List<OutboundEvent> out = new ArrayList<>(list.size());
        for (Timed t : list) out.add(new OutboundEvent(t.body, t.label));
        return out;
    }

    public long eventCount() {
        return byDay.values().stream().mapToLong(List::size).sum();
    }

    // ---- simulation --------------------------------------------------------------------------

    private boolean promo(int d) {
        for (int[] p : promos) if (d >= p[0] && d < p[1]) return true;
        return false;
    }

    private int lastPromoEnd() {
        return promos[promos.length - 1][1];
    }

    private void simulate(int users, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        int total = days + holdoutDays;
        // Who comes through which channel, as what, and when: a launch week brings 35 %, the rest spread out.
        List<Integer> kocs = new ArrayList<>();
        Map<Integer, Map<String, Integer>> signupsByDayChannel = new TreeMap<>();
        List<UserPlan> plans = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            SplittableRandom r = root.split();
            Channel channel = pick(r, CHANNELS);
            Archetype type = pickArchetype(r, channel);
            int signup;
            if (type == Archetype.DEAL_HUNTER && r.nextDouble() < 0.8) {
                int[] p = promos[r.nextInt(promos.length)];
                signup = p[0] + r.nextInt(Math.max(1, p[1] - p[0]));
            } else if (r.nextDouble() < 0.35) {
                signup = r.nextInt(Math.min(7, days));
            } else {
                signup = r.nextInt(days);
            }
            String userId = String.format("u-%05d", i + 1);
            double sdkDraw = r.nextDouble();
            String sdk = sdkDraw < 0.70 ? "native" : sdkDraw < 0.95 ? "segment" : "eventbridge";
            plans.add(new UserPlan(i, userId, channel, type, signup, sdk, r));
            signupsByDayChannel.computeIfAbsent(signup, k -> new TreeMap<>()).merge(channel.name(), 1, Integer::sum);
        }
        // Referred users were invited by a KOC who signed up before them.
        plans.sort(Comparator.comparingInt((UserPlan u) -> u.signup).thenComparingInt(u -> u.index));
        for (UserPlan u : plans) {
            if (u.type == Archetype.KOC) kocs.add(u.index);
            if (u.channel.name().equals("referral") && !kocs.isEmpty()) {
                u.referrer = plansByIndex(plans, kocs.get(u.random.nextInt(kocs.size())));
            }
        }
        plans.sort(Comparator.comparingInt(u -> u.index));
        for (UserPlan u : plans) behave(u, total);
        costs(signupsByDayChannel, root.split());
        finishDays(root.split());
    }

    private static UserPlan plansByIndex(List<UserPlan> plans, int index) {
        for (UserPlan p : plans) if (p.index == index) return p;
        throw new IllegalStateException("no user " + index);
    }

    private static final class UserPlan {
        final int index;
        final String userId;
        final Channel channel;
        final Archetype type;
        final int signup;
        final String sdk;
        final SplittableRandom random;
        UserPlan referrer;
        int seq;

        UserPlan(int index, String userId, Channel channel, Archetype type, int signup, String sdk, SplittableRandom random) {
            this.index = index;
            this.userId = userId;
            this.channel = channel;
            this.type = type;
            this.signup = signup;
            this.sdk = sdk;
            this.random = random;
        }
    }

    private void behave(UserPlan u, int total) {
        SplittableRandom r = u.random;
        int churn = switch (u.type) {
            case LOYAL -> r.nextDouble() < 0.06 ? u.signup + 20 + r.nextInt(Math.max(1, total - u.signup)) : Integer.MAX_VALUE;
            case STOCK_UP -> Integer.MAX_VALUE;
            case DEAL_HUNTER -> Math.max(u.signup + 1, lastPromoEnd() + r.nextInt(4));
            case KOC -> Integer.MAX_VALUE;
            case SILENT_CHURNER -> u.signup + 7 + r.nextInt(Math.max(1, total - u.signup - 7));
            case CASUAL -> u.signup + 1 + geometric(r, 0.025);
        };
        churn = Math.max(churn, u.signup + 1);
        double interval = switch (u.type) {
            case LOYAL -> 5 + r.nextDouble() * 7;
            case STOCK_UP -> 45 + r.nextDouble() * 30;
            case KOC -> 8 + r.nextDouble() * 10;
            case SILENT_CHURNER -> 7 + r.nextDouble() * 9;
            default -> 0;
        };
        double basket = switch (u.type) {
            case LOYAL -> 35 + r.nextDouble() * 55;
            case STOCK_UP -> 120 + r.nextDouble() * 140;
            case DEAL_HUNTER -> 12 + r.nextDouble() * 18;
            case KOC -> 30 + r.nextDouble() * 40;
            case SILENT_CHURNER -> 25 + r.nextDouble() * 45;
            case CASUAL -> 10 + r.nextDouble() * 30;
        };
        double activeRate = switch (u.type) {
            case LOYAL -> 0.35;
            case STOCK_UP -> 0.02;
            case DEAL_HUNTER -> 0.02;
            case KOC -> 0.55;
            case SILENT_CHURNER -> 0.30;
            case CASUAL -> 0.12;
        };
        int nextPurchase = interval > 0 ? u.signup + (u.type == Archetype.STOCK_UP ? r.nextInt(3) : r.nextInt(4)) : Integer.MAX_VALUE;
        String anonymousId = r.nextDouble() < 0.3 ? String.format("anon-%08x", r.nextInt() & 0x7fffffff) : null;

        boolean returned = false;
        int holdoutPurchaseDays = 0;
        double holdoutRevenue = 0;
        int lastActive = -1;
        List<int[]> refunds = new ArrayList<>(); // day, orderSeq, milli
        // Anonymous visits before registering.
        if (anonymousId != null) {
            int visits = 1 + r.nextInt(3);
            for (int v = 0; v < visits; v++) {
                int d = Math.max(0, u.signup - r.nextInt(3));
                long t = at(d, r.nextInt(8 * 3600, 12 * 3600));
                add(d, t, u, sdkSession(u, null, anonymousId, t, r, "anonymous visit"));
            }
        }
        for (int d = u.signup; d < Math.min(total, churn); d++) {
            boolean observed = d < days;
            boolean active = false;
            boolean purchase = false;
            if (d == u.signup) {
                active = true;
                if (observed) {
                    long t = at(d, r.nextInt(12 * 3600, 13 * 3600));
                    add(d, t, u, registration(u, anonymousId, t));
                    if (anonymousId != null) add(d, t + 1, u, identify(u, anonymousId, t + 1));
                    if (u.referrer != null) add(d, t + 2, u.referrer, referral(u.referrer, u.userId, t + 2));
                }
            }
            switch (u.type) {
                case DEAL_HUNTER -> {
                    if (promo(d)) {
                        active |= r.nextDouble() < 0.6;
                        purchase = active && r.nextDouble() < 0.35;
                    } else {
                        active |= r.nextDouble() < activeRate;
                    }
                }
                case CASUAL -> {
                    active |= r.nextDouble() < activeRate;
                    purchase = active && r.nextDouble() < 0.05;
                }
                default -> {
                    if (d >= nextPurchase) {
                        purchase = true;
                        double jitter = u.type == Archetype.STOCK_UP ? (r.nextInt(7) - 3) : interval * (r.nextDouble() * 0.5 - 0.25);
                        nextPurchase = d + Math.max(1, (int) Math.round(interval + jitter));
                    }
                    active |= purchase || r.nextDouble() < activeRate
                            || (u.type == Archetype.STOCK_UP && d + 1 == nextPurchase && r.nextDouble() < 0.5);
                }
            }
            if (!active) continue;
            lastActive = d;
            double amount = purchase ? round2(basket * (0.7 + r.nextDouble() * 0.6)) : 0;
            if (!observed) {
                returned = true;
                if (purchase) {
                    holdoutPurchaseDays++;
                    holdoutRevenue += amount;
                }
                continue;
            }
            long t = at(d, r.nextInt(7 * 3600, 22 * 3600));
            if (d != u.signup || r.nextDouble() < 0.5) add(d, t, u, sdkSession(u, u.userId, null, t, r, "session"));
            if (purchase) {
                int order = ++u.seq;
                add(d, t + 60 + r.nextInt(600), u, orderPaid(u, order, amount, t + 60));
                if (r.nextDouble() < 0.03) refunds.add(new int[]{d + 1 + r.nextInt(5), order, (int) Math.round(amount * 500)});
            }
            if (u.type == Archetype.KOC) {
                if (r.nextDouble() < 0.25) add(d, t + 900, u, social(u, "content_shared", t + 900, null));
                if (r.nextDouble() < 0.12) add(d, t + 1200, u, social(u, "content_posted", t + 1200, "post-" + u.userId + "-" + d));
            } else if (r.nextDouble() < 0.01) {
                add(d, t + 900, u, social(u, "content_shared", t + 900, null));
            }
        }
        for (int[] refund : refunds) {
            if (refund[0] < days) {
                long t = at(refund[0], r.nextInt(9 * 3600, 18 * 3600));
                add(refund[0], t, u, orderRefunded(u, refund[1], refund[2] / 1000.0, t));
            } else if (refund[0] < total) {
                holdoutRevenue -= refund[2] / 1000.0;
            }
        }
        Integer churned = churn < total ? churn : null;
        truth.put(u.userId, new Truth(u.userId, u.type, u.channel.name(), start.plusDays(u.signup),
                churned == null ? null : start.plusDays(churned), u.sdk));
        holdout.put(u.userId, new HoldoutOutcome(returned, holdoutPurchaseDays, round2(holdoutRevenue)));
    }

    /** Daily marketing spend per paid channel: cost per user × that day's signups, ±15 %, plus a base. */
    private void costs(Map<Integer, Map<String, Integer>> signups, SplittableRandom r) {
        for (int d = 0; d < days; d++) {
            for (Channel c : CHANNELS) {
                if (c.costPerUser() == 0) continue;
                int n = signups.getOrDefault(d, Map.of()).getOrDefault(c.name(), 0);
                double amount = round2(c.costPerUser() * n * (0.85 + r.nextDouble() * 0.3) + c.costPerUser());
                long t = at(d, 23 * 3600 + 30 * 60);
                ObjectNode e = JSON.createObjectNode();
                e.put("eventId", "cost-" + start.plusDays(d) + "-" + c.name());
                e.put("type", "acquisition_cost");
                e.put("occurredAt", iso(t));
                ObjectNode p = e.putObject("properties");
                p.put("channel", c.name());
                p.put("amount", amount);
                p.put("currency", "USD");
                p.put("date", start.plusDays(d).toString());
                byDay.computeIfAbsent(d, k -> new ArrayList<>()).add(new Timed(t, 0, e.toString(), "demo " + start.plusDays(d) + " cost " + c.name()));
            }
        }
    }

    /** Sort each day by event time; corrupt a few messages and deliver a few twice. */
    private void finishDays(SplittableRandom r) {
        for (Map.Entry<Integer, List<Timed>> day : byDay.entrySet()) {
            List<Timed> list = day.getValue();
            list.sort(Comparator.comparingLong(Timed::epochSecond).thenComparingInt(Timed::seq));
            List<Timed> out = new ArrayList<>(list.size() + 8);
            for (Timed t : list) {
                double draw = r.nextDouble();
                if (t.body.contains("\"acquisition_cost\"")) {
                    out.add(t);
                    continue;
                }
                if (draw < 0.0012) {
                    malformed++;
                    out.add(new Timed(t.epochSecond, t.seq, t.body.substring(0, t.body.length() / 2), t.label + " (truncated on purpose)"));
                } else if (draw < 0.0030) {
                    invalid++;
                    out.add(new Timed(t.epochSecond, t.seq, corrupt(t.body, r), t.label + " (invalid on purpose)"));
                } else {
                    out.add(t);
                    if (draw > 0.995) {
                        duplicates++;
                        out.add(new Timed(t.epochSecond, t.seq, t.body, t.label + " (delivered twice on purpose)"));
                    }
                }
            }
            day.setValue(out);
        }
    }

    /** One of the mistakes real producers make; each must end as a rejection with its own code. */
    private static String corrupt(String body, SplittableRandom r) {
        try {
            ObjectNode e = (ObjectNode) JSON.readTree(body);
            ObjectNode target = e.has("detail") ? (ObjectNode) e.get("detail") : e;
            switch (r.nextInt(5)) {
                case 0 -> {
                    target.remove("userId");
                    target.remove("anonymousId");
                }
                case 1 -> target.put("type", "sesion_started");
                case 2 -> {
                    if (target.has("properties") && target.get("properties").has("amount")) {
                        ((ObjectNode) target.get("properties")).put("amount", -5);
                    } else if (target.has("properties") && target.get("properties").has("revenue")) {
                        ((ObjectNode) target.get("properties")).put("revenue", -5);
                    } else {
                        target.put("occurredAt", "yesterday");
                        target.put("timestamp", "yesterday");
                    }
                }
                case 3 -> {
                    String field = target.has("occurredAt") ? "occurredAt" : "timestamp";
                    Instant at = Instant.parse(target.get(field).asText());
                    target.put(field, at.plusSeconds(3 * 86400).toString());
                }
                default -> {
                    if (target.has("messageId")) target.put("type", "group"); // Segment: a call the engine does not take
                    else target.put("userID", "u-typo");                     // native: closed envelope, typo refused
                }
            }
            return e.toString();
        } catch (Exception ex) {
            return body + "}";
        }
    }

    // ---- message bodies ----------------------------------------------------------------------

    private void add(int d, long epochSecond, UserPlan u, String body) {
        if (d >= days) return;
        byDay.computeIfAbsent(d, k -> new ArrayList<>()).add(new Timed(epochSecond, u.index, body,
                "demo " + start.plusDays(d) + " " + u.userId));
    }

    private long at(int d, int secondOfDay) {
        return start.plusDays(d).atStartOfDay(ZoneOffset.UTC).toEpochSecond() + secondOfDay;
    }

    private static String iso(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
    }

    private String nextId(UserPlan u, String kind) {
        return u.userId + "-" + kind + "-" + (++u.seq);
    }

    private ObjectNode nativeEvent(UserPlan u, String type, String userId, String anonymousId, long t) {
        ObjectNode e = JSON.createObjectNode();
        e.put("eventId", nextId(u, type.substring(0, Math.min(4, type.length()))));
        e.put("type", type);
        if (userId != null) e.put("userId", userId);
        if (anonymousId != null) e.put("anonymousId", anonymousId);
        e.put("occurredAt", iso(t));
        return e;
    }

    private ObjectNode segment(UserPlan u, String type, String userId, String anonymousId, long t) {
        ObjectNode e = JSON.createObjectNode();
        e.put("type", type);
        e.put("messageId", "ajs-" + nextId(u, type));
        if (userId != null) e.put("userId", userId);
        if (anonymousId != null) e.put("anonymousId", anonymousId);
        e.put("timestamp", iso(t));
        e.putObject("context").putObject("library").put("name", "analytics.js").put("version", "2.11.1");
        return e;
    }

    private String wrap(UserPlan u, ObjectNode detail, long t) {
        if (!u.sdk.equals("eventbridge")) return detail.toString();
        ObjectNode e = JSON.createObjectNode();
        e.put("version", "0");
        e.put("id", "eb-" + nextId(u, "env"));
        e.put("detail-type", detail.path("type").asText());
        e.put("source", "com.example.shop");
        e.put("account", "123456789012");
        e.put("time", iso(t + 1));
        e.put("region", "us-east-1");
        e.putArray("resources");
        e.set("detail", detail);
        return e.toString();
    }

    private String sdkSession(UserPlan u, String userId, String anonymousId, long t, SplittableRandom r, String why) {
        if (u.sdk.equals("segment")) {
            double k = r.nextDouble();
            ObjectNode e = segment(u, k < 0.6 ? "page" : k < 0.8 ? "screen" : "track", userId, anonymousId, t);
            if (e.get("type").asText().equals("track")) e.put("event", "Product Viewed");
            else e.put("name", k < 0.3 ? "Home" : "Catalog");
            return e.toString();
        }
        ObjectNode e = nativeEvent(u, "session_started", userId, anonymousId, t);
        e.putObject("properties").put("source", why.equals("session") ? "app_open" : "web");
        return wrap(u, e, t);
    }

    private String registration(UserPlan u, String anonymousId, long t) {
        if (u.sdk.equals("segment")) {
            ObjectNode e = segment(u, "track", u.userId, anonymousId, t);
            e.put("event", "Signed Up");
            e.putObject("properties").put("channel", u.channel.name());
            return e.toString();
        }
        ObjectNode e = nativeEvent(u, "user_registered", u.userId, anonymousId, t);
        e.putObject("properties").put("channel", u.channel.name());
        return wrap(u, e, t);
    }

    private String identify(UserPlan u, String anonymousId, long t) {
        if (u.sdk.equals("segment")) {
            ObjectNode e = segment(u, "identify", u.userId, anonymousId, t);
            e.putObject("traits").put("plan", "free");
            return e.toString();
        }
        return wrap(u, nativeEvent(u, "identify", u.userId, anonymousId, t), t);
    }

    private String referral(UserPlan referrer, String referred, long t) {
        ObjectNode e = nativeEvent(referrer, "referral_converted", referrer.userId, null, t);
        e.putObject("properties").put("referredUserId", referred);
        return e.toString();
    }

    private String orderPaid(UserPlan u, int order, double amount, long t) {
        String orderId = "ord-" + u.userId + "-" + order;
        if (u.sdk.equals("segment")) {
            ObjectNode e = segment(u, "track", u.userId, null, t);
            e.put("event", "Order Completed");
            e.putObject("properties").put("order_id", orderId).put("revenue", amount).put("currency", "USD");
            return e.toString();
        }
        ObjectNode e = nativeEvent(u, "order_paid", u.userId, null, t);
        e.putObject("properties").put("orderId", orderId).put("amount", amount).put("currency", "USD");
        return wrap(u, e, t);
    }

    private String orderRefunded(UserPlan u, int order, double amount, long t) {
        String orderId = "ord-" + u.userId + "-" + order;
        if (u.sdk.equals("segment")) {
            ObjectNode e = segment(u, "track", u.userId, null, t);
            e.put("event", "Order Refunded");
            e.putObject("properties").put("order_id", orderId).put("revenue", amount).put("currency", "USD");
            return e.toString();
        }
        ObjectNode e = nativeEvent(u, "order_refunded", u.userId, null, t);
        e.putObject("properties").put("orderId", orderId).put("amount", amount).put("currency", "USD");
        return wrap(u, e, t);
    }

    private String social(UserPlan u, String type, long t, String contentId) {
        ObjectNode e = nativeEvent(u, type, u.userId, null, t);
        ObjectNode p = e.putObject("properties");
        if (contentId != null) p.put("contentId", contentId);
        return wrap(u, e, t);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static Channel pick(SplittableRandom r, List<Channel> channels) {
        double x = r.nextDouble(), sum = 0;
        for (Channel c : channels) {
            sum += c.share();
            if (x < sum) return c;
        }
        return channels.get(channels.size() - 1);
    }

    private static Archetype pickArchetype(SplittableRandom r, Channel c) {
        double x = r.nextDouble(), sum = 0;
        for (Map.Entry<Archetype, Double> e : c.mix().entrySet()) {
            sum += e.getValue();
            if (x < sum) return e.getKey();
        }
        return Archetype.CASUAL;
    }

    private static int geometric(SplittableRandom r, double p) {
        return (int) Math.floor(Math.log(1 - r.nextDouble()) / Math.log(1 - p));
    }

    private static double round2(double x) {
        return BigDecimal.valueOf(x).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    }
}
