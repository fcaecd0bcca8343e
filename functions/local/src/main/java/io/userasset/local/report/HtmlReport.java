package io.userasset.local.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.userasset.local.demo.DemoPopulation;
import io.userasset.local.output.Evaluation;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static io.userasset.local.report.Svg.esc;

/**
 * The run's report: one self-contained HTML page (inline CSS, server-drawn SVG, no script, no
 * network) for a growth manager — where the users are and how they move, retention by cohort,
 * channel economics, alerts, actions and their uplift, whom to recall, the model, how well the
 * predictions held on the held-back period, and what the run would cost on AWS.
 */
public final class HtmlReport {
    static final List<String> STAGES = List.of("introduction", "growth", "maturity", "dormancy", "churned");
    static final String[] STAGE_COLORS = {"#9ecae1", "#59a14f", "#4e79a7", "#f28e2b", "#e15759"};
    static final List<String> SEGMENTS11 = List.of("champions", "loyal", "potential-loyalist", "new", "promising",
            "need-attention", "about-to-sleep", "at-risk", "cant-lose-them", "hibernating", "lost", "none");
    static final int RETENTION_DAYS = 30;

    private HtmlReport() {}

    public static String render(ReportData d) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(d.title()))
                .append(" — User Asset Engine</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>")
                .append(CSS).append("</style></head><body><main>");
        header(h, d);
        section(h, "Where your users are", "Lifecycle stage of every user at each daily run, and the RFM segments (R×FM grid) on the last day.");
        h.append("<div class=\"row\">").append(figure(stages(d), "Users by lifecycle stage, day by day"))
                .append(figure(segments(d), "RFM segments on " + d.lastDay())).append("</div>");
        h.append(distributionTable(d));
        section(h, "How they move", "Day-over-day moves between lifecycle stages, summed over the run (from the metrics' "
                + "migration matrix). The diagonal is users who stayed; off the diagonal, who moved where.");
        h.append(figure(flow(d), "Stage transitions (rows: from, columns: to)"));
        section(h, "Retention by signup cohort", "Share of each weekly signup cohort active on day 1…" + RETENTION_DAYS
                + " after signing up (users without a registration are counted from their first order).");
        h.append(figure(retention(d), "Retention curves, D1–D" + RETENTION_DAYS + ", by signup week"));
        section(h, "Activity and alerts", "Daily, weekly and monthly active users; below, every alert the rules raised, on a timeline.");
        h.append(figure(activity(d), "DAU / WAU / MAU")).append(figure(alerts(d), "Alerts by rule"));
        h.append(alertTable(d));
        section(h, "Channels: lifetime value against acquisition cost", "Predicted LTV per user (revenue so far plus predicted "
                + "CLV) against the cost of acquiring a user (30-day spend / new users), on the last day.");
        h.append(figure(channels(d), "LTV and CAC by channel")).append(channelTable(d));
        section(h, "Actions and their uplift", "Actions published to the bus, and for actions whose 7-day window has closed, the "
                + "conversion of treated users against the holdout group that was recorded but not sent.");
        h.append(figure(uplift(d), "Conversion: treated vs holdout")).append(actionTable(d));
        section(h, "Top users to recall", "Dormant or high-risk users (not yet churned) ranked by predicted CLV on the last day.");
        h.append(recallTable(d));
        section(h, "The model", "Purchase model (BG/NBD family) and spend model (Gamma-Gamma) fitted by the last daily job on the "
                + "whole base, used for tomorrow's scores.");
        h.append(modelTable(d));
        if (d.evaluation() != null) {
            Evaluation.Result e = d.evaluation();
            section(h, "How well the predictions held", "Scores as of " + d.lastDay() + " against the " + e.horizonDays()
                    + " held-back days that followed.");
            h.append("<div class=\"row\">").append(figure(roc(e), "Churn risk vs not returning: ROC curve, AUC "
                    + fmt(e.auc(), 3))).append(figure(calibration(e), "Purchase days per customer in the holdout, by repeat purchase days before it"))
                    .append("</div>").append(evaluationTable(e));
        }
        if (d.demo() != null) {
            section(h, "Demo ground truth", "Each generated archetype, and where the engine placed its users on the last day.");
            h.append(figure(archetypes(d), "Final lifecycle stage by true archetype")).append(archetypeTable(d));
        }
        section(h, "What it would cost on AWS", "Measured on this run, priced at on-demand list prices.");
        h.append(figure(cost(d), "Projected cost per million events, by service")).append(costTable(d));
        h.append(rejectionTable(d));
        h.append("<footer>Generated by <code>").append(esc(d.summary().path("command").asText())).append("</code> — User Asset Engine local run. "
                + "Files: profiles.jsonl, model.json, metrics/, snapshots/, actions.jsonl, alerts.jsonl, rejected.jsonl, summary.json.</footer>");
        h.append("</main></body></html>\n");
        return h.toString();
    }

    // ---- layout ----------------------------------------------------------------------------------

    private static void header(StringBuilder h, ReportData d) {
        JsonNode s = d.summary();
        JsonNode e = s.path("events");
        JsonNode u = s.path("users");
        h.append("<header><h1>User Asset Engine — ").append(esc(d.title())).append("</h1><p class=\"sub\">")
                .append(d.firstDay()).append(" … ").append(d.lastDay()).append(" · ").append(s.path("period").path("days").asInt())
                .append(" days, one daily job each · run locally with the same handlers as in AWS</p><div class=\"cards\">");
        card(h, "users", n(u.path("profiles").asLong()), n(u.path("customers").asLong()) + " customers");
        card(h, "active (last day)", n(u.path("dau").asLong()), "MAU " + n(u.path("mau").asLong()));
        card(h, "events", n(e.path("sent").asLong()), n(e.path("applied").asLong()) + " applied · " + n(e.path("duplicate").asLong())
                + " duplicate · " + n(e.path("rejected").asLong()) + " rejected · " + n(e.path("deadLettered").asLong()) + " dead-lettered");
        card(h, "actions", n(s.path("actions").path("published").asLong()), "published");
        card(h, "alerts", n(s.path("alerts").path("published").asLong()), "raised");
        if (s.has("evaluation")) {
            card(h, "churn-risk AUC", fmt(s.path("evaluation").path("churnRisk").path("rocAuc"), 2), "on the held-back period");
        }
        card(h, "cost / million events", "$" + fmt(s.path("cost").path("projected").path("perMillionEventsUsd"), 2), "AWS on-demand, projected");
        h.append("</div></header>");
    }

    private static void card(StringBuilder h, String label, String value, String note) {
        h.append("<div class=\"card\"><div class=\"label\">").append(esc(label)).append("</div><div class=\"value\">")
                .append(esc(value)).append("</div><div class=\"note\">").append(esc(note)).append("</div></div>");
    }

    private static void section(StringBuilder h, String title, String text) {
        h.append("<h2>").append(esc(title)).append("</h2><p class=\"lead\">").append(esc(text)).append("</p>");
    }

    private static String figure(String svg, String caption) {
        return "<figure>" + svg + "<figcaption>" + esc(caption) + "</figcaption></figure>";
    }

    // ---- charts ------------------------------------------------------------------------------------

    private static String stages(ReportData d) {
        Svg s = new Svg("stages", 620, 300, "Users by lifecycle stage per day", 56, 110, 12, 40);
        List<LocalDate> days = new ArrayList<>(d.metrics().keySet());
        if (days.isEmpty()) return s.empty("no daily metrics").end();
        double max = 0;
        for (JsonNode m : d.metrics().values()) max = Math.max(max, m.path("users").asDouble());
        max = Svg.niceMax(max);
        s.yAxis(0, max, 4, false).xAxis();
        double[] base = new double[days.size()];
        for (int k = 0; k < STAGES.size(); k++) {
            List<double[]> lower = new ArrayList<>(), upper = new ArrayList<>();
            for (int i = 0; i < days.size(); i++) {
                double v = d.metrics().get(days.get(i)).path("distributions").path("stage").path(STAGES.get(k)).asDouble();
                double x = s.x(i, 0, Math.max(1, days.size() - 1));
                lower.add(new double[]{x, s.y(base[i], 0, max)});
                base[i] += v;
                upper.add(new double[]{x, s.y(base[i], 0, max)});
            }
            s.area(upper, lower, STAGE_COLORS[k], STAGES.get(k));
            s.rect(s.right + 12, s.top + 18 * k, 12, 12, STAGE_COLORS[k], null).text(s.right + 30, s.top + 18 * k + 10, STAGES.get(k), "start", 11, "#333");
        }
        dayLabels(s, days);
        return s.end();
    }

    private static void dayLabels(Svg s, List<LocalDate> days) {
        int step = Math.max(1, days.size() / 6);
        for (int i = 0; i < days.size(); i += step) {
            double x = s.x(i, 0, Math.max(1, days.size() - 1));
            s.line(x, s.bottom, x, s.bottom + 4, "#999", 1, null).text(x, s.bottom + 16, days.get(i).toString().substring(5), "middle", 10, "#555");
        }
    }

    private static String segments(ReportData d) {
        Svg s = new Svg("segments", 420, 300, "RFM segments on the last day", 120, 50, 10, 10);
        JsonNode last = lastMetrics(d);
        if (last == null) return s.empty("no daily metrics").end();
        JsonNode seg = last.path("distributions").path("segment11");
        double max = 1;
        for (String k : SEGMENTS11) max = Math.max(max, seg.path(k).asDouble());
        double bar = (double) s.plotHeight() / SEGMENTS11.size();
        for (int i = 0; i < SEGMENTS11.size(); i++) {
            String k = SEGMENTS11.get(i);
            double v = seg.path(k).asDouble();
            double y = s.top + i * bar;
            s.text(s.left - 6, y + bar * 0.65, k.equals("none") ? "no order yet" : k, "end", 11, "#333");
            s.rect(s.left, y + 2, v / max * s.plotWidth(), bar - 4, k.equals("none") ? "#bab0ac" : Svg.PALETTE[i % Svg.PALETTE.length], k + ": " + (long) v);
            s.text(s.left + v / max * s.plotWidth() + 4, y + bar * 0.65, n((long) v), "start", 10, "#555");
        }
        return s.end();
    }

    private static String flow(ReportData d) {
        long[][] m = new long[STAGES.size()][STAGES.size()];
        for (JsonNode day : d.metrics().values()) {
            day.path("migration").path("stage").fields().forEachRemaining(e -> {
                String[] ft = e.getKey().split(">");
                int from = STAGES.indexOf(ft[0]), to = ft.length > 1 ? STAGES.indexOf(ft[1]) : -1;
                if (from >= 0 && to >= 0) m[from][to] += e.getValue().asLong();
            });
        }
        Svg s = new Svg("flow", 620, 330, "Stage transition matrix", 110, 20, 40, 20);
        long offMax = 1, total = 0;
        for (int i = 0; i < m.length; i++) for (int j = 0; j < m.length; j++) {
            total += m[i][j];
            if (i != j) offMax = Math.max(offMax, m[i][j]);
        }
        if (total == 0) return s.empty("no day-over-day moves yet").end();
        double cw = (double) s.plotWidth() / STAGES.size(), ch = (double) s.plotHeight() / STAGES.size();
        for (int j = 0; j < STAGES.size(); j++) s.text(s.left + cw * (j + 0.5), s.top - 10, "→ " + STAGES.get(j), "middle", 11, "#333");
        for (int i = 0; i < STAGES.size(); i++) {
            s.text(s.left - 8, s.top + ch * (i + 0.55), STAGES.get(i) + " →", "end", 11, "#333");
            long rowTotal = 0;
            for (long v : m[i]) rowTotal += v;
            for (int j = 0; j < STAGES.size(); j++) {
                long v = m[i][j];
                String fill;
                if (i == j) fill = v == 0 ? "#f7f7f7" : "#e8e8e8";
                else fill = v == 0 ? "#fbfbfb" : heat(Math.sqrt((double) v / offMax));
                String share = rowTotal == 0 ? "" : String.format(Locale.ROOT, " (%.1f %% of %s user-days)", 100.0 * v / rowTotal, STAGES.get(i));
                s.rect(s.left + cw * j + 1, s.top + ch * i + 1, cw - 2, ch - 2, fill, STAGES.get(i) + " → " + STAGES.get(j) + ": " + v + share);
                s.text(s.left + cw * (j + 0.5), s.top + ch * (i + 0.6), n(v), "middle", 12, i != j && (double) v / offMax > 0.45 ? "#fff" : "#333");
            }
        }
        return s.end();
    }

    private static String heat(double t) {
        int r = (int) Math.round(255 + (215 - 255) * t), g = (int) Math.round(237 + (48 - 237) * t), b = (int) Math.round(222 + (39 - 222) * t);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    /** D1..D30 retention by weekly signup cohort, from every day's snapshot rows (active that day = lastActiveDay is the day). */
    private static String retention(ReportData d) {
        Map<String, LocalDate> signup = new HashMap<>();
        Map<String, boolean[]> active = new HashMap<>();
        d.snapshotRows().accept(row -> {
            String user = row.path("userId").asText();
            LocalDate start = signupOf(row);
            if (start == null) return;
            signup.putIfAbsent(user, start);
            LocalDate dt = LocalDate.parse(row.path("dt").asText());
            if (row.hasNonNull("lastActiveDay") && row.get("lastActiveDay").asText().equals(dt.toString())) {
                long k = ChronoUnit.DAYS.between(signup.get(user), dt);
                if (k >= 1 && k <= RETENTION_DAYS) active.computeIfAbsent(user, x -> new boolean[RETENTION_DAYS + 1])[(int) k] = true;
            }
        });
        Map<LocalDate, List<String>> cohorts = new TreeMap<>();
        signup.forEach((user, day) -> {
            if (!day.isBefore(d.firstDay())) cohorts.computeIfAbsent(day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), x -> new ArrayList<>()).add(user);
        });
        Svg s = new Svg("retention", 900, 320, "Retention curves by weekly signup cohort", 56, 170, 12, 40);
        if (cohorts.isEmpty()) return s.empty("no signups inside the period").end();
        List<double[][]> curves = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        double max = 0;
        for (Map.Entry<LocalDate, List<String>> c : cohorts.entrySet()) {
            if (c.getValue().size() < 5) continue;
            double[][] curve = new double[RETENTION_DAYS + 1][];
            for (int k = 1; k <= RETENTION_DAYS; k++) {
                int eligible = 0, retained = 0;
                for (String user : c.getValue()) {
                    if (signup.get(user).plusDays(k).isAfter(d.lastDay())) continue;
                    eligible++;
                    boolean[] a = active.get(user);
                    if (a != null && a[k]) retained++;
                }
                if (eligible >= Math.max(5, c.getValue().size() / 2)) {
                    curve[k] = new double[]{k, (double) retained / eligible};
                    max = Math.max(max, (double) retained / eligible);
                }
            }
            curves.add(curve);
            labels.add("week of " + c.getKey() + " (" + c.getValue().size() + ")");
        }
        if (curves.isEmpty()) return s.empty("cohorts too small to draw").end();
        max = Math.min(1, Svg.niceMax(max));
        s.yAxis(0, max, 4, true).xAxis();
        for (int k = 1; k <= RETENTION_DAYS; k += (k == 1 ? 6 : 7)) {
            double x = s.x(k, 1, RETENTION_DAYS);
            s.text(x, s.bottom + 16, "D" + k, "middle", 10, "#555");
        }
        s.text(s.x(RETENTION_DAYS, 1, RETENTION_DAYS), s.bottom + 16, "D" + RETENTION_DAYS, "middle", 10, "#555");
        for (int c = 0; c < curves.size(); c++) {
            String color = Svg.PALETTE[c % Svg.PALETTE.length];
            List<double[]> pts = new ArrayList<>();
            for (double[] p : curves.get(c)) {
                if (p != null) pts.add(new double[]{s.x(p[0], 1, RETENTION_DAYS), s.y(p[1], 0, max)});
            }
            s.polyline(pts, color, 2, labels.get(c));
            for (double[] p : curves.get(c)) {
                if (p != null) s.circle(s.x(p[0], 1, RETENTION_DAYS), s.y(p[1], 0, max), 2, color,
                        labels.get(c) + ": D" + (int) p[0] + " " + String.format(Locale.ROOT, "%.1f %%", p[1] * 100));
            }
            s.rect(s.right + 12, s.top + 16 * c, 12, 10, color, null).text(s.right + 28, s.top + 16 * c + 9, labels.get(c), "start", 10, "#333");
        }
        return s.end();
    }

    private static LocalDate signupOf(JsonNode row) {
        if (row.hasNonNull("registeredDay")) return LocalDate.parse(row.get("registeredDay").asText());
        if (row.hasNonNull("firstOrderDay")) return LocalDate.parse(row.get("firstOrderDay").asText());
        return null;
    }

    private static String activity(ReportData d) {
        Svg s = new Svg("activity", 900, 260, "DAU, WAU and MAU", 56, 90, 12, 40);
        List<LocalDate> days = new ArrayList<>(d.metrics().keySet());
        if (days.isEmpty()) return s.empty("no daily metrics").end();
        double max = 1;
        for (JsonNode m : d.metrics().values()) max = Math.max(max, m.path("mau").asDouble());
        max = Svg.niceMax(max);
        s.yAxis(0, max, 4, false).xAxis();
        String[] keys = {"dau", "wau", "mau"};
        for (int k = 0; k < keys.length; k++) {
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < days.size(); i++) {
                pts.add(new double[]{s.x(i, 0, Math.max(1, days.size() - 1)), s.y(d.metrics().get(days.get(i)).path(keys[k]).asDouble(), 0, max)});
            }
            s.polyline(pts, Svg.PALETTE[k], 2, keys[k].toUpperCase(Locale.ROOT));
            s.rect(s.right + 12, s.top + 16 * k, 12, 10, Svg.PALETTE[k], null).text(s.right + 28, s.top + 16 * k + 9, keys[k].toUpperCase(Locale.ROOT), "start", 11, "#333");
        }
        for (JsonNode a : d.alerts()) {
            if (!"dau".equals(a.path("metric").asText())) continue;
            int i = days.indexOf(LocalDate.parse(a.path("day").asText()));
            if (i >= 0) s.circle(s.x(i, 0, Math.max(1, days.size() - 1)), s.y(d.metrics().get(days.get(i)).path("dau").asDouble(), 0, max), 5,
                    "#e15759", a.path("message").asText());
        }
        dayLabels(s, days);
        return s.end();
    }

    private static String alerts(ReportData d) {
        List<String> rules = new ArrayList<>();
        for (JsonNode a : d.alerts()) if (!rules.contains(a.path("rule").asText())) rules.add(a.path("rule").asText());
        rules.sort(null);
        int lanes = Math.max(1, rules.size());
        Svg s = new Svg("alerts", 900, 40 + 28 * lanes + 30, "Alerts on a timeline", 120, 20, 12, 30);
        List<LocalDate> days = new ArrayList<>(d.metrics().keySet());
        if (days.isEmpty()) return s.empty("no daily metrics").end();
        s.xAxis();
        dayLabels(s, days);
        if (rules.isEmpty()) {
            s.line(s.left, s.top + 14, s.right, s.top + 14, "#ddd", 1, "4 4");
            return s.text((s.left + s.right) / 2.0, s.top + 10, "no alert fired", "middle", 12, "#888").end();
        }
        double lane = (double) s.plotHeight() / lanes;
        for (int r = 0; r < rules.size(); r++) {
            double y = s.top + lane * (r + 0.5);
            s.line(s.left, y, s.right, y, "#eee", 1, null).text(s.left - 8, y + 4, rules.get(r), "end", 11, "#333");
            for (JsonNode a : d.alerts()) {
                if (!a.path("rule").asText().equals(rules.get(r))) continue;
                int i = days.indexOf(LocalDate.parse(a.path("day").asText()));
                if (i < 0) continue;
                String color = "critical".equals(a.path("severity").asText()) ? "#e15759" : "#f28e2b";
                s.circle(s.x(i, 0, Math.max(1, days.size() - 1)), y, 6, color, a.path("day").asText() + ": " + a.path("message").asText());
            }
        }
        return s.end();
    }

    private static String channels(ReportData d) {
        Svg s = new Svg("ltv-cac", 620, 300, "LTV and CAC by channel", 56, 130, 24, 40);
        JsonNode last = lastMetrics(d);
        List<String> names = new ArrayList<>();
        if (last != null) last.path("channels").fieldNames().forEachRemaining(names::add);
        if (names.isEmpty()) return s.empty("no acquisition channels in this data").end();
        double max = 1;
        for (String c : names) {
            JsonNode ch = last.path("channels").path(c);
            max = Math.max(max, Math.max(ch.path("predictedLtv").asDouble(), ch.path("cac").asDouble()));
        }
        max = Svg.niceMax(max);
        s.yAxis(0, max, 4, false).xAxis();
        double group = (double) s.plotWidth() / names.size();
        for (int i = 0; i < names.size(); i++) {
            JsonNode ch = last.path("channels").path(names.get(i));
            double x0 = s.left + group * i + group * 0.15, bw = group * 0.33;
            double ltv = ch.path("predictedLtv").asDouble(), cac = ch.path("cac").asDouble();
            s.rect(x0, s.y(ltv, 0, max), bw, s.bottom - s.y(ltv, 0, max), "#4e79a7", names.get(i) + " predicted LTV " + money(ltv));
            s.rect(x0 + bw, s.y(cac, 0, max), bw, s.bottom - s.y(cac, 0, max), "#e15759", names.get(i) + " CAC " + money(cac));
            String ratio = ch.hasNonNull("ltvCac") ? String.format(Locale.ROOT, "%.1f×", ch.get("ltvCac").asDouble()) : "n/a";
            s.text(x0 + bw, s.y(Math.max(ltv, cac), 0, max) - 6, ratio, "middle", 11, ch.hasNonNull("ltvCac") && ch.get("ltvCac").asDouble() < 3 ? "#c0392b" : "#333");
            s.text(x0 + bw, s.bottom + 16, names.get(i), "middle", 11, "#333");
        }
        s.rect(s.right + 12, s.top, 12, 10, "#4e79a7", null).text(s.right + 28, s.top + 9, "predicted LTV", "start", 11, "#333");
        s.rect(s.right + 12, s.top + 16, 12, 10, "#e15759", null).text(s.right + 28, s.top + 25, "CAC", "start", 11, "#333");
        s.text(s.right + 12, s.top + 48, "label: LTV/CAC", "start", 10, "#777");
        return s.end();
    }

    /** Treated, treated converted, holdout, holdout converted per action type: the summary's attributed totals. */
    private static Map<String, long[]> actionOutcomes(ReportData d) {
        Map<String, long[]> sums = new TreeMap<>();
        d.summary().path("actions").path("attributed").fields().forEachRemaining(e -> sums.put(e.getKey(), new long[] {
                e.getValue().path("treated").asLong(), e.getValue().path("treatedConverted").asLong(),
                e.getValue().path("holdout").asLong(), e.getValue().path("holdoutConverted").asLong()}));
        return sums;
    }

    private static String uplift(ReportData d) {
        Svg s = new Svg("uplift", 620, 260, "Conversion of treated vs holdout users", 56, 130, 24, 40);
        Map<String, long[]> sums = actionOutcomes(d);
        if (sums.isEmpty()) return s.empty("no action's 7-day window has closed yet").end();
        s.yAxis(0, 1, 4, true).xAxis();
        double group = (double) s.plotWidth() / sums.size();
        int i = 0;
        for (Map.Entry<String, long[]> e : sums.entrySet()) {
            long[] x = e.getValue();
            double treated = x[0] == 0 ? 0 : (double) x[1] / x[0], held = x[2] == 0 ? 0 : (double) x[3] / x[2];
            double x0 = s.left + group * i + group * 0.2, bw = group * 0.3;
            s.rect(x0, s.y(treated, 0, 1), bw, s.bottom - s.y(treated, 0, 1), "#59a14f",
                    e.getKey() + " treated: " + x[1] + " of " + x[0] + " converted");
            s.rect(x0 + bw, s.y(held, 0, 1), bw, s.bottom - s.y(held, 0, 1), "#bab0ac",
                    e.getKey() + " holdout: " + x[3] + " of " + x[2] + " converted");
            String up = x[0] == 0 || x[2] == 0 ? "n/a" : String.format(Locale.ROOT, "%+.1f pts", (treated - held) * 100);
            s.text(x0 + bw, s.y(Math.max(treated, held), 0, 1) - 6, up, "middle", 11, "#333");
            s.text(x0 + bw, s.bottom + 16, e.getKey(), "middle", 11, "#333");
            i++;
        }
        s.rect(s.right + 12, s.top, 12, 10, "#59a14f", null).text(s.right + 28, s.top + 9, "treated", "start", 11, "#333");
        s.rect(s.right + 12, s.top + 16, 12, 10, "#bab0ac", null).text(s.right + 28, s.top + 25, "holdout", "start", 11, "#333");
        return s.end();
    }

    private static String roc(Evaluation.Result e) {
        Svg s = new Svg("roc", 420, 340, "ROC curve of churn risk", 56, 16, 12, 40);
        s.yAxis(0, 1, 4, true).xAxis();
        for (int i = 0; i <= 4; i++) s.text(s.x(i / 4.0, 0, 1), s.bottom + 16, String.format(Locale.ROOT, "%.0f%%", i * 25.0), "middle", 10, "#555");
        s.text((s.left + s.right) / 2.0, s.bottom + 32, "false positive rate (returned users flagged)", "middle", 10, "#555");
        s.line(s.left, s.bottom, s.right, s.top, "#bbb", 1, "4 4");
        if (e.roc().isEmpty()) return s.empty("everyone or no one returned").end();
        List<double[]> pts = new ArrayList<>();
        for (double[] p : e.roc()) pts.add(new double[]{s.x(p[0], 0, 1), s.y(p[1], 0, 1)});
        s.polyline(pts, "#e15759", 2.5, "ROC, AUC " + fmt(e.auc(), 3));
        s.text(s.right - 8, s.bottom - 12, "AUC " + fmt(e.auc(), 3), "end", 14, "#e15759");
        return s.end();
    }

    private static String calibration(Evaluation.Result e) {
        Svg s = new Svg("clv", 460, 340, "Predicted vs actual purchase days in the holdout", 56, 110, 24, 50);
        if (e.byFrequency().isEmpty()) return s.empty("no customers").end();
        double max = 0.1;
        for (Evaluation.Bucket b : e.byFrequency()) max = Math.max(max, Math.max(b.predictedMean(), b.actualMean()));
        max = Svg.niceMax(max);
        s.yAxis(0, max, 4, false).xAxis();
        List<double[]> pred = new ArrayList<>(), act = new ArrayList<>();
        int n = e.byFrequency().size();
        for (int i = 0; i < n; i++) {
            Evaluation.Bucket b = e.byFrequency().get(i);
            double x = s.x(i, -0.5, n - 0.5);
            pred.add(new double[]{x, s.y(b.predictedMean(), 0, max)});
            act.add(new double[]{x, s.y(b.actualMean(), 0, max)});
            s.text(x, s.bottom + 16, b.label(), "middle", 11, "#333");
            s.circle(x, s.y(b.predictedMean(), 0, max), 3.5, "#4e79a7", b.label() + " repeat days (" + b.customers()
                    + " customers): predicted " + String.format(Locale.ROOT, "%.2f", b.predictedMean()));
            s.circle(x, s.y(b.actualMean(), 0, max), 3.5, "#f28e2b", b.label() + " repeat days: actual " + String.format(Locale.ROOT, "%.2f", b.actualMean()));
        }
        s.polyline(pred, "#4e79a7", 2, "predicted").polyline(act, "#f28e2b", 2, "actual");
        s.text((s.left + s.right) / 2.0, s.bottom + 34, "repeat purchase days before the holdout", "middle", 10, "#555");
        s.rect(s.right + 12, s.top, 12, 10, "#4e79a7", null).text(s.right + 28, s.top + 9, "predicted", "start", 11, "#333");
        s.rect(s.right + 12, s.top + 16, 12, 10, "#f28e2b", null).text(s.right + 28, s.top + 25, "actual", "start", 11, "#333");
        return s.end();
    }

    private static Map<DemoPopulation.Archetype, Map<String, Integer>> archetypeStages(ReportData d) {
        Map<DemoPopulation.Archetype, Map<String, Integer>> m = new LinkedHashMap<>();
        for (DemoPopulation.Archetype a : DemoPopulation.Archetype.values()) m.put(a, new LinkedHashMap<>());
        for (JsonNode row : d.profiles()) {
            DemoPopulation.Truth t = d.demo().truth().get(row.path("userId").asText());
            if (t == null) continue;
            m.get(t.archetype()).merge(row.path("stage").asText(), 1, Integer::sum);
        }
        return m;
    }

    private static String archetypes(ReportData d) {
        Svg s = new Svg("archetypes", 900, 260, "Final stage by archetype", 120, 110, 10, 30);
        var m = archetypeStages(d);
        double bar = (double) s.plotHeight() / m.size();
        int i = 0;
        for (var e : m.entrySet()) {
            int total = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
            double y = s.top + i * bar;
            s.text(s.left - 8, y + bar * 0.62, e.getKey().id + " (" + total + ")", "end", 11, "#333");
            double x = s.left;
            for (int k = 0; k < STAGES.size(); k++) {
                int v = e.getValue().getOrDefault(STAGES.get(k), 0);
                if (total == 0 || v == 0) continue;
                double w = (double) v / total * s.plotWidth();
                s.rect(x, y + 3, w, bar - 6, STAGE_COLORS[k], e.getKey().id + " → " + STAGES.get(k) + ": " + v
                        + String.format(Locale.ROOT, " (%.0f %%)", 100.0 * v / total));
                if (w > 28) s.text(x + w / 2, y + bar * 0.62, String.format(Locale.ROOT, "%.0f%%", 100.0 * v / total), "middle", 10, "#fff");
                x += w;
            }
            i++;
        }
        for (int k = 0; k < STAGES.size(); k++) {
            s.rect(s.right + 12, s.top + 18 * k, 12, 12, STAGE_COLORS[k], null).text(s.right + 30, s.top + 18 * k + 10, STAGES.get(k), "start", 11, "#333");
        }
        return s.end();
    }

    private static String cost(ReportData d) {
        Svg s = new Svg("cost", 620, 230, "Projected cost per million events by service", 100, 80, 10, 20);
        JsonNode per = d.summary().path("cost").path("projected").path("perMillionEventsByServiceUsd");
        List<String> names = new ArrayList<>();
        per.fieldNames().forEachRemaining(names::add);
        if (names.isEmpty()) return s.empty("no cost figures").end();
        double max = 0.01;
        for (String k : names) max = Math.max(max, per.path(k).asDouble());
        double bar = (double) s.plotHeight() / names.size();
        for (int i = 0; i < names.size(); i++) {
            double v = per.path(names.get(i)).asDouble();
            double y = s.top + i * bar;
            s.text(s.left - 8, y + bar * 0.62, names.get(i), "end", 11, "#333");
            s.rect(s.left, y + 3, v / max * s.plotWidth(), bar - 6, Svg.PALETTE[i % Svg.PALETTE.length], names.get(i) + ": $" + fmt(v, 4));
            s.text(s.left + v / max * s.plotWidth() + 4, y + bar * 0.62, "$" + fmt(v, 2), "start", 10, "#555");
        }
        return s.end();
    }

    // ---- tables ------------------------------------------------------------------------------------

    private static String distributionTable(ReportData d) {
        JsonNode last = lastMetrics(d);
        if (last == null) return "";
        StringBuilder t = new StringBuilder("<table data-table=\"distributions\"><tr><th>growth tier</th><th>users</th><th></th><th>churn risk</th><th>users</th></tr>");
        List<String> tiers = List.of("new", "potential", "core", "koc"), risks = List.of("low", "medium", "high");
        for (int i = 0; i < 4; i++) {
            t.append("<tr><td>").append(tiers.get(i)).append("</td><td class=\"num\">").append(n(last.path("distributions").path("tier").path(tiers.get(i)).asLong()))
                    .append("</td><td></td><td>").append(i < 3 ? risks.get(i) : "").append("</td><td class=\"num\">")
                    .append(i < 3 ? n(last.path("distributions").path("riskLevel").path(risks.get(i)).asLong()) : "").append("</td></tr>");
        }
        return t.append("</table>").toString();
    }

    private static String alertTable(ReportData d) {
        if (d.alerts().isEmpty()) return "<p class=\"muted\">No alert rule fired.</p>";
        StringBuilder t = new StringBuilder("<details><summary>").append(d.alerts().size())
                .append(" alerts</summary><table data-table=\"alerts\"><tr><th>day</th><th>rule</th><th>severity</th><th>message</th></tr>");
        for (JsonNode a : d.alerts()) {
            t.append("<tr><td>").append(esc(a.path("day").asText())).append("</td><td>").append(esc(a.path("rule").asText()))
                    .append("</td><td>").append(esc(a.path("severity").asText())).append("</td><td>").append(esc(a.path("message").asText())).append("</td></tr>");
        }
        return t.append("</table></details>").toString();
    }

    private static String channelTable(ReportData d) {
        JsonNode last = lastMetrics(d);
        if (last == null || last.path("channels").isEmpty()) return "";
        StringBuilder t = new StringBuilder("<table data-table=\"channels\"><tr><th>channel</th><th>users</th><th>customers</th><th>new users (30 d)</th>"
                + "<th>spend (30 d)</th><th>CAC</th><th>actual LTV</th><th>predicted LTV</th><th>LTV/CAC</th></tr>");
        last.path("channels").fields().forEachRemaining(e -> {
            JsonNode c = e.getValue();
            t.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"num\">").append(n(c.path("users").asLong()))
                    .append("</td><td class=\"num\">").append(n(c.path("customers").asLong())).append("</td><td class=\"num\">")
                    .append(n(c.path("newUsers30").asLong())).append("</td><td class=\"num\">").append(money(c.path("cost30").asDouble()))
                    .append("</td><td class=\"num\">").append(c.hasNonNull("cac") ? money(c.get("cac").asDouble()) : "—")
                    .append("</td><td class=\"num\">").append(c.hasNonNull("actualLtv") ? money(c.get("actualLtv").asDouble()) : "—")
                    .append("</td><td class=\"num\">").append(c.hasNonNull("predictedLtv") ? money(c.get("predictedLtv").asDouble()) : "—")
                    .append("</td><td class=\"num\">").append(c.hasNonNull("ltvCac") ? fmt(c.get("ltvCac").asDouble(), 1) : "—").append("</td></tr>");
        });
        return t.append("</table>").toString();
    }

    private static String actionTable(ReportData d) {
        Map<String, Integer> byReason = new TreeMap<>();
        int held = 0;
        for (JsonNode a : d.actions()) {
            byReason.merge(a.path("type").asText() + " · " + a.path("reasonCode").asText(), 1, Integer::sum);
            if (a.path("holdout").asBoolean()) held++;
        }
        StringBuilder t = new StringBuilder("<table data-table=\"actions\"><tr><th>action · reason</th><th>published</th></tr>");
        byReason.forEach((k, v) -> t.append("<tr><td>").append(esc(k)).append("</td><td class=\"num\">").append(n(v)).append("</td></tr>"));
        if (byReason.isEmpty()) t.append("<tr><td colspan=\"2\" class=\"muted\">no action published</td></tr>");
        t.append("</table>");
        Map<String, long[]> sums = actionOutcomes(d);
        if (!sums.isEmpty()) {
            t.append("<table data-table=\"uplift\"><tr><th>action</th><th>treated</th><th>converted</th><th>holdout</th><th>converted</th><th>uplift</th></tr>");
            sums.forEach((k, x) -> {
                Double tr = x[0] == 0 ? null : (double) x[1] / x[0], ho = x[2] == 0 ? null : (double) x[3] / x[2];
                t.append("<tr><td>").append(esc(k)).append("</td><td class=\"num\">").append(n(x[0])).append("</td><td class=\"num\">")
                        .append(pct(tr)).append("</td><td class=\"num\">").append(n(x[2])).append("</td><td class=\"num\">").append(pct(ho))
                        .append("</td><td class=\"num\">").append(tr == null || ho == null ? "—" : String.format(Locale.ROOT, "%+.1f pts", (tr - ho) * 100))
                        .append("</td></tr>");
            });
            t.append("</table><p class=\"muted\">Small holdout groups give wide error bars: with ").append(sums.values().stream().mapToLong(x -> x[2]).sum())
                    .append(" holdout decisions, a difference of a few points is not significant.</p>");
        }
        return t.toString();
    }

    private static String recallTable(ReportData d) {
        List<JsonNode> candidates = new ArrayList<>();
        for (JsonNode r : d.profiles()) {
            boolean slipping = "dormancy".equals(r.path("stage").asText()) || "high".equals(r.path("riskLevel").asText());
            if (slipping && !"churned".equals(r.path("stage").asText()) && r.path("predictedClv").asDouble() > 0) candidates.add(r);
        }
        candidates.sort(Comparator.comparingDouble((JsonNode r) -> -r.path("predictedClv").asDouble()).thenComparing(r -> r.path("userId").asText()));
        StringBuilder t = new StringBuilder("<table data-table=\"recall\"><tr><th>user</th><th>stage</th><th>risk</th><th>churn risk</th>"
                + "<th>P(alive)</th><th>predicted CLV</th><th>orders</th><th>net revenue</th><th>last order</th><th>segment</th></tr>");
        int shown = 0;
        for (JsonNode r : candidates) {
            if (shown++ == 20) break;
            t.append("<tr><td>").append(esc(r.path("userId").asText())).append("</td><td>").append(esc(r.path("stage").asText()))
                    .append("</td><td>").append(esc(r.path("riskLevel").asText())).append("</td><td class=\"num\">").append(fmt(r.path("churnRisk"), 2))
                    .append("</td><td class=\"num\">").append(fmt(r.path("pAlive"), 2)).append("</td><td class=\"num\">")
                    .append(money(r.path("predictedClv").asDouble())).append("</td><td class=\"num\">").append(r.path("orders").asLong())
                    .append("</td><td class=\"num\">").append(money(r.path("netRevenue").asDouble())).append("</td><td>")
                    .append(esc(r.path("lastOrderDay").asText(""))).append("</td><td>").append(esc(r.path("segment11").asText(""))).append("</td></tr>");
        }
        if (candidates.isEmpty()) t.append("<tr><td colspan=\"10\" class=\"muted\">no dormant or high-risk customer with a predicted CLV</td></tr>");
        t.append("</table><p class=\"muted\">").append(n(candidates.size())).append(" dormant or high-risk customers in all; every one is in profiles.jsonl.</p>");
        return t.toString();
    }

    private static String modelTable(ReportData d) {
        JsonNode m = d.model();
        if (m == null) return "<p class=\"muted\">No model was fitted (no daily job ran).</p>";
        JsonNode bg = m.path("bgnbd"), gg = m.path("gammaGamma");
        return "<table data-table=\"model\"><tr><th>model</th><th>parameters</th><th>log-likelihood</th><th>status</th><th>customers</th></tr>"
                + "<tr><td>" + esc(bg.path("model").asText().toUpperCase(Locale.ROOT)) + " (time unit " + esc(bg.path("timeUnit").asText())
                + ")</td><td>r = " + fmt(bg.path("r"), 4) + ", α = " + fmt(bg.path("alpha"), 4) + ", a = " + fmt(bg.path("a"), 4) + ", b = " + fmt(bg.path("b"), 4)
                + "</td><td class=\"num\">" + fmt(bg.path("logLikelihood"), 2) + "</td><td>" + esc(bg.path("status").asText())
                + (bg.hasNonNull("reason") ? " — " + esc(bg.path("reason").asText()) : "") + "</td><td class=\"num\">" + n(bg.path("customers").asLong()) + "</td></tr>"
                + "<tr><td>Gamma-Gamma</td><td>p = " + fmt(gg.path("p"), 4) + ", q = " + fmt(gg.path("q"), 4) + ", γ = " + fmt(gg.path("gamma"), 4)
                + "</td><td class=\"num\">" + fmt(gg.path("logLikelihood"), 2) + "</td><td>" + esc(gg.path("status").asText())
                + (gg.hasNonNull("reason") ? " — " + esc(gg.path("reason").asText()) : "") + "</td><td class=\"num\">" + n(gg.path("customers").asLong()) + "</td></tr></table>"
                + "<p class=\"muted\">Fitted on " + esc(m.path("fittedOn").asText()) + "; the whole document is model.json.</p>";
    }

    private static String evaluationTable(Evaluation.Result e) {
        return "<table data-table=\"evaluation\"><tr><th>check</th><th>result</th></tr>"
                + "<tr><td>churn risk vs not returning (" + esc(e.returnedMeans()) + ") within " + e.horizonDays() + " days</td><td>ROC AUC "
                + fmt(e.auc(), 3) + " over " + n(e.users()) + " users, " + n(e.notReturned()) + " did not return</td></tr>"
                + "<tr><td>purchase days of " + n(e.customers()) + " customers in the holdout</td><td>predicted " + fmt(e.predictedPurchases(), 1)
                + ", actual " + n((long) e.actualPurchases()) + " (predicted/actual " + fmt(e.totalRatio(), 2) + "), mean absolute error "
                + fmt(e.mae(), 2) + " per customer</td></tr>"
                + "<tr><td>revenue of those customers in the holdout</td><td>predicted " + money(e.predictedRevenue()) + ", actual "
                + money(e.actualRevenue()) + " (undiscounted expected purchases × expected order value)</td></tr></table>";
    }

    private static String archetypeTable(ReportData d) {
        var m = archetypeStages(d);
        Map<DemoPopulation.Archetype, double[]> risk = new LinkedHashMap<>();
        for (JsonNode row : d.profiles()) {
            DemoPopulation.Truth t = d.demo().truth().get(row.path("userId").asText());
            if (t == null) continue;
            double[] x = risk.computeIfAbsent(t.archetype(), k -> new double[2]);
            x[0] += row.path("churnRisk").asDouble();
            x[1]++;
        }
        StringBuilder t = new StringBuilder("<table data-table=\"archetypes\"><tr><th>archetype</th><th>behaviour</th><th>users</th>");
        for (String s : STAGES) t.append("<th>").append(s).append("</th>");
        t.append("<th>mean churn risk</th></tr>");
        for (var e : m.entrySet()) {
            int total = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
            t.append("<tr><td>").append(e.getKey().id).append("</td><td>").append(esc(e.getKey().description)).append("</td><td class=\"num\">").append(total).append("</td>");
            for (String s : STAGES) t.append("<td class=\"num\">").append(e.getValue().getOrDefault(s, 0)).append("</td>");
            double[] x = risk.getOrDefault(e.getKey(), new double[2]);
            t.append("<td class=\"num\">").append(x[1] == 0 ? "—" : fmt(x[0] / x[1], 2)).append("</td></tr>");
        }
        return t.append("</table>").toString();
    }

    private static String costTable(ReportData d) {
        JsonNode c = d.summary().path("cost");
        JsonNode per = c.path("projected").path("perMillionEventsByServiceUsd");
        StringBuilder t = new StringBuilder("<table data-table=\"cost\"><tr><th>service</th><th>measured on this run</th><th>$ per million events</th></tr>");
        t.append(costRow("DynamoDB", n((long) c.path("dynamodb").path("writeUnits").asDouble()) + " write units, "
                + n((long) c.path("dynamodb").path("readUnits").asDouble()) + " read units", per.path("dynamodb")));
        t.append(costRow("SQS", n(c.path("sqs").path("requests").asLong()) + " requests", per.path("sqs")));
        t.append(costRow("S3", n(c.path("s3").path("putClassRequests").asLong()) + " PUT/LIST, " + n(c.path("s3").path("getClassRequests").asLong())
                + " GET", per.path("s3")));
        t.append(costRow("EventBridge", n(c.path("eventbridge").path("events").asLong()) + " events (actions + alerts)", per.path("eventbridge")));
        t.append(costRow("Lambda", n(c.path("lambda").path("invocations").asLong()) + " invocations, " + fmt(c.path("lambda").path("gbSeconds"), 1)
                + " GB-s", per.path("lambda")));
        t.append("<tr><th>total</th><th>projected for the run: $").append(fmt(c.path("projected").path("totalUsd"), 4))
                .append("</th><th class=\"num\">$").append(fmt(c.path("projected").path("perMillionEventsUsd"), 2)).append("</th></tr></table>");
        t.append("<p class=\"muted\">Prices: ").append(esc(c.path("prices").path("table").asText())).append(" (").append(esc(c.path("prices").path("region").asText()))
                .append(", recorded ").append(esc(c.path("prices").path("recorded").asText())).append("). ");
        c.path("notes").forEach(n -> t.append(esc(n.asText())).append(' '));
        return t.append("</p>").toString();
    }

    private static String costRow(String service, String usage, JsonNode perMillion) {
        return "<tr><td>" + service + "</td><td>" + esc(usage) + "</td><td class=\"num\">$" + fmt(perMillion, 3) + "</td></tr>";
    }

    private static String rejectionTable(ReportData d) {
        JsonNode codes = d.summary().path("events").path("rejectionsByCode");
        if (codes.isEmpty()) return "";
        StringBuilder t = new StringBuilder("<h2>Rejected input</h2><p class=\"lead\">Every rejected line with its origin and reason is in rejected.jsonl.</p>"
                + "<table data-table=\"rejections\"><tr><th>refused by</th><th>code</th><th>lines</th></tr>");
        codes.fields().forEachRemaining(e -> {
            String[] sc = e.getKey().split(":", 2);
            t.append("<tr><td>").append("engine".equals(sc[0]) ? "the engine (ingest handler)" : "the runner (before sending)").append("</td><td>")
                    .append(esc(sc.length > 1 ? sc[1] : sc[0])).append("</td><td class=\"num\">").append(n(e.getValue().asLong())).append("</td></tr>");
        });
        return t.append("</table>").toString();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static JsonNode lastMetrics(ReportData d) {
        if (d.metrics().isEmpty()) return null;
        JsonNode last = d.metrics().get(d.lastDay());
        return last != null ? last : new TreeMap<>(d.metrics()).lastEntry().getValue();
    }

    static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    static String money(double v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }

    static String pct(Double v) {
        return v == null ? "—" : String.format(Locale.ROOT, "%.1f %%", v * 100);
    }

    static String fmt(Double v, int digits) {
        return v == null || v.isNaN() ? "n/a" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    static String fmt(JsonNode v, int digits) {
        return v == null || v.isNull() || v.isMissingNode() ? "n/a" : String.format(Locale.ROOT, "%." + digits + "f", v.asDouble());
    }

    private static final String CSS = """
            body{margin:0;background:#f6f7f9;color:#222;font:14px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
            main{max-width:1240px;margin:0 auto;padding:24px 28px 48px}
            header h1{font-size:24px;margin:0 0 4px}.sub{color:#666;margin:0 0 16px}
            .cards{display:flex;flex-wrap:wrap;gap:12px}.card{background:#fff;border:1px solid #e3e5e8;border-radius:8px;padding:10px 14px;min-width:150px}
            .card .label{color:#777;font-size:12px;text-transform:uppercase;letter-spacing:.04em}.card .value{font-size:24px;font-weight:600}
            .card .note{color:#777;font-size:12px;max-width:260px}
            h2{font-size:19px;margin:34px 0 4px;border-top:1px solid #e3e5e8;padding-top:20px}.lead{color:#555;margin:0 0 12px;max-width:900px}
            .row{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
            figure{background:#fff;border:1px solid #e3e5e8;border-radius:8px;margin:0 0 12px;padding:10px;display:inline-block;max-width:100%}
            figure svg{display:block;max-width:100%;height:auto;font-family:inherit}figcaption{color:#666;font-size:12px;margin-top:4px}
            table{border-collapse:collapse;background:#fff;margin:6px 0 12px;font-size:13px}th,td{border:1px solid #e3e5e8;padding:4px 8px;text-align:left}
            th{background:#f0f2f5;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            .muted{color:#777;font-size:12px}details summary{cursor:pointer;color:#4e79a7;margin:4px 0}
            footer{margin-top:40px;color:#777;font-size:12px}code{background:#eef0f3;padding:1px 4px;border-radius:3px}
            """;
}
