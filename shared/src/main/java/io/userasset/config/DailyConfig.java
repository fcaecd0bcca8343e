package io.userasset.config;

/**
 * @param cronHourLocal       hour of the day (configured zone) the schedule starts the job
 * @param profilesPerSegment  the coordinator chooses N = ceil(profiles / this) scan segments
 * @param maxSegments         upper bound on N
 * @param scanPageSize        items per Scan page a worker reads
 */
public record DailyConfig(int cronHourLocal, int profilesPerSegment, int maxSegments, int scanPageSize) {}
