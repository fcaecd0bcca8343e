package io.userasset.domain.scoring.rfm;

/**
 * RFM scores and segments of one user. For a user who never ordered every score is {@code null} and both
 * segments are {@code none} ({@link #NOT_APPLICABLE}).
 *
 * @param r         R score 1–5, 5 = most recent
 * @param f         F score 1–5, 5 = most orders
 * @param m         M score 1–5, 5 = highest net revenue
 * @param fm        FM score of the 11-segment grid, {@code (f + m + 1) / 2}
 * @param segment8  8-segment scheme (against the population means)
 * @param segment11 11-segment R×FM grid
 */
public record RfmResult(Integer r, Integer f, Integer m, Integer fm, Segment8 segment8, Segment11 segment11) {

    public static final RfmResult NOT_APPLICABLE = new RfmResult(null, null, null, null, Segment8.NONE, Segment11.NONE);

    public boolean applicable() {
        return r != null;
    }
}
