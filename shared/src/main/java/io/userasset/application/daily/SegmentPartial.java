package io.userasset.application.daily;

import io.userasset.domain.metrics.DailyPartial;

/** What one segment hands the reducer: its share of the day's metrics, and its population statistics for the refit. */
public record SegmentPartial(DailyPartial metrics, MeasurePartial measure) {}
