package io.userasset.domain.scoring;

import io.userasset.domain.scoring.churn.ChurnRisk;
import io.userasset.domain.scoring.lifecycle.LifecycleResult;
import io.userasset.domain.scoring.rfm.RfmResult;
import io.userasset.domain.scoring.value.GrowthResult;
import io.userasset.domain.scoring.value.ValueScores;

/**
 * All scores of one user as of a day (SPEC §4 except predicted CLV).
 *
 * @param rfm       R, F, M, FM scores (null for non-buyers), segment8, segment11 ("none" for non-buyers)
 * @param lifecycle stage, own expected interval and dormancy threshold (days)
 * @param value     five value dimensions and the composite, 0–100
 * @param growth    growth tier, next tier, distance to it, close-to-next flag
 * @param churn     churn risk in [0, 1], its inactivity part, level
 */
public record Scores(RfmResult rfm, LifecycleResult lifecycle, ValueScores value, GrowthResult growth,
                     ChurnRisk churn) {}
