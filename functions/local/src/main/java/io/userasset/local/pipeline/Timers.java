package io.userasset.local.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Wall time per phase of a run (startup, send, ingest, stream, daily, export, report …), for the summary. */
public final class Timers {
    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private final long started = System.nanoTime();

    public synchronized void add(String phase, long elapsedNanos) {
        nanos.merge(phase, elapsedNanos, Long::sum);
    }

    public void time(String phase, Runnable work) {
        long start = System.nanoTime();
        try {
            work.run();
        } finally {
            add(phase, System.nanoTime() - start);
        }
    }

    public <T> T get(String phase, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            add(phase, System.nanoTime() - start);
        }
    }

    /** Seconds per phase, in the order phases first ran. */
    public synchronized Map<String, Double> seconds() {
        Map<String, Double> out = new LinkedHashMap<>();
        nanos.forEach((k, v) -> out.put(k, v / 1e9));
        return out;
    }

    public double totalSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }
}
