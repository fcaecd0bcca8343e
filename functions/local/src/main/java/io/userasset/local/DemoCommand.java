package io.userasset.local;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userasset.local.demo.DemoPopulation;
import io.userasset.local.output.Evaluation;
import io.userasset.local.pipeline.OutboundEvent;
import io.userasset.local.report.ReportData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs a generated population with known ground truth (loyal, stock-up, deal-hunter, KOC, "
                + "silent-churner and casual users from five channels) and checks the engine's predictions "
                + "against a held-back period.")
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    CommonOptions common;

    @Option(names = "--users", defaultValue = "2000", description = "Users (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--days", defaultValue = "60", description = "Days the pipeline runs (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--holdout-days", defaultValue = "30", description = "Days generated after the run and held back to judge predictions (default: ${DEFAULT-VALUE}).")
    int holdoutDays;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed: same seed, same population (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", defaultValue = "2026-03-02", description = "First day (default: ${DEFAULT-VALUE}).")
    LocalDate start;

    @Override
    public Integer call() {
        if (users < 1 || days < 2 || holdoutDays < 1) throw new IllegalArgumentException("--users ≥ 1, --days ≥ 2, --holdout-days ≥ 1");
        DemoPopulation population = DemoPopulation.generate(users, days, holdoutDays, seed, start);
        Map<String, Evaluation.Outcome> outcomes = new LinkedHashMap<>();
        population.holdout().forEach((id, h) -> outcomes.put(id, new Evaluation.Outcome(h.returned(), h.purchaseDays(), h.revenue())));
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.put("users", users);
        input.put("days", days);
        input.put("holdoutDays", holdoutDays);
        input.put("seed", seed);
        input.put("messages", population.eventCount());
        var injected = population.injected();
        input.put("malformedOnPurpose", injected.malformed());
        input.put("invalidOnPurpose", injected.invalid());
        input.put("deliveredTwiceOnPurpose", injected.duplicates());
        LocalRun.Job job = new LocalRun.Job("demo", String.format("demo, %,d users × %d days (seed %d)", users, days, seed),
                main.commandLine(), input, List.of(),
                new Evaluation.GroundTruth(holdoutDays, "any activity", outcomes),
                new ReportData.Demo(population.truth(), population.promoDays()), 0,
                exporter -> exporter.writeLines("ground-truth.jsonl", groundTruth(population)));
        LocalRun.Options options = common.options("out/demo", main.out, main.err);
        LocalRun.run(options, job, new LocalRun.Feed() {
            public LocalDate firstDay() { return population.firstDay(); }
            public LocalDate lastDay() { return population.lastDay(); }
            public List<OutboundEvent> eventsOn(LocalDate day) { return population.eventsOn(day); }
        });
        return 0;
    }

    /** ground-truth.jsonl: what the pipeline never saw — archetype, true churn day, the held-back period. */
    static List<ObjectNode> groundTruth(DemoPopulation population) {
        List<ObjectNode> rows = new java.util.ArrayList<>();
        population.truth().forEach((id, t) -> {
            ObjectNode row = JsonNodeFactory.instance.objectNode();
            row.put("userId", id);
            row.put("archetype", t.archetype().id);
            row.put("channel", t.channel());
            row.put("signupDay", t.signupDay().toString());
            row.put("churnDay", t.churnDay() == null ? null : t.churnDay().toString());
            row.put("sdk", t.sdk());
            var h = population.holdout().get(id);
            row.putObject("holdout").put("returned", h.returned()).put("purchaseDays", h.purchaseDays()).put("revenue", h.revenue());
            rows.add(row);
        });
        return rows;
    }
}
