package io.userasset.functions.daily;

import com.fasterxml.jackson.databind.JsonNode;
import io.userasset.events.ContractSchemas;
import io.userasset.functions.LocalEngine;
import io.userasset.functions.ingest.EventJson;
import io.userasset.functions.ingest.SqsIngestHandler;
import io.userasset.localcloud.LocalCloud;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue 5: a population small enough to compute by hand — 30 users over 45 days (day 0 = 2026-10-02,
 * day 44 = X = 2026-11-15), three channels, orders, a refund, acquisition costs — ingested day by day
 * with the daily job run for days 41–44, as the schedule would. With fewer than 50 customers every
 * model keeps its documented defaults (R cuts 30/90/180/365 d, F 1/2/3/5, M 50/100/250/500; means
 * 120 d, 2.5, 200; lifecycle defaults), so every number below follows from the table and
 * docs/metrics.md. The derivations are in the comments.
 */
class HandComputedPopulationTest {
    static final LocalDate DAY0 = LocalDate.of(2026, 10, 2);
    static final LocalDate X = DAY0.plusDays(44);

    /** channel, registration day, session days, orders (day, amount), refunds (day, order index, amount). */
    record U(String channel, int reg, int[] sessions, int[][] orders, int[][] refunds) {}

    static final Map<String, U> USERS = new TreeMap<>(Map.ofEntries(
            Map.entry("u01", new U("ads", 0, new int[]{41, 42, 43, 44}, new int[][]{{5, 120}, {20, 80}, {35, 100}}, new int[][]{{21, 1, 20}})),
            Map.entry("u02", new U("ads", 14, new int[]{41, 42, 43, 44}, new int[][]{{14, 30}}, new int[0][])),
            Map.entry("u03", new U("ads", 37, new int[]{41, 42, 43, 44}, new int[0][], new int[0][])),
            Map.entry("u04", new U("ads", 43, new int[]{44}, new int[0][], new int[0][])),
            Map.entry("u05", new U("ads", 44, new int[0], new int[0][], new int[0][])),
            Map.entry("u06", new U("ads", 10, new int[]{41, 42, 43}, new int[][]{{10, 60}, {17, 60}, {24, 60}}, new int[0][])),
            Map.entry("u07", new U("ads", 20, new int[]{41, 42}, new int[][]{{22, 45}}, new int[0][])),
            Map.entry("u08", new U("ads", 25, new int[]{41, 42}, new int[0][], new int[0][])),
            Map.entry("u09", new U("ads", 30, new int[]{41}, new int[0][], new int[0][])),
            Map.entry("u10", new U("ads", 35, new int[]{41}, new int[0][], new int[0][])),
            Map.entry("u11", new U("social", 5, new int[]{41, 42}, new int[][]{{5, 15}, {12, 15}, {19, 15}, {26, 15}, {33, 15}, {40, 15}}, new int[0][])),
            Map.entry("u12", new U("social", 8, new int[]{41, 42}, new int[][]{{8, 300}}, new int[0][])),
            Map.entry("u13", new U("social", 9, new int[0], new int[][]{{9, 25}, {30, 25}}, new int[0][])),
            Map.entry("u14", new U("social", 15, new int[]{20}, new int[0][], new int[0][])),
            Map.entry("u15", new U("social", 16, new int[]{38}, new int[0][], new int[0][])),
            Map.entry("u16", new U("social", 1, new int[0], new int[][]{{1, 600}, {15, 50}}, new int[0][])),
            Map.entry("u17", new U("social", 2, new int[]{14}, new int[0][], new int[0][])),
            Map.entry("u18", new U("social", 3, new int[0], new int[0][], new int[0][])),
            Map.entry("u19", new U("social", 37, new int[]{37}, new int[0][], new int[0][])),
            Map.entry("u20", new U("social", 43, new int[0], new int[0][], new int[0][])),
            Map.entry("u21", new U("organic", 14, new int[0], new int[0][], new int[0][])),
            Map.entry("u22", new U("organic", 14, new int[]{16}, new int[0][], new int[0][])),
            Map.entry("u23", new U("organic", 0, new int[]{10}, new int[][]{{10, 40}}, new int[0][])),
            Map.entry("u24", new U("organic", 2, new int[0], new int[][]{{3, 70}, {10, 70}, {17, 70}, {24, 70}, {31, 70}}, new int[0][])),
            Map.entry("u25", new U("organic", 4, new int[]{39}, new int[0][], new int[0][])),
            Map.entry("u26", new U("organic", 6, new int[]{12}, new int[0][], new int[0][])),
            Map.entry("u27", new U("organic", 11, new int[0], new int[0][], new int[0][])),
            Map.entry("u28", new U("organic", 12, new int[]{40}, new int[][]{{40, 90}}, new int[0][])),
            Map.entry("u29", new U("organic", 13, new int[0], new int[0][], new int[0][])),
            Map.entry("u30", new U("organic", 33, new int[]{36}, new int[0][], new int[0][]))));

