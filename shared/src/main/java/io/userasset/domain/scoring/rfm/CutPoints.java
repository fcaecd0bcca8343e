package io.userasset.domain.scoring.rfm;

/**
 * The four quintile cut points c1 ≤ c2 ≤ c3 ≤ c4 of one metric (the 20/40/60/80 % inclusive quantiles).
 * They split the value axis into buckets (−∞, c1], (c1, c2], (c2, c3], (c3, c4], (c4, +∞): a value equal to a
 * cut point belongs to the bucket BELOW it. Equal cut points (many tied values) make empty buckets.
 */
public record CutPoints(double c1, double c2, double c3, double c4) {

    public CutPoints {
        if (!Double.isFinite(c1) || !Double.isFinite(c2) || !Double.isFinite(c3) || !Double.isFinite(c4)) {
            throw new IllegalArgumentException("cut points must be finite");
        }
        if (c1 > c2 || c2 > c3 || c3 > c4) {
            throw new IllegalArgumentException("cut points must be ascending: " + c1 + ", " + c2 + ", " + c3 + ", " + c4);
        }
    }

    public static CutPoints of(java.util.List<Double> cuts) {
        if (cuts.size() != 4) throw new IllegalArgumentException("need 4 cut points");
        return new CutPoints(cuts.get(0), cuts.get(1), cuts.get(2), cuts.get(3));
    }

    /** Bucket 1..5 of a value in value order: 1 + the number of cut points strictly below the value. */
    public int bucket(double value) {
        int b = 1;
        if (value > c1) b++;
        if (value > c2) b++;
        if (value > c3) b++;
        if (value > c4) b++;
        return b;
    }
}
