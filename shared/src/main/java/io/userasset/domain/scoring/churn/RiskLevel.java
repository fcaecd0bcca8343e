package io.userasset.domain.scoring.churn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Churn-risk levels (thresholds churn.mediumAt, churn.highAt, inclusive). */
public enum RiskLevel {
    LOW("low"),
    MEDIUM("medium"),
    HIGH("high");

    private final String id;

    RiskLevel(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static RiskLevel fromId(String id) {
        for (RiskLevel l : values()) {
            if (l.id.equals(id)) return l;
        }
        throw new IllegalArgumentException("unknown risk level: " + id);
    }
}
