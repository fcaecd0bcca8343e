package io.userasset.domain.actions;

import io.userasset.config.ActionsConfig;
import io.userasset.domain.scoring.lifecycle.LifecycleStage;

import java.util.List;

/**
 * The per-user guards of SPEC §6, checked before the daily budget: opt-out, users churned long ago,
 * the per-type cooldown and the per-type frequency cap over 30 days. Held-out actions count like
 * sent ones, so the holdout group is treated identically apart from the sending.
 */
public final class ActionGuards {
    public static final int CAP_WINDOW_DAYS = 30;

    private final ActionsConfig config;

    public ActionGuards(ActionsConfig config) {
        this.config = config;
    }

    /** @return null when the candidate may proceed, else the reason code it is blocked with */
    public String blockedBy(ActionCandidate c, List<PastAction> history, boolean optedOut) {
        if (optedOut) return "opted-out";
        var s = c.scores();
        if (s.stage() == LifecycleStage.CHURNED && c.day() - s.stageSinceDay() > config.suppressChurnedAfterDays()) {
            return "churned-long-ago";
        }
        ActionsConfig.TypeGuards guards = config.types().get(c.type().id());
        if (guards == null) throw new IllegalStateException("no guards configured for action type " + c.type().id());
        int inWindow = 0;
        for (PastAction p : history) {
            if (p.type() != c.type() || p.actionId().equals(c.actionId())) continue;
            int age = c.day() - p.day();
            if (age < 0) continue;
            if (age < guards.cooldownDays()) return "cooldown";
            if (age < CAP_WINDOW_DAYS) inWindow++;
        }
        return inWindow >= guards.maxPerUser30d() ? "frequency-cap" : null;
    }
}
