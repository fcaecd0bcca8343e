package io.userasset.functions.daily;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.userasset.functions.Engine;
import io.userasset.functions.Priming;
import io.userasset.observability.EmfMetrics;

import java.time.LocalDate;
import java.util.Map;

/**
 * Started by the daily schedule (EventBridge Scheduler, configured time zone) with a ScheduledEvent
 * whose {@code time} is the scheduled time: it scores the day before that time, so a delayed or
 * retried invocation still scores the right day. A manual re-run passes {"date": "2026-11-19"};
 * an optional {@code segments} fixes the fan-out.
 */
public final class DailyCoordinatorHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final Engine engine;
    private final EmfMetrics metrics;

    public DailyCoordinatorHandler() {
        this(Priming.engine());
    }

    public DailyCoordinatorHandler(Engine engine) {
        this.engine = engine;
        this.metrics = new EmfMetrics(engine.metricsNamespace(), "daily-coordinator");
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        Object requested = input == null ? null : input.get("date");
        Object scheduled = input == null ? null : input.get("time");
        java.time.Instant at = scheduled == null ? engine.clock().instant() : java.time.Instant.parse(scheduled.toString());
        LocalDate day = requested == null
                ? LocalDate.ofInstant(at, engine.days().zone()).minusDays(1)
                : LocalDate.parse(requested.toString());
        Object fixed = input == null ? null : input.get("segments");
        int segments = engine.dailyCoordinator().start(day, fixed == null ? 0 : Integer.parseInt(fixed.toString()));
        metrics.count("DailySegments", segments).flush();
        return Map.of("date", day.toString(), "segments", segments);
    }
}
