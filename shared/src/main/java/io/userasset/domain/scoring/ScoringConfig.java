package io.userasset.domain.scoring;

import io.userasset.config.ChurnConfig;
import io.userasset.config.EngineConfig;
import io.userasset.config.GrowthConfig;
import io.userasset.config.LifecycleConfig;
import io.userasset.config.RfmConfig;
import io.userasset.config.ValueConfig;
import io.userasset.domain.scoring.rfm.SegmentScheme;

import java.util.EnumSet;
import java.util.Set;

/** The five configuration sections scoring reads (rfm, lifecycle, value, growth, churn). */
public record ScoringConfig(RfmConfig rfm, LifecycleConfig lifecycle, ValueConfig value, GrowthConfig growth,
                            ChurnConfig churn) {

    public ScoringConfig {
        if (rfm == null || lifecycle == null || value == null || growth == null || churn == null) {
            throw new IllegalArgumentException("every scoring configuration section is required");
        }
    }

    public static ScoringConfig from(EngineConfig c) {
        return new ScoringConfig(c.rfm(), c.lifecycle(), c.value(), c.growth(), c.churn());
    }

    public static ScoringConfig defaults() {
        return from(EngineConfig.defaults());
    }

    /** The segment schemes to report (rfm.segmentSchemes); both are always computed. */
    public Set<SegmentScheme> reportedSchemes() {
        Set<SegmentScheme> s = EnumSet.noneOf(SegmentScheme.class);
        for (String id : rfm.segmentSchemes()) s.add(SegmentScheme.fromId(id));
        return s;
    }
}
