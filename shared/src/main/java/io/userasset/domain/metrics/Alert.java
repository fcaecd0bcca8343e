package io.userasset.domain.metrics;

import java.util.List;

/**
 * A fired alert rule (events/…/alert.schema.json). The id is deterministic for (rule, metric, day),
 * so re-running a day raises the same alert and publishing it twice is recognisable.
 *
 * @param observed the values the rule judged, oldest first; for dropPctFromPrevious the percentage drops
 */
public record Alert(String alertId, String rule, String metric, String condition, double threshold, int days,
                    List<Observation> observed, String day, String severity, String message) {

    public record Observation(String day, double value) {}
}
