package io.userasset.application;

import io.userasset.config.ActionsConfig;
import io.userasset.domain.actions.ActionCandidate;
import io.userasset.domain.actions.ActionDocument;
import io.userasset.domain.actions.ActionGuards;
import io.userasset.domain.actions.Holdout;
import io.userasset.observability.JsonLog;
import io.userasset.ports.ActionBudget;
import io.userasset.ports.ActionLog;
import io.userasset.ports.EventPublisher;
import io.userasset.tables.ResourceCatalog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Takes action candidates through the guards to the bus: log the decision (once per action id),
 * check opt-out, long-churned suppression, cooldown and frequency cap, charge the day's budget,
 * hold out the holdout group (logged, not sent), publish the rest and mark them sent. A replay of
 * the same candidates finds their log entries and publishes nothing new; a decision whose publish
 * failed stays pending and is published by the retry, with the same id.
 */
public final class ActionService {
    private final ActionsConfig config;
    private final ActionGuards guards;
    private final Holdout holdout;
    private final ActionLog log;
    private final ActionBudget budget;
    private final EventPublisher publisher;
    private final Clock clock;

    public ActionService(ActionsConfig config, ActionLog log, ActionBudget budget, EventPublisher publisher, Clock clock) {
        this.config = config;
        this.guards = new ActionGuards(config);
        this.holdout = new Holdout(config.holdoutSalt(), config.holdoutPercent());
        this.log = log;
        this.budget = budget;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** What became of the candidates. */
    public record Report(int sent, int heldOut, int duplicates, Map<String, Integer> blocked) {}

    /**
     * Candidates decided and logged, their documents not yet on the bus: {@link #publish} sends them,
     * together with the decisions of other callers' candidates. Until then they are budgeted pending
     * entries of the action log, which count in the guards of later decisions like sent ones.
     */
    public static final class Decisions {
        private final List<ActionCandidate> toSend = new ArrayList<>();
        private final List<String> documents = new ArrayList<>();
        private final Map<String, Integer> blocked = new TreeMap<>();
        private int heldOut;
        private int duplicates;

        public int toPublish() {
            return documents.size();
        }

        /** What became of the candidates once the documents are published. */
        public Report report() {
            return new Report(toSend.size(), heldOut, duplicates, blocked);
        }
    }

    /** Decides and publishes candidates in the given order (callers rank them: the budget goes to the first). */
    public Report process(List<ActionCandidate> candidates) {
        Decisions decided = decide(candidates);
        publish(List.of(decided));
        return decided.report();
    }

    /**
     * Takes candidates through the log, the guards, the budget and the holdout, in the given order.
     * A new decision is logged once, as taken (one conditional put: blocked, held out, or pending
     * with its budget charged); a pending one found in the log — its publish not confirmed — is
     * taken up where it stopped, its budget charged once.
     */
    public Decisions decide(List<ActionCandidate> candidates) {
        Decisions d = new Decisions();
        for (ActionCandidate c : candidates) {
            ActionLog.UserHistory history = log.history(c.userId());
            ActionLog.Entry existing = history.entry(c.actionId());
            if (existing != null && existing.status() != ActionLog.Status.PENDING) {
                d.duplicates++;
                continue;
            }
            boolean inHoldout = holdout.isHeldOut(c.userId());
            boolean budgeted = existing != null && existing.budgeted();
            String reason = null;
            if (!budgeted) {
                reason = guards.blockedBy(c, history.actions(), history.optedOut());
                if (reason == null) {
                    if (budget.tryTake(c.day(), c.type(), config.types().get(c.type().id()).dailyBudget())) budgeted = true;
                    else reason = "budget-spent";
                }
            }
            ActionLog.Status status = reason != null ? ActionLog.Status.BLOCKED
                    : inHoldout ? ActionLog.Status.HOLDOUT : ActionLog.Status.PENDING;
            String document = existing != null ? existing.document() : ActionDocument.of(c, inHoldout, clock.instant()).toString();
            if (existing == null) {
                boolean logged = log.recordIfAbsent(new ActionLog.Entry(c.userId(), c.actionId(), c.type(), c.day(), status,
                        inHoldout, budgeted, reason, document));
                if (!logged) { // another decider logged it in the meantime: its decision stands
                    d.duplicates++;
                    continue;
                }
            } else if (status != ActionLog.Status.PENDING || !existing.budgeted()) {
                log.finish(c.userId(), c.actionId(), status, budgeted, reason);
            }
            switch (status) {
                case BLOCKED -> d.blocked.merge(reason, 1, Integer::sum);
                case HOLDOUT -> d.heldOut++;
                default -> {
                    d.toSend.add(c);
                    d.documents.add(document);
                }
            }
        }
        if (!candidates.isEmpty()) {
            JsonLog.info("actions decided", "candidates", candidates.size(), "toSend", d.toSend.size(), "heldOut", d.heldOut,
                    "duplicates", d.duplicates, "blocked", d.blocked);
        }
        return d;
    }

    /**
     * Puts the decided documents on the bus in one publish (the publisher batches them in tens) and
     * marks them sent. If it fails, they stay budgeted pending entries: deciding the same candidates
     * again publishes them, with the same ids.
     */
    public void publish(Collection<Decisions> decided) {
        List<String> documents = new ArrayList<>();
        for (Decisions d : decided) documents.addAll(d.documents);
        if (documents.isEmpty()) return;
        publisher.publish(ResourceCatalog.ACTION_DETAIL_TYPE, documents);
        for (Decisions d : decided) {
            for (ActionCandidate c : d.toSend) log.finish(c.userId(), c.actionId(), ActionLog.Status.SENT, true, null);
        }
    }
}
