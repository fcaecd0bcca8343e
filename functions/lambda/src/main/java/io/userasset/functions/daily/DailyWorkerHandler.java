package io.userasset.functions.daily;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.userasset.application.daily.DailyMessage;
import io.userasset.application.daily.DailyWorker;
import io.userasset.functions.Engine;
import io.userasset.functions.Priming;
import io.userasset.observability.EmfMetrics;
import io.userasset.observability.JsonLog;

import java.util.ArrayList;
import java.util.List;

/** Runs daily-job segments from the work queue (batch size 1); a failed segment is retried by SQS, then dead-lettered. */
public final class DailyWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final Engine engine;
    private final EmfMetrics metrics;

    public DailyWorkerHandler() {
        this(Priming.engine());
    }

    public DailyWorkerHandler(Engine engine) {
        this.engine = engine;
        this.metrics = new EmfMetrics(engine.metricsNamespace(), "daily-worker");
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        DailyWorker worker = engine.dailyWorker();
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            long start = System.nanoTime();
            try {
                DailyWorker.Result r = worker.run(DailyMessage.fromJson(m.getBody()));
                double seconds = (System.nanoTime() - start) / 1e9;
                metrics.count("SegmentProfiles", r.profiles()).count("ProfilesRescored", r.written())
                        .count("RescoreConflicts", r.conflicts()).milliseconds("SegmentDuration", seconds * 1000).flush();
            } catch (RuntimeException e) {
                JsonLog.error("daily segment failed; it will be retried", e, "messageId", m.getMessageId());
                metrics.count("SegmentFailures", 1).flush();
                failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
