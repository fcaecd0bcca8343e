package io.userasset.domain.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userasset.config.AlertsConfig;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates the configured alert rules on the metrics history (SPEC §5). A rule names a metric path
 * in the metrics document ("dau", "assetChurnRate", "channels.*.ltvCac" — a * fans out over the
 * keys), a condition and a number of consecutive days it must hold, ending with the latest day. Days
 * missing from the history, or with no value (a ratio with a zero denominator), break the run.
 */
public final class AlertEvaluator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertEvaluator() {}

    /** @param history the metrics of consecutive days, oldest first; the last is the day being evaluated */
    public static List<Alert> evaluate(List<DailyMetrics> history, List<AlertsConfig.AlertRule> rules) {
        List<Alert> alerts = new ArrayList<>();
        if (history.isEmpty()) return alerts;
        List<JsonNode> trees = history.stream().map(m -> (JsonNode) JSON.valueToTree(m)).toList();
        List<LocalDate> dates = history.stream().map(m -> LocalDate.parse(m.date())).toList();
        LocalDate today = dates.get(dates.size() - 1);
        for (AlertsConfig.AlertRule rule : rules) {
            Map<String, Map<LocalDate, Double>> series = new LinkedHashMap<>();
            for (int i = 0; i < trees.size(); i++) {
                LocalDate date = dates.get(i);
                resolve(trees.get(i), rule.metric().split("\\."), 0, "", (path, value) ->
                        series.computeIfAbsent(path, k -> new LinkedHashMap<>()).put(date, value));
            }
            for (Map.Entry<String, Map<LocalDate, Double>> s : series.entrySet()) {
                List<Alert.Observation> observed = check(rule, s.getValue(), today);
                if (observed != null) alerts.add(alert(rule, s.getKey(), observed, today));
            }
        }
        return alerts;
    }

    /** The observations when the condition held on each of the rule's days ending today, else null. */
    private static List<Alert.Observation> check(AlertsConfig.AlertRule rule, Map<LocalDate, Double> values, LocalDate today) {
        List<Alert.Observation> observed = new ArrayList<>();
        for (int back = rule.days() - 1; back >= 0; back--) {
            LocalDate day = today.minusDays(back);
            Double value = values.get(day);
            if (value == null) return null;
            double judged;
            boolean holds;
            switch (rule.condition()) {
                case "above" -> {
                    judged = value;
                    holds = value > rule.threshold();
                }
                case "below" -> {
                    judged = value;
                    holds = value < rule.threshold();
                }
                case "dropPctFromPrevious" -> {
                    Double previous = values.get(day.minusDays(1));
                    if (previous == null || previous <= 0) return null;
                    judged = (previous - value) / previous * 100;
                    holds = judged > rule.threshold();
                }
                default -> throw new IllegalArgumentException("unknown alert condition " + rule.condition());
            }
            if (!holds) return null;
            observed.add(new Alert.Observation(day.toString(), round(judged)));
        }
        return observed;
    }

    private static Alert alert(AlertsConfig.AlertRule rule, String metric, List<Alert.Observation> observed, LocalDate today) {
        String values = String.join(", ", observed.stream().map(o -> format(o.value())).toList());
        String what = switch (rule.condition()) {
            case "above" -> metric + " was above " + format(rule.threshold());
            case "below" -> metric + " was below " + format(rule.threshold());
            default -> metric + " dropped more than " + format(rule.threshold()) + " % from the previous day";
        };
        String when = rule.days() == 1 ? " on " + today : " on " + rule.days() + " consecutive days";
        return new Alert(rule.name() + ":" + metric + ":" + today, rule.name(), metric, rule.condition(), rule.threshold(),
                rule.days(), observed, today.toString(), rule.severity(),
                what + when + " (" + values + (rule.condition().equals("dropPctFromPrevious") ? " %" : "") + ").");
    }

    private interface Sink {
        void accept(String path, Double value);
    }

    private static void resolve(JsonNode node, String[] parts, int i, String prefix, Sink sink) {
        if (node == null || node.isNull() || node.isMissingNode()) return;
        if (i == parts.length) {
            if (node.isNumber()) sink.accept(prefix, node.asDouble());
            return;
        }
        String part = parts[i];
        if (part.equals("*")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                resolve(e.getValue(), parts, i + 1, join(prefix, e.getKey()), sink);
            }
        } else {
            resolve(node.get(part), parts, i + 1, join(prefix, part), sink);
        }
    }

    private static String join(String prefix, String part) {
        return prefix.isEmpty() ? part : prefix + "." + part;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
