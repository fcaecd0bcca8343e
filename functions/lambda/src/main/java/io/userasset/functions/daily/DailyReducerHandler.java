package io.userasset.functions.daily;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.userasset.application.daily.DailyMessage;
import io.userasset.application.daily.DailyReducer;
import io.userasset.config.AlertsConfig;
import io.userasset.domain.metrics.Alert;
import io.userasset.functions.Engine;
import io.userasset.functions.Priming;
import io.userasset.observability.EmfMetrics;
import io.userasset.observability.JsonLog;
import io.userasset.tables.ResourceCatalog.Metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the daily job's reduction from the reduce queue. After the day's metrics it emits one
 * {@code AlertFired} metric per configured rule (1 when it fired, else 0, dimension Rule) — the
 * metric the CloudWatch alarms of the CDK app watch.
 */
public final class DailyReducerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final Engine engine;
    private final EmfMetrics metrics;

    public DailyReducerHandler() {
        this(Priming.engine());
    }

    public DailyReducerHandler(Engine engine) {
        this.engine = engine;
        this.metrics = new EmfMetrics(engine.metricsNamespace(), "daily-reducer");
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        DailyReducer reducer = engine.dailyReducer();
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            try {
                DailyReducer.Result r = reducer.run(DailyMessage.fromJson(m.getBody()));
                alertMetrics(r.alerts());
                engine.models().invalidate();
            } catch (RuntimeException e) {
                JsonLog.error("daily reduction failed; it will be retried", e, "messageId", m.getMessageId());
                metrics.count("ReductionFailures", 1).flush();
                failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private void alertMetrics(List<Alert> alerts) {
        for (AlertsConfig.AlertRule rule : engine.config().alerts().rules()) {
            long fired = alerts.stream().filter(a -> a.rule().equals(rule.name())).count();
            new EmfMetrics(engine.metricsNamespace(), Map.of(Metrics.RULE_DIMENSION, rule.name()))
                    .count(Metrics.ALERT_FIRED, fired > 0 ? 1 : 0).flush();
        }
    }
}
