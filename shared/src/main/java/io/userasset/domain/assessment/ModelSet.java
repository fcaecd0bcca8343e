package io.userasset.domain.assessment;

import io.userasset.config.EngineConfig;
import io.userasset.domain.clv.ClvModel;
import io.userasset.domain.scoring.ScoringConfig;
import io.userasset.domain.scoring.ScoringModel;

/**
 * The population-dependent models scoring uses: cut points and percentile tables, and the CLV
 * models. The daily job fits them; before its first run the documented defaults apply.
 *
 * @param fittedDay the as-of day of the population they were fitted on; null for the defaults
 */
public record ModelSet(Integer fittedDay, ScoringModel scoring, ClvModel clv) {

    public static ModelSet defaults(EngineConfig config) {
        return new ModelSet(null, ScoringModel.defaults(ScoringConfig.from(config)), ClvModel.defaults(config.clv()));
    }
}