    /** Daily marketing spend per channel, every day 0–44 (organic costs nothing). */
    static final Map<String, String> DAILY_COST = Map.of("ads", "200.00", "social", "2.00");

    @Test
    void theDaysMetricsSnapshotRowsAndAlertsAreExactlyTheHandComputedOnes() {
        try (LocalCloud cloud = LocalCloud.start()) {
            LocalEngine local = new LocalEngine(cloud);
            SqsIngestHandler ingest = new SqsIngestHandler(local.engine);
            List<EventJson.Sent> events = events();
            List<JsonNode> alerts = new ArrayList<>();
            for (int day = 41; day <= 44; day++) {
                // everything up to day 41 first, then one day at a time, each followed by its daily run
                int first = day == 41 ? 0 : day;
                int last = day;
                List<EventJson.Sent> batch = events.stream()
                        .filter(e -> dayOf(e.occurredAt()) >= first && dayOf(e.occurredAt()) <= last).toList();
                for (int from = 0; from < batch.size(); from += 50) {
                    assertThat(ingest.handleRequest(EventJson.sqs(batch.subList(from, Math.min(batch.size(), from + 50))), null)
                            .getBatchItemFailures()).isEmpty();
                }
                DailyRun.run(local, DAY0.plusDays(day), 2);
                alerts.addAll(DailyRun.read(cloud, DAY0.plusDays(day)).alerts());
            }
            DailyRun.Output out = DailyRun.read(cloud, X);
            JsonNode m = out.metrics();

            // users registered by day 44: all 30; new on day 44: u05
            assertThat(m.get("users").asLong()).isEqualTo(30);
            assertThat(m.get("newUsers").asLong()).isEqualTo(1);
            // active on 44: u01 u02 u03 (sessions), u04 (session), u05 (registration)
            assertThat(m.get("dau").asLong()).isEqualTo(5);
            // active on 38–44: u01–u12 (12), u15 (38), u20 (registered 43), u25 (39), u28 (40)
            assertThat(m.get("wau").asLong()).isEqualTo(16);
            // active on 15–44: everyone but u17 (last active 14), u18 (3), u21 (14), u23 (10), u26 (12), u29 (13), u27 (11) → 23
            assertThat(m.get("mau").asLong()).isEqualTo(23);
            assertThat(m.get("dauMauRatio").asDouble()).isCloseTo(5.0 / 23, within(1e-12));
            assertThat(m.get("activeRate").asDouble()).isCloseTo(23.0 / 30, within(1e-12));
            // customers: u01 u02 u06 u07 u11 u12 u13 u16 u23 u24 u28; with ≥ 2 purchase days: u01 u06 u11 u13 u16 u24
            assertThat(m.get("customers").asLong()).isEqualTo(11);
            assertThat(m.get("valueConversionRate").asDouble()).isCloseTo(11.0 / 30, within(1e-12));
            assertThat(m.get("repurchaseRate").asDouble()).isCloseTo(6.0 / 11, within(1e-12));
            // D1: signed up on 43 = u04 (back on 44), u20 (not); D7: 37 = u03 (back), u19 (not);
            // D30: 14 = u02 (back), u21, u22 (not)
            assertRetention(m, "d1", "2026-11-14", 2, 1);
            assertRetention(m, "d7", "2026-11-08", 2, 1);
            assertRetention(m, "d30", "2026-10-16", 3, 1);
            // stages: maturity = u01 (3 orders, active), u11 (6), u24 (5, last order 13 d ago ≤ 2 × 7 = 14);
            // dormancy = u06 (no order for 20 d > 2 × 7), u16 (29 d > 2 × 14); growth = the other 6 buyers
            assertThat(counts(m.at("/distributions/stage"))).isEqualTo(Map.of("introduction", 19L, "growth", 6L, "maturity", 3L,
                    "dormancy", 2L));
            // 8 segments against the default means (R < 120 d, F > 2.5, M > 200)
            assertThat(counts(m.at("/distributions/segment8"))).isEqualTo(Map.of("none", 19L, "important-value", 2L,
                    "important-develop", 2L, "general-value", 2L, "general-develop", 5L));
            // 11 segments from R and FM = ⌊(F + M + 1) / 2⌋ with the default cut points
            assertThat(counts(m.at("/distributions/segment11"))).isEqualTo(Map.of("none", 19L, "champions", 4L,
                    "potential-loyalist", 4L, "new", 2L, "promising", 1L));
            // net revenue: orders 2,125 − refund 20 = 2,105 over 30 users
            assertThat(m.at("/ltv/actual").asDouble()).isCloseTo(2105.0 / 30, within(1e-9));
            // channels: new users in the 30 days 15–44, 30 days of spend
            assertChannel(m, "ads", 10, 7, 4, 6000.0, 6000.0 / 7, 53.5);
            assertChannel(m, "social", 10, 4, 4, 60.0, 15.0, 109.0);
            assertChannel(m, "organic", 10, 1, 3, 0.0, 0.0, 48.0);
            assertThat(m.at("/channels/organic/ltvCac").isNull()).isTrue();
            // nobody churned, no segment moved since the last mark
            assertThat(m.get("assetChurnRate").asDouble()).isZero();
            assertThat(m.get("valueMigrationRate").asDouble()).isZero();

            // DAU 10, 8, 6, 5 on days 41–44: drops of 20 %, 25 %, 16.67 % on three consecutive days;
            // LTV/CAC of ads: at most a few hundred over a CAC of 857 → below 3, every day
            List<String> onX = alerts.stream().filter(a -> a.get("day").asText().equals(X.toString()))
                    .map(a -> a.get("alertId").asText()).sorted().toList();
            assertThat(onX).containsExactly("dau-drop:dau:2026-11-15", "ltv-cac:channels.ads.ltvCac:2026-11-15");
            JsonNode drop = alerts.stream().filter(a -> a.get("rule").asText().equals("dau-drop")).findFirst().orElseThrow();
            assertThat(drop.at("/observed/0/value").asDouble()).isEqualTo(20.0);
            assertThat(drop.at("/observed/1/value").asDouble()).isEqualTo(25.0);
            assertThat(drop.at("/observed/2/value").asDouble()).isEqualTo(16.6667);
            assertThat(alerts.stream().filter(a -> a.get("rule").asText().equals("ltv-cac")).count()).isEqualTo(4);
            for (JsonNode a : alerts) assertThat(ContractSchemas.validate(ContractSchemas.ALERT, a)).isEmpty();

            // snapshot: one valid row per user, and the rows of the interesting users exactly
            assertThat(out.snapshotRows()).hasSize(30);
            Map<String, JsonNode> rows = new TreeMap<>();
            for (JsonNode r : out.snapshotRows()) {
                assertThat(ContractSchemas.validate(ContractSchemas.SNAPSHOT_ROW, r)).isEmpty();
                rows.put(r.get("userId").asText(), r);
            }
            assertRow(rows.get("u01"), 9, 3, 280.0, 5, 3, 4, "important-value", "champions", "maturity", 3, 280.0, 6,
                    "2026-11-15", "2026-10-07", "2026-11-06");
            assertRow(rows.get("u06"), 20, 3, 180.0, 5, 3, 3, "general-value", "potential-loyalist", "dormancy", 3, 180.0, 5,
                    "2026-11-14", "2026-10-12", "2026-10-26");
            assertRow(rows.get("u12"), 36, 1, 300.0, 4, 1, 4, "important-develop", "potential-loyalist", "growth", 1, 300.0, 2,
                    "2026-11-13", "2026-10-10", "2026-10-10");
            assertRow(rows.get("u16"), 29, 2, 650.0, 5, 2, 5, "important-develop", "champions", "dormancy", 2, 650.0, 1,
                    "2026-10-17", "2026-10-03", "2026-10-17");
            JsonNode u05 = rows.get("u05");
            assertThat(u05.get("stage").asText()).isEqualTo("introduction");
            assertThat(u05.get("previousStage").isNull()).isTrue(); // new today: no earlier snapshot
            assertThat(u05.get("segment11").isNull()).isTrue();
            assertThat(rows.get("u01").get("previousStage").asText()).isEqualTo("maturity");
        }
    }

