package io.userasset.domain.assessment;

import io.userasset.domain.encoding.Bytes;
import io.userasset.domain.scoring.churn.RiskLevel;
import io.userasset.domain.scoring.lifecycle.LifecycleStage;
import io.userasset.domain.scoring.rfm.Segment11;
import io.userasset.domain.scoring.rfm.Segment8;
import io.userasset.domain.scoring.value.GrowthTier;

/**
 * Compact binary form of {@link ProfileScores} and {@link DailyMarks} for the profile item (about
 * 50 bytes). Scores are stored at fixed precision — percentiles and distances to 0.01, risks and
 * probabilities to 10⁻⁶, money to thousandths — so "did the scores change?" is a byte comparison.
 */
public final class ScoresCodec {
    private static final int VERSION = 1;
    private static final double PCT = 100;
    private static final double PROB = 1_000_000;
    private static final double MILLI = 1000;

    private ScoresCodec() {}

    public static byte[] encode(ProfileScores s) {
        int flags = (s.recencyDays() != null ? 1 : 0) | (s.previousStage() != null ? 2 : 0)
                | (s.pAlive() != null ? 4 : 0) | (s.closeToNextTier() ? 8 : 0) | (s.r() != null ? 16 : 0);
        Bytes.Writer w = new Bytes.Writer().raw(VERSION).raw(flags).z(s.asOfDay());
        if (s.recencyDays() != null) w.u(s.recencyDays());
        w.u(s.frequency()).z(s.monetaryMilli());
        if (s.r() != null) w.raw(s.r() * 16 + s.f()).raw(s.m());
        w.raw(s.segment8().ordinal()).raw(s.segment11().ordinal());
        w.raw(s.stage().ordinal()).u(s.asOfDay() - (long) s.stageSinceDay());
        if (s.previousStage() != null) w.raw(s.previousStage().ordinal());
        for (double d : new double[]{s.consumption(), s.social(), s.content(), s.activity(), s.loyalty(), s.composite()}) {
            w.u(scaled(d, PCT));
        }
        w.raw(s.tier().ordinal()).raw(s.nextTier() == null ? 0 : s.nextTier().ordinal() + 1).u(scaled(s.distanceToNextTier(), PCT));
        w.u(scaled(s.churnRisk(), PROB)).raw(s.riskLevel().ordinal());
        if (s.pAlive() != null) {
            w.u(scaled(s.pAlive(), PROB)).u(scaled(s.expectedPurchases(), MILLI)).u(scaled(s.expectedOrderValue(), MILLI))
                    .u(scaled(s.predictedClv(), MILLI));
        }
        return w.toByteArray();
    }

    public static ProfileScores decode(byte[] data) {
        Bytes.Reader r = new Bytes.Reader(data);
        int version = r.raw();
        if (version != VERSION) throw new IllegalArgumentException("unknown scores format version " + version);
        int flags = r.raw();
        int asOf = Math.toIntExact(r.z());
        Integer recency = (flags & 1) != 0 ? r.ui() : null;
        int frequency = r.ui();
        long monetary = r.z();
        Integer rs = null, fs = null, ms = null;
        if ((flags & 16) != 0) {
            int rf = r.raw();
            rs = rf / 16;
            fs = rf % 16;
            ms = r.raw();
        }
        Segment8 s8 = Segment8.values()[r.raw()];
        Segment11 s11 = Segment11.values()[r.raw()];
        LifecycleStage stage = LifecycleStage.values()[r.raw()];
        int since = Math.toIntExact(asOf - r.u());
        LifecycleStage before = (flags & 2) != 0 ? LifecycleStage.values()[r.raw()] : null;
        double[] v = new double[6];
        for (int i = 0; i < 6; i++) v[i] = r.u() / PCT;
        GrowthTier tier = GrowthTier.values()[r.raw()];
        int next = r.raw();
        double distance = r.u() / PCT;
        double risk = r.u() / PROB;
        RiskLevel level = RiskLevel.values()[r.raw()];
        Double pAlive = null, purchases = null, orderValue = null, clv = null;
        if ((flags & 4) != 0) {
            pAlive = r.u() / PROB;
            purchases = r.u() / MILLI;
            orderValue = r.u() / MILLI;
            clv = r.u() / MILLI;
        }
        if (!r.atEnd()) throw new IllegalArgumentException("trailing bytes after scores");
        return new ProfileScores(asOf, recency, frequency, monetary, rs, fs, ms, s8, s11, stage, since, before,
                v[0], v[1], v[2], v[3], v[4], v[5], tier, next == 0 ? null : GrowthTier.values()[next - 1], distance,
                (flags & 8) != 0, risk, level, pAlive, purchases, orderValue, clv);
    }

    /** The scores as they read back from storage (fixed precision applied). */
    public static ProfileScores normalize(ProfileScores s) {
        return decode(encode(s));
    }

    public static byte[] encode(DailyMarks marks) {
        Bytes.Writer w = new Bytes.Writer().raw(VERSION);
        int n = marks.latest() == null ? 0 : marks.previous() == null ? 1 : 2;
        w.raw(n);
        if (n >= 1) mark(w, marks.latest());
        if (n == 2) mark(w, marks.previous());
        return w.toByteArray();
    }

    public static DailyMarks decodeMarks(byte[] data) {
        Bytes.Reader r = new Bytes.Reader(data);
        int version = r.raw();
        if (version != VERSION) throw new IllegalArgumentException("unknown daily marks format version " + version);
        int n = r.raw();
        DailyMark latest = n >= 1 ? mark(r) : null;
        DailyMark previous = n == 2 ? mark(r) : null;
        if (!r.atEnd()) throw new IllegalArgumentException("trailing bytes after daily marks");
        return new DailyMarks(latest, previous);
    }

    private static void mark(Bytes.Writer w, DailyMark m) {
        w.z(m.day()).raw(m.stage().ordinal()).raw(m.segment8().ordinal()).raw(m.segment11().ordinal())
                .raw(m.tier().ordinal() | (m.closeToNextTier() ? 0x80 : 0)).raw(m.riskLevel().ordinal())
                .u(scaled(m.composite(), PCT)).u(Math.max(0, m.clvMilli()));
    }

    private static DailyMark mark(Bytes.Reader r) {
        int day = Math.toIntExact(r.z());
        LifecycleStage stage = LifecycleStage.values()[r.raw()];
        Segment8 s8 = Segment8.values()[r.raw()];
        Segment11 s11 = Segment11.values()[r.raw()];
        int tier = r.raw();
        return new DailyMark(day, stage, s8, s11, GrowthTier.values()[tier & 0x7f], (tier & 0x80) != 0,
                RiskLevel.values()[r.raw()], r.u() / PCT, r.u());
    }

    private static long scaled(Double d, double scale) {
        if (d == null || !Double.isFinite(d) || d <= 0) return 0;
        return Math.round(d * scale);
    }
}
