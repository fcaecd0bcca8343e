package io.userasset.functions.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.userasset.application.IngestReport;
import io.userasset.application.InputRecord;
import io.userasset.application.RecordOutcome;
import io.userasset.events.EventBatches;
import io.userasset.functions.Engine;
import io.userasset.functions.Priming;
import io.userasset.observability.EmfMetrics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Ingest from SQS: one event per message, or several as a JSON array ({@link EventBatches}).
 * Reports failed messages as batch item failures, so SQS redelivers exactly those (and dead-letters
 * them after maxReceiveCount); rejected messages are stored with their reason and acknowledged, so a
 * permanently bad event is never retried forever.
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
        int[] eventsPerMessage = new int[messages.size()];
        for (int i = 0; i < messages.size(); i++) {
            SQSEvent.SQSMessage m = messages.get(i);
            byte[] body = m.getBody() == null ? new byte[0] : m.getBody().getBytes(StandardCharsets.UTF_8);
            List<byte[]> batch = EventBatches.split(body);
            List<byte[]> payloads = batch == null ? List.of(body) : batch;
            for (int k = 0; k < payloads.size(); k++) {
                records.add(new InputRecord(EventBatches.sourceId(m.getMessageId(), k, batch != null), payloads.get(k)));
            }
            eventsPerMessage[i] = payloads.size();
        }
        IngestReport report = engine.ingest().process(records);
        IngestMetrics.report(metrics, "sqs", report, records.size(), (System.nanoTime() - start) / 1e6);
        engine.reportIngest(report);
        return new SQSBatchResponse(failures(messages, eventsPerMessage, records, report));
    }

    /** The messages with an event that failed: redelivered whole (the events of them already applied come back as duplicates). */
    private static List<SQSBatchResponse.BatchItemFailure> failures(List<SQSEvent.SQSMessage> messages, int[] eventsPerMessage,
                                                                    List<InputRecord> records, IngestReport report) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        boolean fifo = !messages.isEmpty() && messages.get(0).getEventSourceArn() != null
                && messages.get(0).getEventSourceArn().endsWith(".fifo");
        boolean failedBefore = false;
        int next = 0;
        for (int i = 0; i < messages.size(); i++) {
            boolean failed = false;
            for (int k = 0; k < eventsPerMessage[i]; k++, next++) {
                failed |= report.outcomes().get(records.get(next).id()) == RecordOutcome.FAILED;
            }
            // A FIFO queue keeps order only if everything after the first failure is retried too.
            if (failed || (fifo && failedBefore)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(messages.get(i).getMessageId()));
                failedBefore = true;
            }
        }
        return failures;
    }
}
