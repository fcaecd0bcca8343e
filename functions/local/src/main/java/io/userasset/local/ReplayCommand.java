package io.userasset.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userasset.config.EngineConfig;
import io.userasset.local.input.DatedInput;
import io.userasset.local.input.JsonLinesReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replays JSON Lines of events (native, Segment track/identify/page/screen/alias, EventBridge-wrapped) "
                + "through the pipeline, day by day in event time. Blank lines are skipped; every other bad line is "
                + "reported with file, line and reason, and the run goes on.")
final class ReplayCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    CommonOptions common;

    @Option(names = "--events", required = true, paramLabel = "FILE|-", arity = "1..*",
            description = "JSON Lines file(s); - reads standard input.")
    List<String> events;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
            description = "Run up to this day; later events are held back and compared with the predictions.")
    LocalDate asOf;

    @Option(names = "--horizon-days", defaultValue = "90", paramLabel = "N",
            description = "Days after --as-of compared with the predictions (default: ${DEFAULT-VALUE}).")
    int horizonDays;

    @Override
    public Integer call() {
        EngineConfig config = common.engineConfig();
        DatedInput input = new DatedInput(asOf, horizonDays);
        JsonLinesReader reader = new JsonLinesReader(config);
        for (String e : events) {
            if (e.equals("-")) reader.read("stdin", System.in, input);
            else reader.read(Path.of(e), input);
        }
        input.seal();
        ObjectNode stats = input.stats();
        stats.put("files", String.join(", ", events));
        LocalRun.Job job = new LocalRun.Job("replay", "replay of " + String.join(", ", events.stream()
                .map(f -> f.equals("-") ? "stdin" : Path.of(f).getFileName().toString()).toList()), main.commandLine(), stats,
                input.rejections(), input.truth("any activity"), null, input.holdoutEvents(), null);
        LocalRun.run(common.options("out/replay", main.out, main.err), job, input);
        return 0;
    }
}
