package io.userasset.functions.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.userasset.application.InputRecord;
import io.userasset.application.IngestReport;
import io.userasset.application.RecordOutcome;
import io.userasset.functions.Engine;
import io.userasset.functions.Priming;
import io.userasset.observability.EmfMetrics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Ingest from SQS: one event per message. Reports failed messages as batch item failures, so SQS
 * redelivers exactly those (and dead-letters them after maxReceiveCount); rejected messages are
 * stored with their reason and acknowledged, so a permanently bad event is never retried forever.
 */
public final class SqsIngestHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final Engine engine;
    private final EmfMetrics metrics;

    public SqsIngestHandler() {
        this(Priming.engine());
    }

    public SqsIngestHandler(Engine engine) {
        this.engine = engine;
        this.metrics = new EmfMetrics(engine.metricsNamespace(), "ingest-sqs");
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        long start = System.nanoTime();
        List<SQSEvent.SQSMessage> messages = event.getRecords() == null ? List.of() : event.getRecords();
        List<InputRecord> records = new ArrayList<>(messages.size());
        for (SQSEvent.SQSMessage m : messages) {
            String body = m.getBody() == null ? "" : m.getBody();
            records.add(new InputRecord(m.getMessageId(), body.getBytes(StandardCharsets.UTF_8)));
        }
        IngestReport report = engine.ingest().process(records);
        IngestMetrics.report(metrics, "sqs", report, records.size(), (System.nanoTime() - start) / 1e6);
        engine.reportIngest(report);
        return new SQSBatchResponse(failures(messages, report));
    }

    private static List<SQSBatchResponse.BatchItemFailure> failures(List<SQSEvent.SQSMessage> messages, IngestReport report) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        boolean fifo = !messages.isEmpty() && messages.get(0).getEventSourceArn() != null
                && messages.get(0).getEventSourceArn().endsWith(".fifo");
        boolean failedBefore = false;
        for (SQSEvent.SQSMessage m : messages) {
            // A FIFO queue keeps order only if everything after the first failure is retried too.
            if (report.outcomes().get(m.getMessageId()) == RecordOutcome.FAILED || (fifo && failedBefore)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
                failedBefore = true;
            }
        }
        return failures;
    }
}
