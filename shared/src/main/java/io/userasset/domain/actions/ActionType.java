package io.userasset.domain.actions;

/** The two kinds of action the engine raises (SPEC §6). */
public enum ActionType {
    /** A valuable user slipping away: became dormant, or churn risk rose to high. */
    RECALL("recall"),
    /** A user who reached, or came close to, the next growth tier. */
    UPGRADE("upgrade");

    private final String id;

    ActionType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static ActionType fromId(String id) {
        for (ActionType t : values()) {
            if (t.id.equals(id)) return t;
        }
        throw new IllegalArgumentException("unknown action type " + id);
    }
}
