package io.userasset.ports;

/** Bookkeeping of daily runs (engine table): which segments of which phase are done. */
public interface RunLedger {

    void start(String date, int segments);

    /**
     * Records a finished segment (idempotently) and returns how many distinct segments of the phase
     * are done now; the worker that sees all of them triggers the reduction.
     */
    int markDone(String date, String phase, int segment);
}
