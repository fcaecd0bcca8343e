package io.userasset.application.daily;

import io.userasset.domain.assessment.DailyMark;
import io.userasset.domain.assessment.DailyMarks;
import io.userasset.domain.assessment.ProfileScores;

import java.util.Objects;

/**
 * When the daily re-score is worth a write (SPEC §5: write back only the profiles that changed).
 * Recency and probabilities drift a little every day for everyone; rewriting every profile daily
 * would cost one write unit per user per day. A position changes materially when a category moves
 * (stage, segments, R/F/M scores, tier, next-tier proximity, risk level), the composite value moves
 * by {@code daily.materialCompositePoints} or more, or the predicted CLV by
 * {@code daily.materialClvRelative} or more. Below those, the stored numbers may lag the day's
 * snapshot by that much; categories never lag.
 */
final class MaterialChange {
    private final double compositePoints;
    private final double clvRelative;

    MaterialChange(double compositePoints, double clvRelative) {
        this.compositePoints = compositePoints;
        this.clvRelative = clvRelative;
    }

    boolean between(ProfileScores stored, ProfileScores fresh) {
        if (stored == null) return true;
        return stored.stage() != fresh.stage() || stored.segment8() != fresh.segment8()
                || stored.segment11() != fresh.segment11() || !Objects.equals(stored.r(), fresh.r())
                || !Objects.equals(stored.f(), fresh.f()) || !Objects.equals(stored.m(), fresh.m())
                || stored.tier() != fresh.tier() || stored.closeToNextTier() != fresh.closeToNextTier()
                || stored.riskLevel() != fresh.riskLevel()
                || Math.abs(stored.composite() - fresh.composite()) >= compositePoints
                || clvMoved(stored.clvOrZero(), fresh.clvOrZero());
    }

    /**
     * The marks after a daily run: a new mark only when the position changed since the latest one, so
     * an unchanged user's marks (and item) stay as they are. Either way {@code baselineFor(day)} of the
     * result gives what the run compared with, so re-runs measure the same migration.
     */
    DailyMarks marksAfter(DailyMarks marks, DailyMark today) {
        DailyMark latest = marks.latest();
        if (latest != null && latest.day() < today.day() && samePosition(latest, today)) return marks;
        return marks.record(today);
    }

    private boolean samePosition(DailyMark a, DailyMark b) {
        return a.stage() == b.stage() && a.segment8() == b.segment8() && a.segment11() == b.segment11()
                && a.tier() == b.tier() && a.closeToNextTier() == b.closeToNextTier() && a.riskLevel() == b.riskLevel()
                && Math.abs(a.composite() - b.composite()) < compositePoints && !clvMoved(a.clvMilli() / 1000.0, b.clvMilli() / 1000.0);
    }

    private boolean clvMoved(double before, double after) {
        double scale = Math.max(Math.abs(before), 1.0);
        return Math.abs(after - before) / scale >= clvRelative;
    }
}
