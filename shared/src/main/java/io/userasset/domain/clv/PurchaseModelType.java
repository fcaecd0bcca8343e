package io.userasset.domain.clv;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The member of the BG/NBD family that models repeat purchasing and dropout. */
public enum PurchaseModelType {
    /**
     * BG/NBD (Fader, Hardie &amp; Lee 2005): dropout only after a repeat purchase, so a customer with
     * x = 0 is alive with probability 1.
     */
    BGNBD("bgnbd", 0),
    /**
     * MBG/NBD (Batislam, Denizel &amp; Filiztekin 2007): dropout possible right after the first purchase
     * too, so P(alive) &lt; 1 also for x = 0.
     */
    MBGNBD("mbgnbd", 1);

    private final String id;
    private final int shift;

    PurchaseModelType(String id, int shift) {
        this.id = id;
        this.shift = shift;
    }

    /** Configuration / JSON name: "bgnbd" or "mbgnbd". */
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * Dropout opportunities before the (x+1)-th purchase minus x: the Beta part of both likelihoods is
     * {@code B(a, b + x + shift)/B(a, b)}.
     */
    int shift() {
        return shift;
    }

    @JsonCreator
    public static PurchaseModelType fromId(String id) {
        if (id != null) {
            String k = id.trim().toLowerCase(Locale.ROOT);
            for (PurchaseModelType t : values()) if (t.id.equals(k)) return t;
        }
        throw new IllegalArgumentException("unknown purchase model '" + id + "' (expected bgnbd or mbgnbd)");
    }
}
