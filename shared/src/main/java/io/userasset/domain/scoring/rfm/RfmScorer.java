package io.userasset.domain.scoring.rfm;

/**
 * RFM scores 1–5 and both segment schemes (SPEC §4). Pure and allocation-free for customers (scores 1–5 come
 * from the Integer cache).
 *
 * <p>Scores: with cut points c1..c4 of a metric, bucket(v) = 1 + #{i : v &gt; c_i} (a value equal to a cut point
 * falls in the bucket below it). F score = bucket(F), M score = bucket(M), R score = 6 − bucket(R) because fewer
 * days since the last order is better. So a value tied with a cut point gets the lower F/M score, and the higher
 * (more recent) R score.
 */
public final class RfmScorer {
    private RfmScorer() {}

    public static RfmResult score(RfmValues v, RfmModel model) {
        if (!v.isCustomer()) return RfmResult.NOT_APPLICABLE;
        int r = recencyScore(v.recencyDays(), model.recency());
        int f = model.frequency().bucket(v.frequency());
        int m = model.monetary().bucket(v.monetary());
        int fm = Segment11.fmScore(f, m);
        return new RfmResult(r, f, m, fm, segment8(v, model), Segment11.of(r, fm));
    }

    /** 5 = most recent: 6 − bucket(recency days). */
    public static int recencyScore(int recencyDays, CutPoints cuts) {
        return 6 - cuts.bucket(recencyDays);
    }

    /** R↑ iff recency days &lt; mean; F↑ iff F &gt; mean; M↑ iff M &gt; mean (equal to the mean = low). */
    public static Segment8 segment8(RfmValues v, RfmModel model) {
        if (!v.isCustomer()) return Segment8.NONE;
        return Segment8.of(v.recencyDays() < model.meanRecencyDays(),
                v.frequency() > model.meanFrequency(),
                v.monetary() > model.meanMonetary());
    }
}
