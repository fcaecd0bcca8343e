package io.userasset.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userasset.config.ConfigLoader;
import io.userasset.events.ContractSchemas;
import io.userasset.local.input.DatedInput;
import io.userasset.local.input.JsonLinesReader;
import io.userasset.local.pipeline.InputRejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * replay: the public Segment spec's example payloads (as JSON Lines, the e-commerce .js calls turned
 * into the track payloads an SDK sends) mixed with malformed lines, through the whole pipeline.
 */
class ReplayTest {
    private static final Pattern TRACK_CALL =
            Pattern.compile("analytics\\.track\\(\\s*'([^']*)'\\s*,\\s*(\\{.*})\\s*\\)\\s*;?\\s*", Pattern.DOTALL);
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private static String compact(String file) throws IOException {
        return TestFiles.JSON.readTree(TestFiles.datasets().resolve("segment-spec").resolve(file).toFile()).toString();
    }

    /** analytics.track('Order Completed', {...}) as the track payload the SDK sends. */
    private static String track(String jsFile, String messageId, String userId, String timestamp) throws IOException {
        String js = Files.readString(TestFiles.datasets().resolve("segment-spec").resolve(jsFile)).trim();
        Matcher m = TRACK_CALL.matcher(js);
        assertThat(m.matches()).isTrue();
        ObjectNode p = TestFiles.JSON.createObjectNode();
        p.put("type", "track").put("event", m.group(1));
        p.set("properties", LENIENT.readTree(m.group(2)));
        p.put("messageId", messageId).put("userId", userId).put("timestamp", timestamp);
        return p.toString();
    }

