package io.userasset.domain.clv;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Outcome of a model fit. */
public enum FitStatus {
    /** Maximum likelihood converged; the parameters are today's estimates. */
    CONVERGED("converged"),
    /**
     * No usable estimate (too few customers, no repeaters, non-convergence, degenerate optimum); the
     * parameters are the previous fit's or the documented defaults, and {@code reason} says why.
     */
    FALLBACK("fallback");

    private final String id;

    FitStatus(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static FitStatus fromId(String id) {
        for (FitStatus s : values()) if (s.id.equals(id)) return s;
        throw new IllegalArgumentException("unknown fit status " + id);
    }
}
