package io.userasset.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userasset.config.EngineConfig;
import io.userasset.domain.assessment.ModelSet;
import io.userasset.local.cost.CostReport;
import io.userasset.local.cost.PriceTable;
import io.userasset.local.output.Evaluation;
import io.userasset.local.output.Exporter;
import io.userasset.local.pipeline.InputRejection;
import io.userasset.local.pipeline.LocalPipeline;
import io.userasset.local.pipeline.LogTap;
import io.userasset.local.pipeline.OutboundEvent;
import io.userasset.local.pipeline.Timers;
import io.userasset.local.report.HtmlReport;
import io.userasset.local.report.ReportData;
import io.userasset.tables.ResourceCatalog;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One local run from input to report: the pipeline day by day over the feed's days, then the
 * exports, the holdout evaluation, the cost report, summary.json, report.html and the console summary.
 */
public final class LocalRun {

    /** The days of a run and the messages of each day, in event-time order. */
    public interface Feed {
        LocalDate firstDay();

        LocalDate lastDay();

        List<OutboundEvent> eventsOn(LocalDate day);
    }

    /**
     * How to run: where outputs go, the engine configuration, the price table, pipeline settings,
     * whether to draw a progress bar, the console streams and how many rejections to print.
     */
    public record Options(Path out, EngineConfig config, PriceTable prices, LocalPipeline.Settings settings,
                          boolean progress, PrintStream stdout, PrintStream stderr, int showRejections) {}

    /**
     * What is run: the mode ("demo", "replay", "import-orders"), a title, the command line for the
     * record, facts about the input for the summary, the input's own rejections (found before
     * sending), the held-back truth (or null) and, for the demo, extra report sections.
     */
    public record Job(String mode, String title, String command, ObjectNode input, List<InputRejection> inputRejections,
                      Evaluation.GroundTruth truth, ReportData.Demo demo, long holdoutEventsNotSent,
                      Consumer<Exporter> extraFiles) {}

    public record Result(ObjectNode summary, Path report) {}

    private LocalRun() {}

