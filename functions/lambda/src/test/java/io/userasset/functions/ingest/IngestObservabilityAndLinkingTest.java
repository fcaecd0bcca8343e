package io.userasset.functions.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userasset.events.ProfileKey;
import io.userasset.functions.LocalEngine;
import io.userasset.localcloud.LocalCloud;
import io.userasset.observability.EmfMetrics;
import io.userasset.observability.JsonLog;
import io.userasset.ports.StoredProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IngestObservabilityAndLinkingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalCloud cloud;
    private static LocalEngine local;
    private static SqsIngestHandler handler;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start();
        local = new LocalEngine(cloud);
        handler = new SqsIngestHandler(local.engine);
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void everyBatchEmitsItsOutcomesAsEmbeddedMetricsAndOneStructuredLogLine() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(captured, true, StandardCharsets.UTF_8);
        EmfMetrics.sendTo(sink);
        JsonLog.sendTo(sink);
        try {
            Instant at = LocalEngine.NOW.minus(Duration.ofHours(2));
            handler.handleRequest(EventJson.sqs(List.of(
                    sent("obs-1", "session_started", "obs-user", null, at, "{}"),
                    new EventJson.Sent("redelivered", EventJson.event("obs-1", "session_started", "obs-user", null, at, "{}"),
                            at),   // the same event again, in another message
                    new EventJson.Sent("obs-bad", "{\"type\":\"order_paid\"}", at))), null);
        } finally {
            EmfMetrics.sendTo(System.out);
            JsonLog.sendTo(System.out);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String l : captured.toString(StandardCharsets.UTF_8).split("\n")) if (!l.isBlank()) lines.add(JSON.readTree(l));

        JsonNode emf = lines.stream().filter(l -> l.has("_aws")).findFirst().orElseThrow();
        JsonNode directive = emf.at("/_aws/CloudWatchMetrics/0");
        assertThat(directive.get("Namespace").asText()).isEqualTo("test");
        assertThat(directive.at("/Dimensions/0/0").asText()).isEqualTo("Function");
        assertThat(emf.get("Function").asText()).isEqualTo("ingest-sqs");
        assertThat(emf.get("EventsApplied").asLong()).isEqualTo(1);
        assertThat(emf.get("EventsDuplicate").asLong()).isEqualTo(1);
        assertThat(emf.get("EventsRejected").asLong()).isEqualTo(1);
        assertThat(emf.get("EventsFailed").asLong()).isZero();
        assertThat(emf.get("BatchLatency").asDouble()).isPositive();
        List<String> declared = new ArrayList<>();
        directive.get("Metrics").forEach(m -> declared.add(m.get("Name").asText()));
        assertThat(declared).contains("EventsApplied", "EventsDuplicate", "EventsRejected", "EventsFailed", "BatchLatency");

        JsonNode log = lines.stream().filter(l -> "batch ingested".equals(l.path("message").asText())).findFirst().orElseThrow();
        assertThat(log.get("level").asText()).isEqualTo("INFO");
        assertThat(log.get("records").asInt()).isEqualTo(3);
        assertThat(log.get("rejected").asInt()).isEqualTo(1);
        // no payloads in logs: the rejected body's content appears nowhere
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("\\\"type\\\":\\\"order_paid\\\"");
    }

    @Test
    void identifyMergesTheAnonymousHistoryOnceAndLaterAnonymousEventsFollowTheUser() {
        Instant t0 = LocalEngine.NOW.minus(Duration.ofDays(3));
        handler.handleRequest(EventJson.sqs(List.of(
                sent("a1", "session_started", null, "anon-42", t0, "{}"),
                sent("a2", "order_paid", null, "anon-42", t0.plusSeconds(60),
                        "{\"orderId\":\"anon-order\",\"amount\":25.00,\"currency\":\"USD\"}"))), null);
        List<EventJson.Sent> link = List.of(
                sent("r1", "user_registered", "linked-user", null, t0.plus(Duration.ofDays(1)), "{\"channel\":\"organic\"}"),
                sent("i1", "identify", "linked-user", "anon-42", t0.plus(Duration.ofDays(1)).plusSeconds(5), "{}"));
        handler.handleRequest(EventJson.sqs(link), null);
        handler.handleRequest(EventJson.sqs(link), null); // redelivered: merged once
        handler.handleRequest(EventJson.sqs(List.of(
                sent("a3", "order_paid", null, "anon-42", t0.plus(Duration.ofDays(2)),
                        "{\"orderId\":\"after-link\",\"amount\":10.00,\"currency\":\"USD\"}"))), null);

        StoredProfile user = local.profileStore().loadLatest(ProfileKey.user("linked-user"));
        assertThat(user.facts().orders()).isEqualTo(2);
        assertThat(user.facts().grossMilli()).isEqualTo(35_000);
        assertThat(user.facts().activeOn((int) java.time.LocalDate.ofInstant(t0, java.time.ZoneOffset.UTC).toEpochDay())).isTrue();
        assertThat(user.facts().linkedAnonymousCount()).isEqualTo(1);
        StoredProfile tombstone = local.profileStore().loadLatest(ProfileKey.anonymous("anon-42"));
        assertThat(tombstone.facts().mergedInto()).isEqualTo("linked-user");
        assertThat(tombstone.facts().orders()).isZero();
        assertThat(tombstone.expiresAtEpochSecond()).isNotNull();
    }

    private static EventJson.Sent sent(String id, String type, String user, String anonymous, Instant at, String properties) {
        return new EventJson.Sent(id + "-" + type, EventJson.event(id, type, user, anonymous, at, properties), at);
    }
}
