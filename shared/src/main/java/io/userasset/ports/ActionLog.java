package io.userasset.ports;

import io.userasset.domain.actions.ActionType;
import io.userasset.domain.actions.PastAction;

import java.util.List;
import java.util.Map;

/**
 * Every action decision, kept for a while (TTL): what caps, cooldowns and attribution read, and
 * what makes a replayed decision recognisable (SPEC §6).
 */
public interface ActionLog {

    /** Statuses a logged decision goes through. */
    enum Status { PENDING, SENT, HOLDOUT, BLOCKED }

    /** Whether a logged decision counts in the guards of later ones: it went out, or will. */
    static boolean counts(Status status, boolean budgeted) {
        return status == Status.SENT || status == Status.HOLDOUT || (status == Status.PENDING && budgeted);
    }

    /**
     * @param budgeted the daily budget was already charged for it (a retried pending decision is not charged twice)
     * @param reason   the blocking reason for BLOCKED
     */
    record Entry(String userId, String actionId, ActionType type, int day, Status status, boolean holdout,
                 boolean budgeted, String reason, String document) {}

    /**
     * A user's logged decisions that count in the guards — sent, held out, and pending ones the
     * budget was charged for (decided to go out, their publish not confirmed yet) —, whether the
     * user opted out, and every logged decision by action id (a candidate decided before is found
     * in the same read).
     */
    record UserHistory(List<PastAction> actions, boolean optedOut, Map<String, Entry> entries) {
        public Entry entry(String actionId) {
            return entries.get(actionId);
        }
    }

    UserHistory history(String userId);

    /** Logs a decision unless one with its id exists; whether this call logged it. */
    boolean recordIfAbsent(Entry entry);

    void finish(String userId, String actionId, Status status, boolean budgeted, String reason);

    /** Decisions of a day (sent and held out), for attribution. */
    List<Entry> decidedOn(int day);
}
