package io.userasset.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.userasset.events.ContractSchemas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** A small demo end to end: every output exists and validates, the counts add up, the report renders in Chromium. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoEndToEndTest {
    static final List<String> CHARTS = List.of("stages", "segments", "flow", "retention", "activity", "alerts", "ltv-cac",
            "uplift", "roc", "clv", "archetypes", "cost");

    Path out;
    TestFiles.Run run;
    JsonNode summary;

    @BeforeAll
    void runDemo() throws IOException {
        out = Paths.get("target", "demo-test").toAbsolutePath();
        run = TestFiles.cli("demo", "--users", "200", "--days", "20", "--holdout-days", "14", "--seed", "7",
                "--out", out.toString(), "--no-progress", "--show-rejections", "3");
        assertThat(run.exit()).as(run.stderr()).isZero();
        summary = TestFiles.json(out.resolve("summary.json"));
    }

    @Test
    void everyOutputIsWritten() {
        for (String f : List.of("profiles.jsonl", "model.json", "actions.jsonl", "alerts.jsonl", "rejected.jsonl", "summary.json",
                "report.html", "logs.jsonl", "ground-truth.jsonl")) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        for (int d = 0; d < 20; d++) {
            String day = java.time.LocalDate.parse("2026-03-02").plusDays(d).toString();
            assertThat(out.resolve("metrics").resolve(day + ".json")).isRegularFile();
            assertThat(out.resolve("snapshots").resolve("dt=" + day)).isDirectory();
        }
    }

    @Test
    void snapshotRowsActionsAndAlertsValidateAgainstTheContract() throws IOException {
        List<JsonNode> profiles = TestFiles.lines(out.resolve("profiles.jsonl"));
        assertThat(profiles).hasSize(200);
        for (JsonNode row : profiles) assertThat(ContractSchemas.validate(ContractSchemas.SNAPSHOT_ROW, row)).as(row.toString()).isEmpty();
        try (Stream<Path> parts = Files.walk(out.resolve("snapshots"))) {
            List<Path> files = parts.filter(p -> p.toString().endsWith(".jsonl.gz")).toList();
            assertThat(files).hasSizeGreaterThanOrEqualTo(20);
            for (Path part : files) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(part))) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        if (!line.isBlank()) assertThat(ContractSchemas.validate(ContractSchemas.SNAPSHOT_ROW, line)).isEmpty();
                    }
                }
            }
        }
        List<JsonNode> actions = TestFiles.lines(out.resolve("actions.jsonl"));
        assertThat(actions).isNotEmpty();
        for (JsonNode a : actions) assertThat(ContractSchemas.validate(ContractSchemas.ACTION, a)).as(a.toString()).isEmpty();
        for (JsonNode a : TestFiles.lines(out.resolve("alerts.jsonl"))) {
            assertThat(ContractSchemas.validate(ContractSchemas.ALERT, a)).as(a.toString()).isEmpty();
        }
        JsonNode model = TestFiles.json(out.resolve("model.json"));
        for (String k : List.of("r", "alpha", "a", "b", "timeUnit", "logLikelihood", "converged")) assertThat(model.path("bgnbd").has(k)).as(k).isTrue();
        for (String k : List.of("p", "q", "gamma")) assertThat(model.path("gammaGamma").has(k)).as(k).isTrue();
        assertThat(model.path("bgnbd").path("timeUnit").asText()).isEqualTo("7 days");
    }

    @Test
    void everyEventSentEndsExactlyOnce() {
        JsonNode e = summary.path("events");
        long sent = e.path("sent").asLong();
        assertThat(sent).isEqualTo(summary.path("input").path("messages").asLong());
        assertThat(e.path("applied").asLong() + e.path("duplicate").asLong() + e.path("rejected").asLong() + e.path("deadLettered").asLong())
                .isEqualTo(sent);
        assertThat(e.path("balanced").asBoolean()).isTrue();
        // what was broken on purpose is rejected by the engine, each with its reason
        long planned = summary.path("input").path("malformedOnPurpose").asLong() + summary.path("input").path("invalidOnPurpose").asLong();
        assertThat(e.path("rejected").asLong()).isEqualTo(planned).isPositive();
        assertThat(TestFiles.lines(out.resolve("rejected.jsonl"))).hasSize((int) planned)
                .allSatisfy(r -> assertThat(r.path("origin").asText()).startsWith("demo 2026-"));
        assertThat(e.path("duplicate").asLong()).isGreaterThanOrEqualTo(summary.path("input").path("deliveredTwiceOnPurpose").asLong());
    }

    @Test
    void costFiguresArePresent() {
        JsonNode c = summary.path("cost");
        assertThat(c.path("dynamodb").path("writeUnits").asDouble()).isPositive();
        assertThat(c.path("dynamodb").path("readUnits").asDouble()).isPositive();
        assertThat(c.path("dynamodb").path("requestsByOperation").path("PutItem").asLong()).isPositive();
        assertThat(c.path("sqs").path("requestsByOperation").path("SendMessageBatch").asLong()).isPositive();
        assertThat(c.path("sqs").path("requestsByOperation").path("ReceiveMessage").asLong()).isPositive();
        assertThat(c.path("s3").path("putClassRequests").asLong()).isPositive();
        assertThat(c.path("eventbridge").path("events").asLong()).isEqualTo(summary.path("actions").path("published").asLong()
                + summary.path("alerts").path("published").asLong());
        assertThat(c.path("lambda").path("byFunction").path("ingest-sqs").path("invocations").asLong()).isEqualTo(20);
        assertThat(c.path("lambda").path("byFunction").path("daily-coordinator").path("invocations").asLong()).isEqualTo(20);
        assertThat(c.path("lambda").path("byFunction").path("daily-worker").path("invocations").asLong()).isGreaterThanOrEqualTo(40);
        assertThat(c.path("lambda").path("gbSeconds").asDouble()).isPositive();
        assertThat(c.path("projected").path("perMillionEventsUsd").asDouble()).isPositive();
        assertThat(c.path("prices").path("recorded").asText()).isNotBlank();
        assertThat(run.stdout()).contains("projected AWS cost ≈ $").contains("per million events");
        assertThat(summary.path("evaluation").path("churnRisk").path("rocAuc").asDouble()).isBetween(0.5, 1.0);
    }

    @Test
    void reportRendersEveryChartInHeadlessChromium() throws Exception {
        Path chromium = chromium();
        Path report = out.resolve("report.html");
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> common = List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile);
        List<String> dump = new ArrayList<>(common);
        dump.add("--dump-dom");
        dump.add(report.toUri().toString());
        String dom = exec(dump, out.resolve("chromium-dom.log"));
        Map<String, Integer> drawn = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<svg[^>]*class=\"chart\"[^>]*data-chart=\"([\\w-]+)\"[^>]*>(.*?)</svg>", Pattern.DOTALL).matcher(dom);
        while (m.find()) drawn.put(m.group(1), count(m.group(2), "<(rect|path|circle|line)\\b"));
        assertThat(drawn.keySet()).containsAll(CHARTS);
        for (String chart : CHARTS) assertThat(drawn.get(chart)).as("shapes drawn in chart " + chart).isGreaterThanOrEqualTo(3);
        assertThat(dom).contains("data-table=\"recall\"").contains("data-table=\"archetypes\"");
        // self-contained: no script, no stylesheet or image fetched from anywhere
        assertThat(dom).doesNotContain("<script").doesNotContain("<link").doesNotContainPattern("(src|href)=\"(https?:)?//");

        Path shot = Paths.get("target", "report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        List<String> screenshot = new ArrayList<>(common);
        screenshot.add("--screenshot=" + shot);
        screenshot.add("--window-size=1280,2400");
        screenshot.add(report.toUri().toString());
        exec(screenshot, out.resolve("chromium-shot.log"));
        assertThat(shot).isRegularFile();
        assertThat(Files.size(shot)).isGreaterThan(50_000);
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    /** Debian's chromium (CI installs it); without it the test fails, it does not skip. */
    private static Path chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Paths.get(candidate))) return Paths.get(candidate);
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                Path p = Paths.get(dir, "chromium");
                if (Files.isExecutable(p)) return p;
            }
        }
        return fail("Chromium is not installed: the report rendering test needs headless Chromium "
                + "(Debian: apt-get install -y chromium; .ci/run installs it).");
    }

    private static String exec(List<String> command, Path log) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        byte[] stdout = p.getInputStream().readAllBytes();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish in 90 s: " + command);
        }
        assertThat(p.exitValue()).as("chromium exit code (log: " + log + ")").isZero();
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