    private static void assertRetention(JsonNode m, String which, String cohort, long size, long retained) {
        JsonNode r = m.at("/retention/" + which);
        assertThat(r.get("cohortDate").asText()).isEqualTo(cohort);
        assertThat(r.get("cohortSize").asLong()).isEqualTo(size);
        assertThat(r.get("retained").asLong()).isEqualTo(retained);
        assertThat(r.get("rate").asDouble()).isCloseTo((double) retained / size, within(1e-12));
    }

    private static void assertChannel(JsonNode m, String name, long users, long new30, long customers, double cost30,
                                      double cac, double actualLtv) {
        JsonNode c = m.at("/channels/" + name);
        assertThat(c.get("users").asLong()).as(name).isEqualTo(users);
        assertThat(c.get("newUsers30").asLong()).as(name).isEqualTo(new30);
        assertThat(c.get("customers").asLong()).as(name).isEqualTo(customers);
        assertThat(c.get("cost30").asDouble()).as(name).isCloseTo(cost30, within(1e-9));
        assertThat(c.get("cac").asDouble()).as(name).isCloseTo(cac, within(1e-9));
        assertThat(c.get("actualLtv").asDouble()).as(name).isCloseTo(actualLtv, within(1e-9));
        assertThat(c.get("predictedLtv").asDouble()).as(name).isGreaterThanOrEqualTo(actualLtv);
    }

