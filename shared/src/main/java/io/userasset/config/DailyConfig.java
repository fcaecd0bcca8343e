package io.userasset.config;

/**
 * @param cronHourLocal           hour of the day (configured zone) the schedule starts the job
 * @param profilesPerSegment      the coordinator chooses N = ceil(profiles / this) scan segments
 * @param maxSegments             upper bound on N
 * @param scanPageSize            items per Scan page a worker reads
 * @param materialCompositePoints the daily re-score writes a profile back when its composite value moved by this much
 *                                (or a category, or the CLV, changed)
 * @param materialClvRelative     ... or its predicted CLV by this fraction
 */
public record DailyConfig(int cronHourLocal, int profilesPerSegment, int maxSegments, int scanPageSize,
                          double materialCompositePoints, double materialClvRelative) {

    public DailyConfig {
        if (materialCompositePoints <= 0) throw new IllegalArgumentException("daily.materialCompositePoints must be positive");
        if (materialClvRelative <= 0) throw new IllegalArgumentException("daily.materialClvRelative must be positive");
    }
}
