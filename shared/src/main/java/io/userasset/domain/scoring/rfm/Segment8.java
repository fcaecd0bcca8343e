package io.userasset.domain.scoring.rfm;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The 8-segment RFM scheme (重要价值 … 一般挽留): each of R, F, M is high (↑) or low (↓) against the population
 * mean. R↑ means more recent than the mean (recency days strictly below the mean); F↑ and M↑ mean strictly
 * above the mean. A value equal to the mean is low. {@link #NONE} is for users who never ordered.
 */
public enum Segment8 {
    IMPORTANT_VALUE("important-value", "重要价值", true, true, true),
    IMPORTANT_DEVELOP("important-develop", "重要发展", true, false, true),
    IMPORTANT_MAINTAIN("important-maintain", "重要保持", false, true, true),
    IMPORTANT_RETAIN("important-retain", "重要挽留", false, false, true),
    GENERAL_VALUE("general-value", "一般价值", true, true, false),
    GENERAL_DEVELOP("general-develop", "一般发展", true, false, false),
    GENERAL_MAINTAIN("general-maintain", "一般保持", false, true, false),
    GENERAL_RETAIN("general-retain", "一般挽留", false, false, false),
    NONE("none", "无", false, false, false);

    private static final Segment8[] BY_BITS = new Segment8[8];

    static {
        for (Segment8 s : values()) {
            if (s != NONE) BY_BITS[bits(s.rHigh, s.fHigh, s.mHigh)] = s;
        }
    }

    private final String id;
    private final String labelZh;
    private final boolean rHigh;
    private final boolean fHigh;
    private final boolean mHigh;

    Segment8(String id, String labelZh, boolean rHigh, boolean fHigh, boolean mHigh) {
        this.id = id;
        this.labelZh = labelZh;
        this.rHigh = rHigh;
        this.fHigh = fHigh;
        this.mHigh = mHigh;
    }

    private static int bits(boolean r, boolean f, boolean m) {
        return (r ? 4 : 0) | (f ? 2 : 0) | (m ? 1 : 0);
    }

    /** The segment of an R↑/↓, F↑/↓, M↑/↓ pattern. */
    public static Segment8 of(boolean rHigh, boolean fHigh, boolean mHigh) {
        return BY_BITS[bits(rHigh, fHigh, mHigh)];
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** The Chinese label used in the CRM literature (重要价值客户 etc. without 客户). */
    public String labelZh() {
        return labelZh;
    }

    public boolean rHigh() {
        return rHigh;
    }

    public boolean fHigh() {
        return fHigh;
    }

    public boolean mHigh() {
        return mHigh;
    }

    @JsonCreator
    public static Segment8 fromId(String id) {
        for (Segment8 s : values()) {
            if (s.id.equals(id)) return s;
        }
        throw new IllegalArgumentException("unknown 8-segment id: " + id);
    }
}
