package io.userasset.domain.scoring.rfm;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The two RFM segment schemes; {@code rfm.segmentSchemes} lists the ones reported (both are always computed). */
public enum SegmentScheme {
    RFM8("rfm8"),
    RFM11("rfm11");

    private final String id;

    SegmentScheme(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static SegmentScheme fromId(String id) {
        for (SegmentScheme s : values()) {
            if (s.id.equals(id)) return s;
        }
        throw new IllegalArgumentException("unknown segment scheme: " + id);
    }
}
