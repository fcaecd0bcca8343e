package io.userasset.domain.scoring.lifecycle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The kind of a move between two lifecycle stages; see {@link Lifecycle#transition}. */
public enum TransitionKind {
    /** Same stage. */
    NONE("none"),
    /** First stage of a new user (no previous stage). */
    ENTRY("entry"),
    /** Forward along introduction → growth → maturity (first order; becoming habitual). */
    PROGRESS("progress"),
    /** maturity → growth (habit lost without lapsing), or any other backward move. */
    REGRESS("regress"),
    /** growth/maturity (or introduction, when a back-filled order arrives) → dormancy. */
    LAPSE("lapse"),
    /** any stage → churned. */
    CHURN("churn"),
    /** dormancy/churned → growth/maturity: a lapsed user ordered again. */
    RESURRECTION("resurrection"),
    /** churned → introduction/dormancy: active again, but no new order. */
    REACTIVATION("reactivation");

    private final String id;

    TransitionKind(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static TransitionKind fromId(String id) {
        for (TransitionKind k : values()) {
            if (k.id.equals(id)) return k;
        }
        throw new IllegalArgumentException("unknown transition kind: " + id);
    }
}
