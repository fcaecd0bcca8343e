package io.userasset.functions.ingest;

import io.userasset.application.IngestReport;
import io.userasset.application.RecordOutcome;
import io.userasset.observability.EmfMetrics;
import io.userasset.observability.JsonLog;
import io.userasset.tables.ResourceCatalog.Metrics;

import java.util.Map;

/** The metrics and the summary log line every ingest batch emits. */
final class IngestMetrics {
    private IngestMetrics() {}

    static void report(EmfMetrics metrics, String source, IngestReport report, int records, double batchMillis) {
        Map<RecordOutcome, Integer> counts = report.counts();
        metrics.count(Metrics.EVENTS_APPLIED, counts.get(RecordOutcome.APPLIED))
                .count(Metrics.EVENTS_DUPLICATE, counts.get(RecordOutcome.DUPLICATE))
                .count(Metrics.EVENTS_REJECTED, counts.get(RecordOutcome.REJECTED))
                .count(Metrics.EVENTS_FAILED, counts.get(RecordOutcome.FAILED))
                .count(Metrics.EVENTS_LATE, report.lateApplied())
                .count("ProfilesWritten", report.profilesWritten())
                .count("WriteConflictRetries", report.conflictRetries())
                .count("IdentifyConflicts", report.identifyConflicts())
                .count("BatchReadFallbacks", report.batchReadFallbacks())
                .count("KeyArchivesExpired", report.expiredKeyArchives())
                .milliseconds(Metrics.BATCH_LATENCY, batchMillis)
                .flush();
        JsonLog.info("batch ingested", "source", source, "records", records,
                "applied", counts.get(RecordOutcome.APPLIED), "duplicate", counts.get(RecordOutcome.DUPLICATE),
                "rejected", counts.get(RecordOutcome.REJECTED), "failed", counts.get(RecordOutcome.FAILED),
                "late", report.lateApplied(), "profilesWritten", report.profilesWritten(),
                "conflictRetries", report.conflictRetries(), "millis", batchMillis);
    }
}
