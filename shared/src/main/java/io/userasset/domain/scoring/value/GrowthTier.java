package io.userasset.domain.scoring.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The growth path new → potential → core → KOC (key opinion consumer). */
public enum GrowthTier {
    NEW("new"),
    POTENTIAL("potential"),
    CORE("core"),
    KOC("koc");

    private final String id;

    GrowthTier(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** The next tier on the path, null for KOC. */
    public GrowthTier next() {
        return this == KOC ? null : values()[ordinal() + 1];
    }

    @JsonCreator
    public static GrowthTier fromId(String id) {
        for (GrowthTier t : values()) {
            if (t.id.equals(id)) return t;
        }
        throw new IllegalArgumentException("unknown growth tier: " + id);
    }
}
