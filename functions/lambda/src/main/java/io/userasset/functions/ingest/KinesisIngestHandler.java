package io.userasset.functions.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.userasset.application.InputRecord;
import io.userasset.application.IngestReport;
import io.userasset.application.RecordOutcome;
import io.userasset.functions.Engine;
import io.userasset.functions.Priming;
import io.userasset.observability.EmfMetrics;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Ingest from Kinesis (partition key = user): one event per record. Failed records are reported by
 * sequence number; Lambda resumes the shard from the lowest one, and the idempotent fold makes the
 * re-read records that had already been applied harmless.
 */
public final class KinesisIngestHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {
    private final Engine engine;
    private final EmfMetrics metrics;

    public KinesisIngestHandler() {
        this(Priming.engine());
    }

    public KinesisIngestHandler(Engine engine) {
        this.engine = engine;
        this.metrics = new EmfMetrics(engine.metricsNamespace(), "ingest-kinesis");
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        long start = System.nanoTime();
        List<KinesisEvent.KinesisEventRecord> kinesisRecords = event.getRecords() == null ? List.of() : event.getRecords();
        List<InputRecord> records = new ArrayList<>(kinesisRecords.size());
        for (KinesisEvent.KinesisEventRecord r : kinesisRecords) {
            records.add(new InputRecord(r.getKinesis().getSequenceNumber(), bytes(r.getKinesis().getData())));
        }
        IngestReport report = engine.ingest().process(records);
        IngestMetrics.report(metrics, "kinesis", report, records.size(), (System.nanoTime() - start) / 1e6);
        engine.reportIngest(report);
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (InputRecord r : records) {
            if (report.outcomes().get(r.id()) == RecordOutcome.FAILED) {
                failures.add(new StreamsEventResponse.BatchItemFailure(r.id()));
            }
        }
        return new StreamsEventResponse(failures);
    }

    private static byte[] bytes(ByteBuffer data) {
        ByteBuffer copy = data.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
