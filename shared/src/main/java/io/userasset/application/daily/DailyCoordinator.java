package io.userasset.application.daily;

import io.userasset.config.DailyConfig;
import io.userasset.observability.JsonLog;
import io.userasset.ports.DailyFiles;
import io.userasset.ports.ProfileScanner;
import io.userasset.ports.RunLedger;
import io.userasset.ports.WorkQueue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the daily job for a day: sizes the fan-out from the table, clears what an earlier run of
 * the same day left, and sends one message per scan segment.
 */
public final class DailyCoordinator {
    private final DailyConfig config;
    private final ProfileScanner scanner;
    private final DailyFiles files;
    private final RunLedger ledger;
    private final WorkQueue queue;

    public DailyCoordinator(DailyConfig config, ProfileScanner scanner, DailyFiles files, RunLedger ledger, WorkQueue queue) {
        this.config = config;
        this.scanner = scanner;
        this.files = files;
        this.ledger = ledger;
        this.queue = queue;
    }

    /** N = ceil(profiles / profilesPerSegment), between 1 and maxSegments. */
    public int segmentsFor(long profiles) {
        long n = (profiles + config.profilesPerSegment() - 1) / config.profilesPerSegment();
        return (int) Math.max(1, Math.min(config.maxSegments(), n));
    }

    /** @param segments a fixed fan-out, or 0 to size it from the table */
    public int start(LocalDate day, int segments) {
        int n = segments > 0 ? segments : segmentsFor(scanner.approximateCount());
        String date = day.toString();
        files.clearDay(date);
        ledger.start(date, n);
        List<String> messages = new ArrayList<>(n);
        for (int k = 0; k < n; k++) messages.add(DailyMessage.work(date, DailyMessage.SCORE, k, n).toJson());
        queue.sendWork(messages);
        JsonLog.info("daily job started", "date", date, "segments", n);
        return n;
    }
}
