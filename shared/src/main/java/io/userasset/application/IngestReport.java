package io.userasset.application;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one batch did: the outcome of every input, and counters worth a metric.
 *
 * @param outcomes          input id → outcome, in input order
 * @param lateApplied       events applied beyond the deduplication horizon (see FoldOutcome.APPLIED_LATE)
 * @param profilesWritten   profile writes (one per distinct user with a change, plus linked anonymous profiles)
 * @param conflictRetries   writes retried after losing to a concurrent writer
 * @param identifyConflicts identify events naming an anonymous id already linked to another user
 * @param batchReadFallbacks batch reads of profiles that failed, so that each profile was read on its own
 * @param expiredKeyArchives key archives found expired while still referred to, and forgotten
 */
public record IngestReport(Map<String, RecordOutcome> outcomes, int lateApplied, int profilesWritten,
                           int conflictRetries, int identifyConflicts, int batchReadFallbacks, int expiredKeyArchives) {

    public IngestReport {
        outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }

    public Map<RecordOutcome, Integer> counts() {
        Map<RecordOutcome, Integer> counts = new EnumMap<>(RecordOutcome.class);
        for (RecordOutcome o : RecordOutcome.values()) counts.put(o, 0);
        outcomes.values().forEach(o -> counts.merge(o, 1, Integer::sum));
        return counts;
    }

    public List<String> failedIds() {
        return outcomes.entrySet().stream().filter(e -> e.getValue() == RecordOutcome.FAILED).map(Map.Entry::getKey).toList();
    }
}
