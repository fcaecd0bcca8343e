package io.userasset.domain.actions;

import io.userasset.config.ActionsConfig;
import io.userasset.domain.assessment.ProfileScores;
import io.userasset.domain.scoring.churn.RiskLevel;
import io.userasset.domain.scoring.lifecycle.LifecycleStage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which transitions deserve an action (SPEC §6). Recall: a valuable user — predicted CLV at least
 * {@code recallMinClv} or composite value at least {@code recallMinValueScore}, judged on the better
 * of before and after, since slipping away lowers both — who became dormant, or whose churn risk
 * rose to high. Upgrade: a user who reached a higher growth tier, or came within
 * {@code growth.nearDistance} of the next one.
 */
public final class ActionPolicy {
    private final ActionsConfig config;

    public ActionPolicy(ActionsConfig config) {
        this.config = config;
    }

    public List<ActionCandidate> decide(String userId, Position before, ProfileScores after) {
        List<ActionCandidate> out = new ArrayList<>(2);
        if (before == null) return out;
        Position now = Position.of(after);
        boolean valuable = Math.max(before.clv(), now.clv()) >= config.recallMinClv()
                || Math.max(before.composite(), now.composite()) >= config.recallMinValueScore();
        if (valuable && now.stage() == LifecycleStage.DORMANCY && !before.stage().isLapsed()) {
            out.add(new ActionCandidate(userId, ActionType.RECALL, "became-dormant", String.format(Locale.ROOT,
                    "A valuable customer (predicted CLV %.2f, value score %.1f) moved from %s to dormancy.",
                    Math.max(before.clv(), now.clv()), Math.max(before.composite(), now.composite()), before.stage().id()),
                    after.asOfDay(), after));
        } else if (valuable && now.riskLevel() == RiskLevel.HIGH && before.riskLevel() != RiskLevel.HIGH
                && now.stage() != LifecycleStage.CHURNED) {
            out.add(new ActionCandidate(userId, ActionType.RECALL, "risk-high", String.format(Locale.ROOT,
                    "A valuable customer's churn risk rose from %s to high (P(alive) %s).", before.riskLevel().id(),
                    after.pAlive() == null ? "unknown" : String.format(Locale.ROOT, "%.2f", after.pAlive())),
                    after.asOfDay(), after));
        }
        if (now.tier().ordinal() > before.tier().ordinal()) {
            out.add(new ActionCandidate(userId, ActionType.UPGRADE, "reached-tier", "The user reached the "
                    + now.tier().id() + " tier (from " + before.tier().id() + ").", after.asOfDay(), after));
        } else if (now.closeToNextTier() && !before.closeToNextTier() && after.nextTier() != null) {
            out.add(new ActionCandidate(userId, ActionType.UPGRADE, "near-next-tier", String.format(Locale.ROOT,
                    "The user is %.1f points from the %s tier.", after.distanceToNextTier(), after.nextTier().id()),
                    after.asOfDay(), after));
        }
        return out;
    }
}
