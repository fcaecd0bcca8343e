package io.userasset.local.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the handlers' JSON log and EMF lines go in a local run: a file (logs.jsonl), so the console
 * stays readable. It also reads the ingest handler's per-batch summary line ("batch ingested") —
 * the same figures CloudWatch gets as EMF metrics — to count every event's final outcome. A FAILED
 * event is not final: it is retried, and counted when it ends applied, duplicate or rejected, or in
 * the DLQ (counted from the queue at the end).
 */
public final class LogTap extends PrintStream {
    private static final ObjectMapper JSON = new ObjectMapper();

    public final AtomicLong applied = new AtomicLong();
    public final AtomicLong duplicate = new AtomicLong();
    public final AtomicLong rejected = new AtomicLong();
    public final AtomicLong failedAttempts = new AtomicLong();
    public final AtomicLong late = new AtomicLong();
    public final AtomicLong profilesWritten = new AtomicLong();
    public final AtomicLong conflictRetries = new AtomicLong();
    public final AtomicLong errors = new AtomicLong();
    public final AtomicLong warnings = new AtomicLong();

    private LogTap(OutputStream out) {
        super(out, false, StandardCharsets.UTF_8);
    }

    public static LogTap toFile(Path file) {
        try {
            return new LogTap(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A tap that only counts (for tests that do not keep logs). */
    public static LogTap discarding() {
        return new LogTap(OutputStream.nullOutputStream());
    }

    @Override
    public void println(String line) {
        inspect(line);
        super.println(line);
    }

    @Override
    public void println(Object line) {
        println(String.valueOf(line));
    }

    private void inspect(String line) {
        if (line == null) return;
        if (line.startsWith("{\"level\":\"ERROR\"")) errors.incrementAndGet();
        else if (line.startsWith("{\"level\":\"WARN\"")) warnings.incrementAndGet();
        if (!line.contains("\"message\":\"batch ingested\"")) return;
        try {
            JsonNode n = JSON.readTree(line);
            applied.addAndGet(n.path("applied").asLong());
            duplicate.addAndGet(n.path("duplicate").asLong());
            rejected.addAndGet(n.path("rejected").asLong());
            failedAttempts.addAndGet(n.path("failed").asLong());
            late.addAndGet(n.path("late").asLong());
            profilesWritten.addAndGet(n.path("profilesWritten").asLong());
            conflictRetries.addAndGet(n.path("conflictRetries").asLong());
        } catch (IOException e) {
            errors.incrementAndGet();
        }
    }
}
