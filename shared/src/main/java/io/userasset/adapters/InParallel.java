package io.userasset.adapters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Independent calls of one adapter operation (the batches of a BatchGetItem or of a PutEvents) made
 * a few at a time: each is a round trip of its own. The caller makes the first call itself; the
 * others run on a small pool that only these calls use, so a caller never waits on its own pool.
 */
public final class InParallel {
    /** Calls in flight at once, the caller's included. */
    public static final int CALLS = 4;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(CALLS - 1, r -> {
        Thread t = new Thread(r, "adapter-call");
        t.setDaemon(true);
        return t;
    });

    private InParallel() {}

    /**
     * {@code call} applied to every part, results in the parts' order. Returns when every call has
     * ended; if some failed, throws the first failure (as thrown) with the others suppressed.
     */
    public static <T, R> List<R> map(List<T> parts, Function<T, R> call) {
        if (parts.size() <= 1) return parts.stream().map(call).toList();
        List<Future<R>> others = new ArrayList<>(parts.size() - 1);
        for (T part : parts.subList(1, parts.size())) others.add(POOL.submit(() -> call.apply(part)));
        List<R> results = new ArrayList<>(parts.size());
        RuntimeException failure = null;
        try {
            results.add(call.apply(parts.get(0)));
        } catch (RuntimeException e) {
            failure = e;
            results.add(null);
        }
        for (Future<R> f : others) {
            try {
                results.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a call", e);
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                if (failure == null) failure = cause;
                else failure.addSuppressed(cause);
                results.add(null);
            }
        }
        if (failure != null) throw failure;
        return results;
    }
}
