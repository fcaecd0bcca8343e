package io.userasset.config;

import java.util.List;

/** The alert rules evaluated on the daily metrics history (SPEC §5). */
public record AlertsConfig(List<AlertRule> rules) {

    /**
     * @param name      stable id of the rule
     * @param metric    metric path in the daily metrics document (e.g. "dau", "assetChurnRate", "ltvCac.*")
     * @param condition one of: above, below, dropPctFromPrevious
     * @param threshold the threshold of the condition
     * @param days      consecutive days the condition must hold
     * @param severity  info | warning | critical
     */
    public record AlertRule(String name, String metric, String condition, double threshold, int days, String severity) {}
}
