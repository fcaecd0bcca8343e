package io.userasset.adapters;

import io.userasset.observability.JsonLog;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Batch APIs that succeed partly (SQS SendMessageBatch, EventBridge PutEvents) report which entries
 * failed; this sends items in batches, re-sends exactly the failed entries with backoff, and throws
 * if some still fail after the last attempt — never drops one silently. Batches go out a few at a
 * time ({@link InParallel}): neither API promises an order between calls.
 */
public final class BatchRetry {
    private BatchRetry() {}

    /**
     * Sends every batch (with its retries) and returns when all are through; if some failed for good,
     * throws after the others have finished, the first failure with the rest suppressed.
     *
     * @param send sends one batch and returns the positions (within that batch) of the entries that failed
     */
    public static <T> void send(String what, List<T> items, int batchSize, int maxAttempts, Function<List<T>, Set<Integer>> send) {
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += batchSize) {
            batches.add(items.subList(from, Math.min(items.size(), from + batchSize)));
        }
        InParallel.map(batches, batch -> {
            sendWithRetries(what, batch, maxAttempts, send);
            return null;
        });
    }

    private static <T> void sendWithRetries(String what, List<T> batch, int maxAttempts, Function<List<T>, Set<Integer>> send) {
        List<T> pending = new ArrayList<>(batch);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            Set<Integer> failed = send.apply(pending);
            if (failed.isEmpty()) return;
            if (attempt == maxAttempts) {
                throw new IllegalStateException(what + ": " + failed.size() + " entries still failing after " + attempt + " attempts");
            }
            JsonLog.warn(what + ": retrying failed entries", "failed", failed.size(), "attempt", attempt);
            List<T> retry = new ArrayList<>(failed.size());
            for (int i : failed) retry.add(pending.get(i));
            pending = retry;
            sleep(attempt);
        }
    }

    private static void sleep(int attempt) {
        try {
            Thread.sleep(Math.min(2_000L, 50L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }
}
