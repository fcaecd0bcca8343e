package io.userasset.ports;

import io.userasset.domain.metrics.DailyMetrics;

import java.time.LocalDate;
import java.util.List;

/** The daily metrics: one document per day, and the latest. */
public interface MetricsStore {

    void put(DailyMetrics metrics);

    /** The stored metrics of the days from {@code from} to {@code to} inclusive, oldest first (missing days absent). */
    List<DailyMetrics> range(LocalDate from, LocalDate to);
}
