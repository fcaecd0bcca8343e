package io.userasset.ports;

import io.userasset.domain.actions.ActionType;
import io.userasset.domain.actions.PastAction;

import java.util.List;

/**
 * Every action decision, kept for a while (TTL): what caps, cooldowns and attribution read, and
 * what makes a replayed decision recognisable (SPEC §6).
 */
public interface ActionLog {

    /** Statuses a logged decision goes through. */
    enum Status { PENDING, SENT, HOLDOUT, BLOCKED }

    /**
     * @param budgeted the daily budget was already charged for it (a retried pending decision is not charged twice)
     * @param reason   the blocking reason for BLOCKED
     */
    record Entry(String userId, String actionId, ActionType type, int day, Status status, boolean holdout,
                 boolean budgeted, String reason, String document) {}

    /** A user's logged decisions (sent and held out) and whether they opted out. */
    record UserHistory(List<PastAction> actions, boolean optedOut) {}

    UserHistory history(String userId);

    /** Logs the decision unless one with its id exists; returns the existing entry, or null when this call created it. */
    Entry begin(Entry entry);

    void finish(String userId, String actionId, Status status, boolean budgeted, String reason);

    /** Decisions of a day (sent and held out), for attribution. */
    List<Entry> decidedOn(int day);
}