    public static Result run(Options o, Job job, Feed feed) {
        Exporter.clean(o.out());
        Timers timers = new Timers();
        List<InputRejection> rejections = new ArrayList<>();
        int[] printed = {0};
        Map<String, Integer> rejectionCodes = new TreeMap<>();
        Consumer<InputRejection> report = r -> {
            rejections.add(r);
            rejectionCodes.merge(r.stage() + ":" + r.code(), 1, Integer::sum);
            if (printed[0] < o.showRejections()) o.stderr().println("rejected " + r.describe());
            else if (printed[0] == o.showRejections()) o.stderr().println("… more rejections: see rejected.jsonl");
            printed[0]++;
        };
        job.inputRejections().forEach(report);

        EngineConfig config = o.config();
        LocalDate first = feed.firstDay();
        LocalDate last = feed.lastDay();
        int dayCount = (int) (last.toEpochDay() - first.toEpochDay() + 1);
        LogTap log = LogTap.toFile(o.out().resolve("logs.jsonl"));
        ObjectNode summary;
        Path reportFile = o.out().resolve("report.html");
        try (LocalPipeline pipeline = new LocalPipeline(config, o.settings(), first, log, timers)) {
            try (ProgressBar bar = progressBar(o, job, dayCount)) {
                List<OutboundEvent> today = feed.eventsOn(first);
                for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                    List<OutboundEvent> next = day.equals(last) ? null : feed.eventsOn(day.plusDays(1));
                    pipeline.runDay(day, today, next, report);
                    today = next;
                    if (bar != null) {
                        bar.step();
                        bar.setExtraMessage(day + " · " + String.format("%,d", pipeline.sent()) + " events");
                    }
                }
            }
            pipeline.finish();
            log.flush();

            Exporter exporter = new Exporter(pipeline.cloud(), o.out());
            long exportStart = System.nanoTime();
            List<JsonNode> profiles = exporter.copySnapshots(last);
            exporter.writeLines("profiles.jsonl", profiles);
            Map<LocalDate, JsonNode> metrics = exporter.copyMetrics();
            ModelSet models = exporter.models(last);
            ObjectNode model = models == null ? null : exporter.writeModel(models);
            List<JsonNode> actions = sortBy(exporter.drainBus(ResourceCatalog.LOCAL_ACTIONS), "day", "actionId");
            List<JsonNode> alerts = sortBy(exporter.drainBus(ResourceCatalog.LOCAL_ALERTS), "day", "alertId");
            exporter.writeLines("actions.jsonl", actions);
            exporter.writeLines("alerts.jsonl", alerts);
            exporter.writeLines("rejected.jsonl", rejections.stream().map(InputRejection::toJson).toList());
            if (job.extraFiles() != null) job.extraFiles().accept(exporter);
            long deadLettered = pipeline.deadLettered(ResourceCatalog.INGEST);
            if (deadLettered > 0) {
                List<JsonNode> dead = new ArrayList<>();
                for (String body : exporter.peekDlq(ResourceCatalog.INGEST)) dead.add(JsonNodeFactory.instance.textNode(body));
                exporter.writeLines("dead-lettered.jsonl", dead);
            }
            Evaluation.Result evaluation = null;
            if (job.truth() != null && models != null) {
                int windowWeeks = (config.rfm().windowDays() + 6) / 7;
                evaluation = Evaluation.evaluate(profiles, exporter.profiles(windowWeeks), models, config, last, job.truth());
            }
            timers.add("export", System.nanoTime() - exportStart);

            CostReport cost = CostReport.of(usage(pipeline), o.prices(), pipeline.sent());
            summary = summary(o, job, pipeline, first, last, dayCount, profiles, metrics, model, actions, alerts,
                    rejectionCodes, deadLettered, evaluation, cost);
            ReportData data = new ReportData(job.title(), job.mode(), first, last, summary, metrics, profiles, model,
                    actions, alerts, evaluation, job.demo(), exporter::forEachSnapshotRow);
            timers.time("report", () -> exporter.writeText("report.html", HtmlReport.render(data)));
            ObjectNode timing = summary.putObject("timing");
            timing.put("totalSeconds", round1(timers.totalSeconds()));
            ObjectNode phases = timing.putObject("phases");
            timers.seconds().forEach((k, v) -> phases.put(k, round1(v)));
            exporter.writeJson("summary.json", summary);
        }
        o.stdout().print(ConsoleSummary.render(summary, o.out()));
        o.stdout().flush();
        return new Result(summary, reportFile);
    }

    private static ProgressBar progressBar(Options o, Job job, int days) {
        if (!o.progress()) return null;
        return new ProgressBarBuilder().setTaskName(job.mode()).setInitialMax(days).setUnit(" days", 1)
                .setStyle(ProgressBarStyle.ASCII).showSpeed().setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(o.stderr())).build();
    }

    private static List<JsonNode> sortBy(List<JsonNode> rows, String first, String second) {
        List<JsonNode> out = new ArrayList<>(rows);
        out.sort(Comparator.comparing((JsonNode n) -> n.path(first).asText()).thenComparing(n -> n.path(second).asText()));
        return out;
    }

    private static CostReport.Usage usage(LocalPipeline p) {
        Map<String, CostReport.FunctionUsage> lambda = new LinkedHashMap<>();
        p.functions().forEach((name, f) -> lambda.put(name, new CostReport.FunctionUsage(f.invocations(), f.seconds(), f.spec.memoryMb())));
        var capacity = p.engine().capacity();
        return new CostReport.Usage(capacity.writeUnits(), capacity.readUnits(), capacity.requestsByOperation(),
                p.sqsRequests().byOperation(), p.s3Requests().byOperation(), p.actionsPublished().events() + p.alertsPublished().events(),
                p.actionsPublished().putEventsCalls() + p.alertsPublished().putEventsCalls(), lambda);
    }

    private static ObjectNode summary(Options o, Job job, LocalPipeline p, LocalDate first, LocalDate last, int days,
                                      List<JsonNode> profiles, Map<LocalDate, JsonNode> metrics, ObjectNode model,
                                      List<JsonNode> actions, List<JsonNode> alerts, Map<String, Integer> rejectionCodes,
                                      long deadLettered, Evaluation.Result evaluation, CostReport cost) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode s = f.objectNode();
        s.put("mode", job.mode());
        s.put("title", job.title());
        s.put("command", job.command());
        s.set("input", job.input());
        ObjectNode period = s.putObject("period");
        period.put("firstDay", first.toString());
        period.put("lastDay", last.toString());
        period.put("days", days);
        period.put("dailyJobs", metrics.size());
        if (job.truth() != null) period.put("holdoutDays", job.truth().horizonDays());

        LogTap log = p.log();
        ObjectNode events = s.putObject("events");
        LocalPipeline.Accounting accounting = p.accounting();
        events.put("sent", accounting.sent());
        events.put("applied", accounting.applied());
        events.put("duplicate", accounting.duplicate());
        events.put("rejected", accounting.rejected());
        events.put("deadLettered", accounting.deadLettered());
        events.put("inDeadLetterQueue", deadLettered);
        // Refused before sending: lines the runner could not turn into a message, or that SQS refused.
        long inputRejected = rejectionCodes.entrySet().stream().filter(e -> e.getKey().startsWith(InputRejection.INPUT + ":"))
                .mapToLong(Map.Entry::getValue).sum();
        events.put("inputRejected", inputRejected);
        events.put("holdoutNotSent", job.holdoutEventsNotSent());
        events.put("retriedAttempts", log.failedAttempts.get());
        events.put("appliedLate", log.late.get());
        events.put("profileWrites", log.profilesWritten.get());
        events.put("balanced", accounting.balanced() && accounting.deadLettered() == deadLettered);
        ObjectNode codes = events.putObject("rejectionsByCode");
        rejectionCodes.forEach(codes::put);

        JsonNode lastMetrics = metrics.isEmpty() ? null : metrics.get(last);
        ObjectNode users = s.putObject("users");
        users.put("profiles", profiles.size());
        if (lastMetrics != null) {
            users.put("customers", lastMetrics.path("customers").asLong());
            users.put("dau", lastMetrics.path("dau").asLong());
            users.put("mau", lastMetrics.path("mau").asLong());
            users.set("stage", lastMetrics.path("distributions").path("stage"));
            users.set("segment11", lastMetrics.path("distributions").path("segment11"));
            users.set("tier", lastMetrics.path("distributions").path("tier"));
            users.set("riskLevel", lastMetrics.path("distributions").path("riskLevel"));
        }

        ObjectNode act = s.putObject("actions");
        act.put("published", actions.size());
        ObjectNode byType = act.putObject("byType");
        Map<String, Integer> types = new TreeMap<>();
        for (JsonNode a : actions) types.merge(a.path("type").asText(), 1, Integer::sum);
        types.forEach(byType::put);
        ObjectNode outcomes = act.putObject("attributed");
        Map<String, long[]> sums = new TreeMap<>();
        for (JsonNode m : metrics.values()) {
            m.path("actions").fields().forEachRemaining(e -> {
                long[] x = sums.computeIfAbsent(e.getKey(), k -> new long[4]);
                x[0] += e.getValue().path("treated").asLong();
                x[1] += e.getValue().path("treatedConverted").asLong();
                x[2] += e.getValue().path("holdout").asLong();
                x[3] += e.getValue().path("holdoutConverted").asLong();
            });
        }
        sums.forEach((type, x) -> {
            ObjectNode t = outcomes.putObject(type);
            t.put("treated", x[0]);
            t.put("treatedConverted", x[1]);
            t.put("holdout", x[2]);
            t.put("holdoutConverted", x[3]);
        });

        ObjectNode al = s.putObject("alerts");
        al.put("published", alerts.size());
        ObjectNode byRule = al.putObject("byRule");
        Map<String, Integer> rules = new TreeMap<>();
        for (JsonNode a : alerts) rules.merge(a.path("rule").asText(), 1, Integer::sum);
        rules.forEach(byRule::put);

        if (model != null) {
            ObjectNode m = s.putObject("model");
            m.set("bgnbd", model.get("bgnbd"));
            m.set("gammaGamma", model.get("gammaGamma"));
        }
        if (evaluation != null) s.set("evaluation", evaluation.toJson());
        ObjectNode c = cost.toJson();
        ObjectNode settings = c.putObject("localSettings");
        settings.put("ingestBatchSize", o.settings().ingestBatchSize());
        settings.put("dailySegments", o.settings().segments());
        settings.put("streamBatchSize", o.settings().streamBatchSize());
        settings.put("eventsPerMessage", o.settings().eventsPerMessage());
        ArrayNode notes = c.putArray("notes");
        notes.add("Measured on the local run: DynamoDB units as DynamoDB Local reported them (ReturnConsumedCapacity), "
                + "SQS and S3 requests counted at the engine's and pollers' clients, EventBridge events = actions and alerts published, "
                + "Lambda GB-seconds = handler wall time here × the catalog's memory size (Lambda's own CPU will differ).");
        notes.add("Ingest batches of up to " + o.settings().ingestBatchSize() + " messages coalesce writes per user; the deployed "
                + "event source uses batches of 100 within a 5 s window, which coalesces less: rerun with --batch-size 100 to project that.");
        notes.add("Events were sent " + o.settings().eventsPerMessage() + " to a message (a JSON array), as a batching producer "
                + "sends them; an app that sends one event per message pays about that many times the SQS requests: rerun with "
                + "--events-per-message 1 to project that.");
        s.set("cost", c);
        return s;
    }

    static double round1(double x) {
        return Math.round(x * 10) / 10.0;
    }
}
