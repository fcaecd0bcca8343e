package io.userasset.domain.scoring;

import io.userasset.domain.scoring.churn.ChurnRisk;
import io.userasset.domain.scoring.churn.ChurnRiskScorer;
import io.userasset.domain.scoring.lifecycle.Lifecycle;
import io.userasset.domain.scoring.lifecycle.LifecycleInputs;
import io.userasset.domain.scoring.lifecycle.LifecycleResult;
import io.userasset.domain.scoring.rfm.RfmResult;
import io.userasset.domain.scoring.rfm.RfmScorer;
import io.userasset.domain.scoring.value.GrowthPath;
import io.userasset.domain.scoring.value.GrowthResult;
import io.userasset.domain.scoring.value.ValueScorer;
import io.userasset.domain.scoring.value.ValueScores;

/**
 * The single entry point: every score of one user from plain inputs, the current {@link ScoringModel} and the CLV
 * model's P(alive). Pure, deterministic, thread-safe; the parts ({@link RfmScorer}, {@link Lifecycle},
 * {@link ValueScorer}, {@link GrowthPath}, {@link ChurnRiskScorer}) are usable on their own.
 */
public final class Scorer {
    private final ScoringConfig config;

    public Scorer(ScoringConfig config) {
        if (config == null) throw new IllegalArgumentException("config is required");
        this.config = config;
    }

    public ScoringConfig config() {
        return config;
    }

    /**
     * @param pAlive P(alive) of the user from the CLV model, in [0, 1]; NaN when unknown (no fitted model yet).
     *               It applies to buyers only: for a non-buyer it is ignored.
     */
    public Scores score(ScoreInputs in, ScoringModel model, double pAlive) {
        return score(in, model, config, pAlive);
    }

    public static Scores score(ScoreInputs in, ScoringModel model, ScoringConfig c, double pAlive) {
        double p = in.buyer() ? pAlive : Double.NaN;
        RfmResult rfm = RfmScorer.score(in.rfmValues(), model.rfm());
        LifecycleInputs li = in.lifecycleInputs();
        LifecycleResult lifecycle = Lifecycle.assess(li, p, c.lifecycle());
        ValueScores value = ValueScorer.score(in.valueInputs(), model.value(), c.value());
        GrowthResult growth = GrowthPath.assess(value.composite(), value.socialContent(), c.growth());
        int gap = li.isBuyer() ? li.daysSinceLastOrder() : li.daysSinceLastActive();
        ChurnRisk churn = ChurnRiskScorer.assess(gap, lifecycle.dormancyThresholdDays(), p, c.churn());
        return new Scores(rfm, lifecycle, value, growth, churn);
    }
}