    /** 19 lines: 9 Segment spec payloads, 1 native event, 2 blank, 6 the engine must reject, 1 not UTF-8. */
    private static Path events(Path dir) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        List<String> lines = List.of(
                compact("identify_complete_example.json"),                    // 1  2015-02-23
                compact("page_complete_example.json"),                        // 2  2015-02-23
                compact("alias_complete_example.json"),                       // 3  2015-02-23
                track("ecommerce_v2_order_completed.js", "ajs-oc-1", "97980cfea0067", "2015-02-23T23:00:00Z"), // 4
                track("ecommerce_v2_order_refunded.js", "ajs-or-1", "97980cfea0067", "2015-02-24T09:00:00Z"),  // 5
                "",                                                           // 6  blank
                compact("track_complete_example.json"),                       // 7  2015-12-12: after --as-of
                compact("common_fields_track_example.json"),                  // 8  2015-12-10: after --as-of
                "{\"eventId\":\"n-1\",\"type\":\"session_started\",\"userId\":\"u-native\",\"occurredAt\":\"2015-02-24T10:00:00Z\"}", // 9
                "   ",                                                        // 10 blank
                "{\"type\": \"track\", \"event\": \"Order Completed\"",       // 11 truncated JSON
                "this is not json",                                           // 12
                "[1, 2, 3]",                                                  // 13 not an object
                "{\"eventId\":\"n-2\",\"type\":\"order_payed\",\"userId\":\"u-native\",\"occurredAt\":\"2015-02-24T10:00:00Z\"}", // 14
                "{\"eventId\":\"n-3\",\"type\":\"session_started\",\"occurredAt\":\"2015-02-24T10:00:00Z\"}",                       // 15
                "{\"eventId\":\"n-4\",\"type\":\"session_started\",\"userId\":\"u-native\",\"occurredAt\":\"1989-12-31T23:00:00Z\"}"); // 16
        for (String line : lines) b.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        b.write(new byte[]{'{', '"', 'x', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});   // 17 invalid UTF-8
        b.write(compact("page_complete_example.json").getBytes(StandardCharsets.UTF_8));              // 18 the same page again
        b.write('\n');
        Path file = dir.resolve("events.jsonl");
        Files.write(file, b.toByteArray());
        return file;
    }

    @Test
    void readingPlacesEachLineOnItsDayAndKeepsUnplaceableLinesForTheEngine(@TempDir Path dir) throws IOException {
        DatedInput in = new DatedInput(LocalDate.parse("2015-02-24"), 300);
        new JsonLinesReader(ConfigLoader.defaults()).read(events(dir), in);
        in.seal();
        assertThat(in.lines()).isEqualTo(18);
        assertThat(in.blankLines()).isEqualTo(2);
        assertThat(in.rejections()).extracting(r -> r.origin() + " " + r.code()).containsExactly("events.jsonl:17 invalid_encoding");
        assertThat(in.holdoutEvents()).isEqualTo(2);       // the two December track examples
        assertThat(in.unplacedCount()).isEqualTo(6);       // lines 11–16: the engine will reject them
        assertThat(in.toSend()).isEqualTo(13);
        assertThat(in.firstDay()).isEqualTo(LocalDate.parse("2015-02-23"));
        assertThat(in.lastDay()).isEqualTo(LocalDate.parse("2015-02-24"));
        // held back: user AiUGstSDIg (track_complete_example) came back on 2015-12-12, within 300 days
        assertThat(in.truth("any activity").of("AiUGstSDIg").returned()).isTrue();
    }

    @Test
    void segmentSpecPayloadsAndMalformedLinesThroughThePipeline(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        TestFiles.Run run = TestFiles.cli("replay", "--events", events(dir).toString(), "--as-of", "2015-02-24",
                "--horizon-days", "300", "--out", out.toString(), "--no-progress");
        assertThat(run.exit()).as(run.stderr()).isZero();
        JsonNode summary = TestFiles.json(out.resolve("summary.json"));
        JsonNode events = summary.path("events");
        assertThat(events.path("sent").asLong()).isEqualTo(13);
        assertThat(events.path("rejected").asLong()).isEqualTo(6);
        assertThat(events.path("applied").asLong() + events.path("duplicate").asLong()).isEqualTo(7);
        // line 18 repeats line 2 (same messageId): one of the two is a duplicate. The engine also calls a
        // session "duplicate" when it changes nothing (an earlier visit on a day already active), which
        // depends on the order messages arrive in the batch: so 1 or 2.
        assertThat(events.path("duplicate").asLong()).isBetween(1L, 2L);
        assertThat(events.path("deadLettered").asLong()).isZero();
        assertThat(events.path("balanced").asBoolean()).isTrue();
        assertThat(events.path("inputRejected").asLong()).isEqualTo(1);
        assertThat(events.path("holdoutNotSent").asLong()).isEqualTo(2);

        List<JsonNode> rejected = TestFiles.lines(out.resolve("rejected.jsonl"));
        Map<String, String> byOrigin = new TreeMap<>();
        for (JsonNode r : rejected) byOrigin.put(r.path("origin").asText(), r.path("stage").asText() + " " + r.path("code").asText());
        assertThat(byOrigin).containsExactlyInAnyOrderEntriesOf(Map.of(
                "events.jsonl:11", "engine malformed_json",
                "events.jsonl:12", "engine malformed_json",
                "events.jsonl:13", "engine not_an_object",
                "events.jsonl:14", "engine unknown_type",
                "events.jsonl:15", "engine missing_identity",
                "events.jsonl:16", "engine timestamp_too_old",
                "events.jsonl:17", "input invalid_encoding"));
        assertThat(rejected).allSatisfy(r -> assertThat(r.path("message").asText()).isNotBlank());
        assertThat(run.stderr()).contains("rejected events.jsonl:14: unknown_type at /type");

        // users with activity: the Segment examples' user (identify, page, orders) and the native one; the alias
        // example's user only had ids linked, no event that makes a user part of the base (no snapshot row)
        List<JsonNode> profiles = TestFiles.lines(out.resolve("profiles.jsonl"));
        assertThat(profiles).extracting(p -> p.path("userId").asText()).containsExactlyInAnyOrder("97980cfea0067", "u-native");
        JsonNode buyer = profiles.stream().filter(p -> p.path("userId").asText().equals("97980cfea0067")).findFirst().orElseThrow();
        assertThat(buyer.path("orders").asLong()).isEqualTo(1);
        assertThat(buyer.path("netRevenue").asDouble()).isEqualTo(22.5 - 30, org.assertj.core.data.Offset.offset(1e-9));
        for (JsonNode p : profiles) assertThat(ContractSchemas.validate(ContractSchemas.SNAPSHOT_ROW, p)).isEmpty();
        assertThat(run.stdout()).containsPattern("13 sent = [56] applied \\+ [12] duplicate \\+ 6 rejected \\+ 0 dead-lettered");
    }

    @Test
    void blankFileIsAnErrorNotARun(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("empty.jsonl");
        Files.writeString(file, "\n\n   \n");
        TestFiles.Run run = TestFiles.cli("replay", "--events", file.toString(), "--out", dir.resolve("out").toString(), "--no-progress");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stderr()).contains("no event to run");
    }

    static Map<String, Long> count(List<InputRejection> rs) {
        return rs.stream().collect(Collectors.groupingBy(InputRejection::code, TreeMap::new, Collectors.counting()));
    }
}
