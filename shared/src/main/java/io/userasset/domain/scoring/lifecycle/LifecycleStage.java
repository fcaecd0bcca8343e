package io.userasset.domain.scoring.lifecycle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Lifecycle stages (SPEC §4), in their natural order. */
public enum LifecycleStage {
    INTRODUCTION("introduction"),
    GROWTH("growth"),
    MATURITY("maturity"),
    DORMANCY("dormancy"),
    CHURNED("churned");

    private final String id;

    LifecycleStage(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** growth or maturity: a buyer in good standing. */
    public boolean isActiveBuyer() {
        return this == GROWTH || this == MATURITY;
    }

    /** dormancy or churned. */
    public boolean isLapsed() {
        return this == DORMANCY || this == CHURNED;
    }

    @JsonCreator
    public static LifecycleStage fromId(String id) {
        for (LifecycleStage s : values()) {
            if (s.id.equals(id)) return s;
        }
        throw new IllegalArgumentException("unknown lifecycle stage: " + id);
    }
}
