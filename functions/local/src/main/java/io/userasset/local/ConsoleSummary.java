package io.userasset.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The summary printed on stdout at the end of a run: what went in, what came out, what it cost, how long it took. */
final class ConsoleSummary {
    private ConsoleSummary() {}

    static String render(JsonNode s, Path out) {
        StringBuilder b = new StringBuilder();
        JsonNode period = s.path("period");
        b.append("User Asset Engine — local run: ").append(s.path("title").asText()).append('\n');
        line(b, "period", period.path("firstDay").asText() + " … " + period.path("lastDay").asText() + " ("
                + n(period.path("days")) + " days, " + n(period.path("dailyJobs")) + " daily jobs)"
                + (period.has("holdoutDays") ? ", then " + n(period.path("holdoutDays")) + " days held back for evaluation" : ""));
        JsonNode e = s.path("events");
        line(b, "events", n(e.path("sent")) + " sent = " + n(e.path("applied")) + " applied + " + n(e.path("duplicate"))
                + " duplicate + " + n(e.path("rejected")) + " rejected + " + n(e.path("deadLettered")) + " dead-lettered"
                + (e.path("balanced").asBoolean() ? "" : "  (DOES NOT ADD UP)"));
        List<String> extra = new ArrayList<>();
        if (e.path("inputRejected").asLong() > 0) extra.add(n(e.path("inputRejected")) + " input lines rejected before sending");
        if (e.path("holdoutNotSent").asLong() > 0) extra.add(n(e.path("holdoutNotSent")) + " held back (after as-of)");
        extra.add(n(e.path("profileWrites")) + " profile writes");
        line(b, "", String.join(" · ", extra));
        JsonNode u = s.path("users");
        line(b, "users", n(u.path("profiles")) + " profiles, " + n(u.path("customers")) + " customers; DAU "
                + n(u.path("dau")) + ", MAU " + n(u.path("mau")));
        line(b, "stages", counts(u.path("stage")));
        line(b, "risk", counts(u.path("riskLevel")) + "   tiers: " + counts(u.path("tier")));
        JsonNode a = s.path("actions");
        StringBuilder acts = new StringBuilder(n(a.path("published")) + " published (" + counts(a.path("byType")) + ")");
        a.path("attributed").fields().forEachRemaining(t -> acts.append("; ").append(t.getKey()).append(" converted ")
                .append(pct(t.getValue().path("treatedConverted").asLong(), t.getValue().path("treated").asLong()))
                .append(" treated vs ").append(pct(t.getValue().path("holdoutConverted").asLong(), t.getValue().path("holdout").asLong()))
                .append(" holdout"));
        line(b, "actions", acts.toString());
        JsonNode al = s.path("alerts");
        line(b, "alerts", n(al.path("published")) + (al.path("published").asLong() > 0 ? " (" + counts(al.path("byRule")) + ")" : ""));
        JsonNode m = s.path("model");
        if (!m.isMissingNode()) {
            JsonNode bg = m.path("bgnbd");
            JsonNode gg = m.path("gammaGamma");
            line(b, "model", String.format(Locale.ROOT, "%s r=%.3f α=%.3f a=%.3f b=%.3f (per %s, %s); Gamma-Gamma p=%.2f q=%.2f γ=%.2f (%s)",
                    bg.path("model").asText().toUpperCase(Locale.ROOT), bg.path("r").asDouble(), bg.path("alpha").asDouble(),
                    bg.path("a").asDouble(), bg.path("b").asDouble(), bg.path("timeUnit").asText(), bg.path("status").asText(),
                    gg.path("p").asDouble(), gg.path("q").asDouble(), gg.path("gamma").asDouble(), gg.path("status").asText()));
        }
        JsonNode ev = s.path("evaluation");
        if (!ev.isMissingNode()) {
            JsonNode churn = ev.path("churnRisk");
            JsonNode p = ev.path("purchases");
            line(b, "holdout", "churn risk ROC AUC " + dec(churn.path("rocAuc"), 3) + " (" + churn.path("label").asText() + "; "
                    + n(churn.path("notReturned")) + " of " + n(churn.path("users")) + ")");
            line(b, "", "purchases of " + n(p.path("customers")) + " customers: predicted " + dec(p.path("predicted"), 1)
                    + " vs actual " + n(p.path("actual")) + " (ratio " + dec(p.path("totalPredictedOverActual"), 2)
                    + "), MAE " + dec(p.path("meanAbsoluteError"), 2) + " per customer");
        }
        JsonNode c = s.path("cost");
        JsonNode ddb = c.path("dynamodb");
        line(b, "cost", String.format(Locale.ROOT, "DynamoDB %,.0f WRU / %,.0f RRU · SQS %,d requests · S3 %,d PUT-class / %,d GET-class",
                ddb.path("writeUnits").asDouble(), ddb.path("readUnits").asDouble(), c.path("sqs").path("requests").asLong(),
                c.path("s3").path("putClassRequests").asLong(), c.path("s3").path("getClassRequests").asLong()));
        line(b, "", String.format(Locale.ROOT, "EventBridge %,d events · Lambda %,d invocations, %,.1f GB-s",
                c.path("eventbridge").path("events").asLong(), c.path("lambda").path("invocations").asLong(),
                c.path("lambda").path("gbSeconds").asDouble()));
        JsonNode pr = c.path("projected");
        line(b, "", String.format(Locale.ROOT, "projected AWS cost ≈ $%.2f per million events (%s on-demand list prices, recorded %s)",
                pr.path("perMillionEventsUsd").asDouble(), c.path("prices").path("region").asText(), c.path("prices").path("recorded").asText()));
        JsonNode t = s.path("timing");
        StringBuilder phases = new StringBuilder();
        t.path("phases").fields().forEachRemaining(x -> {
            if (phases.length() > 0) phases.append(", ");
            phases.append(x.getKey()).append(' ').append(String.format(Locale.ROOT, "%.1f s", x.getValue().asDouble()));
        });
        line(b, "time", String.format(Locale.ROOT, "%.1f s (%s)", t.path("totalSeconds").asDouble(), phases));
        line(b, "output", out.resolve("report.html") + "  (profiles.jsonl, model.json, metrics/, snapshots/, actions.jsonl, "
                + "alerts.jsonl, rejected.jsonl, summary.json, logs.jsonl)");
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String text) {
        b.append(String.format(Locale.ROOT, "  %-8s %s%n", label, text));
    }

    private static String n(JsonNode v) {
        return String.format(Locale.ROOT, "%,d", v.asLong());
    }

    private static String dec(JsonNode v, int digits) {
        return v == null || v.isNull() || v.isMissingNode() ? "n/a" : String.format(Locale.ROOT, "%." + digits + "f", v.asDouble());
    }

    private static String pct(long part, long whole) {
        return whole == 0 ? "n/a" : String.format(Locale.ROOT, "%.0f %% of %,d", 100.0 * part / whole, whole);
    }

    private static String counts(JsonNode map) {
        StringBuilder b = new StringBuilder();
        map.fields().forEachRemaining(e -> {
            if (b.length() > 0) b.append(" · ");
            b.append(e.getKey()).append(' ').append(String.format(Locale.ROOT, "%,d", e.getValue().asLong()));
        });
        return b.length() == 0 ? "none" : b.toString();
    }
}
