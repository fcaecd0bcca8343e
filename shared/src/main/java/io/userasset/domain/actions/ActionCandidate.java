package io.userasset.domain.actions;

import io.userasset.domain.assessment.ProfileScores;

/**
 * An action the policy wants to take, before the guards (caps, cooldowns, budgets, suppression,
 * holdout) decide whether and how it goes out.
 *
 * @param reasonCode machine-readable trigger, e.g. became-dormant, risk-high, reached-tier, near-next-tier
 * @param scores     the user's scores when it was decided (what the published action carries)
 */
public record ActionCandidate(String userId, ActionType type, String reasonCode, String reason, int day,
                              ProfileScores scores) {

    /** Deterministic for (type, user, day, trigger): a replayed stream record or re-run day decides the same id. */
    public String actionId() {
        return type.id() + ":" + userId + ":" + io.userasset.domain.time.Days.date(day) + ":" + reasonCode;
    }
}
