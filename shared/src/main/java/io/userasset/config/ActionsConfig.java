package io.userasset.config;

import java.util.Map;

/**
 * Action policy and its guards (SPEC §6).
 *
 * @param recallMinClv            a user is valuable enough to recall from this predicted CLV …
 * @param recallMinValueScore     … or from this composite value score
 * @param holdoutPercent          share of users (deterministic by hash) whose actions are recorded, not sent
 * @param holdoutSalt             salt of that hash; change it to draw a new holdout group
 * @param attributionDays         activity or purchase within this many days after an action is a conversion
 * @param suppressChurnedAfterDays no actions for users churned longer than this
 * @param logTtlDays              how long decisions stay in the action log
 * @param types                   guards per action type ("recall", "upgrade")
 */
public record ActionsConfig(double recallMinClv, double recallMinValueScore, double holdoutPercent, String holdoutSalt,
                            int attributionDays, int suppressChurnedAfterDays, int logTtlDays,
                            Map<String, TypeGuards> types) {

    /**
     * @param cooldownDays   no action of this type to the same user within this many days
     * @param maxPerUser30d  frequency cap: at most this many actions of this type per user per 30 days
     * @param dailyBudget    at most this many actions of this type per day (all users)
     */
    public record TypeGuards(int cooldownDays, int maxPerUser30d, int dailyBudget) {}
}
