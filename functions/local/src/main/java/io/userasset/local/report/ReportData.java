package io.userasset.local.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userasset.local.demo.DemoPopulation;
import io.userasset.local.output.Evaluation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything the report draws from: the run's summary, the daily metrics, the last day's profiles,
 * the model, actions, alerts, the holdout evaluation, the demo's ground truth, and a way to stream
 * every day's snapshot rows (for retention curves).
 */
public record ReportData(String title, String mode, LocalDate firstDay, LocalDate lastDay, ObjectNode summary,
                         Map<LocalDate, JsonNode> metrics, List<JsonNode> profiles, ObjectNode model,
                         List<JsonNode> actions, List<JsonNode> alerts, Evaluation.Result evaluation, Demo demo,
                         Consumer<Consumer<JsonNode>> snapshotRows) {

    /** The demo's ground truth: each user's archetype, and the subsidy periods. */
    public record Demo(Map<String, DemoPopulation.Truth> truth, int[][] promoDays) {}
}