    private static void assertRow(JsonNode r, int recency, int frequency, double monetary, int rs, int fs, int ms,
                                  String s8, String s11, String stage, int orders, double net, int active30,
                                  String lastActive, String firstOrder, String lastOrder) {
        String u = r.get("userId").asText();
        assertThat(r.get("recencyDays").asInt()).as(u).isEqualTo(recency);
        assertThat(r.get("frequency").asInt()).as(u).isEqualTo(frequency);
        assertThat(r.get("monetary").asDouble()).as(u).isEqualTo(monetary);
        assertThat(r.get("rScore").asInt()).as(u).isEqualTo(rs);
        assertThat(r.get("fScore").asInt()).as(u).isEqualTo(fs);
        assertThat(r.get("mScore").asInt()).as(u).isEqualTo(ms);
        assertThat(r.get("segment8").asText()).as(u).isEqualTo(s8);
        assertThat(r.get("segment11").asText()).as(u).isEqualTo(s11);
        assertThat(r.get("stage").asText()).as(u).isEqualTo(stage);
        assertThat(r.get("orders").asInt()).as(u).isEqualTo(orders);
        assertThat(r.get("netRevenue").asDouble()).as(u).isEqualTo(net);
        assertThat(r.get("activeDays30").asInt()).as(u).isEqualTo(active30);
        assertThat(r.get("lastActiveDay").asText()).as(u).isEqualTo(lastActive);
        assertThat(r.get("firstOrderDay").asText()).as(u).isEqualTo(firstOrder);
        assertThat(r.get("lastOrderDay").asText()).as(u).isEqualTo(lastOrder);
    }

    private static Map<String, Long> counts(JsonNode node) {
        Map<String, Long> out = new TreeMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }

    private static int dayOf(Instant at) {
        return (int) (LocalDate.ofInstant(at, ZoneOffset.UTC).toEpochDay() - DAY0.toEpochDay());
    }

    static Instant at(int day, int second) {
        return DAY0.plusDays(day).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(second);
    }

    static List<EventJson.Sent> events() {
        List<EventJson.Sent> out = new ArrayList<>();
        USERS.forEach((user, u) -> {
            out.add(sent(user + "-reg", "user_registered", user, at(u.reg(), 3_600), "{\"channel\":\"" + u.channel() + "\"}"));
            for (int d : u.sessions()) out.add(sent(user + "-s" + d, "session_started", user, at(d, 7_200), "{}"));
            for (int i = 0; i < u.orders().length; i++) {
                out.add(sent(user + "-o" + i, "order_paid", user, at(u.orders()[i][0], 10_800),
                        "{\"orderId\":\"" + user + "-o" + i + "\",\"amount\":" + u.orders()[i][1] + ".00,\"currency\":\"USD\"}"));
            }
            for (int[] r : u.refunds()) {
                out.add(sent(user + "-r" + r[0], "order_refunded", user, at(r[0], 14_400),
                        "{\"orderId\":\"" + user + "-o" + r[1] + "\",\"amount\":" + r[2] + ".00,\"currency\":\"USD\"}"));
            }
        });
        for (int d = 0; d <= 44; d++) {
            for (var cost : DAILY_COST.entrySet()) {
                String id = "cost-" + cost.getKey() + "-" + d;
                out.add(new EventJson.Sent(id, "{\"eventId\":\"" + id + "\",\"type\":\"acquisition_cost\",\"occurredAt\":\""
                        + at(d, 60) + "\",\"properties\":{\"channel\":\"" + cost.getKey() + "\",\"amount\":" + cost.getValue()
                        + ",\"currency\":\"USD\",\"date\":\"" + DAY0.plusDays(d) + "\"}}", at(d, 60)));
            }
        }
        out.sort(Comparator.comparing(EventJson.Sent::occurredAt));
        return out;
    }

    private static EventJson.Sent sent(String id, String type, String user, Instant at, String properties) {
        return new EventJson.Sent(id, EventJson.event(id, type, user, null, at, properties), at);
    }
}
