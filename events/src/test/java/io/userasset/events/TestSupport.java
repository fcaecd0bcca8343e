package io.userasset.events;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shared fixtures: the fixed clock, the project's directories, sample I/O and an Event → JSON rendering. */
final class TestSupport {

    /** The fixed "now" of every test: samples are written against it. */
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final ObjectMapper JSON = new ObjectMapper();

    private static EventParser defaultParser;

    private TestSupport() {}

    /** A parser with the documented default settings and the fixed clock. */
    static synchronized EventParser parser() {
        if (defaultParser == null) defaultParser = new EventParser(ParserSettings.defaults(), CLOCK);
        return defaultParser;
    }

    /**
     * The Maven multi-module root: surefire passes it as {@code userasset.projectRoot}; otherwise (e.g.
     * an IDE run) walk up from the working directory to the directory holding events/samples.
     */
    static Path projectRoot() {
        String property = System.getProperty("userasset.projectRoot");
        if (property != null && !property.isBlank() && Files.isDirectory(Path.of(property, "events", "samples"))) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("events").resolve("samples"))) return dir;
        }
        throw new IllegalStateException("cannot locate the project root (no events/samples above "
                + Path.of("").toAbsolutePath() + "); set -Duserasset.projectRoot");
    }

    static Path samples(String kind) {
        return projectRoot().resolve("events").resolve("samples").resolve(kind);
    }

    /** The shared real datasets, next to the project root: ../shared/datasets. */
    static Path datasets() {
        Path dir = projectRoot().resolve("..").resolve("shared").resolve("datasets").normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("the shared datasets are missing: expected " + dir
                    + " (../shared/datasets relative to the project root)");
        }
        return dir;
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Event accepted(ParseResult result) {
        if (result instanceof ParseResult.Accepted a) return a.event();
        throw new AssertionError("expected an accepted event but got " + result);
    }

    static Rejection rejected(ParseResult result) {
        if (result instanceof ParseResult.Rejected r) return r.rejection();
        throw new AssertionError("expected a rejection but got " + result);
    }

    /** The event as the samples' manifest writes it: amounts as "22.500 USD", dates and instants ISO. */
    static ObjectNode render(Event e) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("format", e.format().name());
        o.put("type", e.type().wireName());
        o.put("eventId", e.eventId());
        o.put("userId", e.userId());
        o.put("anonymousId", e.anonymousId());
        o.put("occurredAt", e.occurredAt().toString());
        ObjectNode payload = o.putObject("payload");
        for (RecordComponent c : e.payload().getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(e.payload());
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
            if (v == null) payload.putNull(c.getName());
            else if (v instanceof Money m) payload.put(c.getName(), m.amount().toPlainString() + " " + m.currency());
            else if (v instanceof LocalDate || v instanceof String) payload.put(c.getName(), v.toString());
            else throw new IllegalStateException("unrendered payload value " + v);
        }
        return o;
    }

    private static final Pattern TRACK_CALL =
            Pattern.compile("analytics\\.track\\(\\s*'([^']*)'\\s*,\\s*(\\{.*})\\s*\\)\\s*;?\\s*", Pattern.DOTALL);
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    /**
     * The JSON track payload an analytics SDK emits for a published {@code analytics.track('Name', {...})}
     * call (the e-commerce spec examples): the object literal becomes {@code properties}, the SDK adds
     * type, messageId, ids and timestamps.
     */
    static ObjectNode trackPayloadFromJs(Path jsFile, String messageId, String userId, String anonymousId,
                                         String timestamp) {
        String js = new String(bytes(jsFile), StandardCharsets.UTF_8).trim();
        Matcher m = TRACK_CALL.matcher(js);
        if (!m.matches()) throw new IllegalStateException("not an analytics.track call: " + jsFile);
        ObjectNode properties;
        try {
            properties = (ObjectNode) LENIENT.readTree(m.group(2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("type", "track");
        payload.put("event", m.group(1));
        payload.set("properties", properties);
        payload.put("messageId", messageId);
        if (anonymousId != null) payload.put("anonymousId", anonymousId);
        if (userId != null) payload.put("userId", userId);
        payload.putObject("context").putObject("library").put("name", "analytics.js").put("version", "2.11.1");
        payload.put("originalTimestamp", timestamp);
        payload.put("sentAt", timestamp);
        payload.put("receivedAt", timestamp);
        payload.put("timestamp", timestamp);
        return payload;
    }

    static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BigDecimal dec(String s) {
        return new BigDecimal(s);
    }
}
