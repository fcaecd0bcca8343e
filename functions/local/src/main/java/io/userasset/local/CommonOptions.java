package io.userasset.local;

import io.userasset.config.ConfigLoader;
import io.userasset.config.EngineConfig;
import io.userasset.local.cost.PriceTable;
import io.userasset.local.pipeline.LocalPipeline;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/** Options every command takes. */
final class CommonOptions {
    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: out/<command>).")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "Engine configuration overrides (YAML or JSON, "
            + "same keys as shared/src/main/resources/userasset-defaults.yaml).")
    Path config;

    @Option(names = "--prices", paramLabel = "FILE", description = "Price table for the cost projection "
            + "(default: the bundled ${DEFAULT-VALUE}).", defaultValue = PriceTable.BUNDLED)
    String prices;

    @Option(names = "--segments", paramLabel = "N", defaultValue = "2", description = "Daily-job scan segments, run side by side (default: ${DEFAULT-VALUE}).")
    int segments;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "10000",
            description = "Messages per ingest invocation, 1-10000 (default: ${DEFAULT-VALUE}; the deployed event source uses 100).")
    int batchSize;

    @Option(names = "--stream-batch-size", paramLabel = "N", defaultValue = "1000", description = "Stream records per actions invocation (default: ${DEFAULT-VALUE}).")
    int streamBatchSize;

    @Option(names = "--events-per-message", paramLabel = "N", defaultValue = "25",
            description = "Events packed into one ingest-queue message as a JSON array, as a batching producer sends them; "
                    + "1 sends one message per event (default: ${DEFAULT-VALUE}).")
    int eventsPerMessage;

    @Option(names = "--io-threads", paramLabel = "N", defaultValue = "4", description = "Concurrent SQS calls for sending and polling (default: ${DEFAULT-VALUE}).")
    int ioThreads;

    @Option(names = "--retry-delay-ms", paramLabel = "MS", defaultValue = "1000",
            description = "How long a failed ingest message stays invisible before it is retried (default: ${DEFAULT-VALUE}).")
    long retryDelayMs;

    @Option(names = "--show-rejections", paramLabel = "N", defaultValue = "50",
            description = "Rejected lines printed to stderr as the run goes; all are in rejected.jsonl (default: ${DEFAULT-VALUE}).")
    int showRejections;

    @Option(names = "--no-progress", description = "No progress bar on stderr.")
    boolean noProgress;

    EngineConfig engineConfig() {
        return config == null ? ConfigLoader.defaults() : ConfigLoader.fromFile(config);
    }

    PriceTable priceTable() {
        return PriceTable.BUNDLED.equals(prices) ? PriceTable.bundled() : PriceTable.fromFile(Path.of(prices));
    }

    LocalPipeline.Settings settings() {
        if (batchSize < 1 || batchSize > 10_000) throw new IllegalArgumentException("--batch-size must be 1-10000");
        if (segments < 1 || segments > 64) throw new IllegalArgumentException("--segments must be 1-64");
        if (streamBatchSize < 1 || streamBatchSize > 10_000) throw new IllegalArgumentException("--stream-batch-size must be 1-10000");
        if (ioThreads < 1 || ioThreads > 64) throw new IllegalArgumentException("--io-threads must be 1-64");
        if (eventsPerMessage < 1 || eventsPerMessage > 500) throw new IllegalArgumentException("--events-per-message must be 1-500");
        return new LocalPipeline.Settings(batchSize, segments, Duration.ofMillis(retryDelayMs), ioThreads, streamBatchSize, eventsPerMessage);
    }

    LocalRun.Options options(String defaultOut, PrintStream stdout, PrintStream stderr) {
        return new LocalRun.Options(out == null ? Path.of(defaultOut) : out, engineConfig(), priceTable(), settings(),
                !noProgress, stdout, stderr, showRejections);
    }
}
