package io.userasset.events;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.userasset.events.TestSupport.accepted;
import static io.userasset.events.TestSupport.bytes;
import static io.userasset.events.TestSupport.json;
import static io.userasset.events.TestSupport.parser;
import static io.userasset.events.TestSupport.rejected;
import static io.userasset.events.TestSupport.render;
import static io.userasset.events.TestSupport.samples;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every committed sample is exercised: each valid one is accepted and maps to what
 * samples/valid/expected-events.json says; each invalid one is rejected with exactly the code and
 * path of samples/invalid/expected-rejections.json. A sample without a manifest entry (or an entry
 * without a sample) fails the build.
 */
class SamplesTest {

    private static final String VALID_MANIFEST = "expected-events.json";
    private static final String INVALID_MANIFEST = "expected-rejections.json";

    private static Set<String> files(Path dir, String manifest) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            Set<String> names = new TreeSet<>();
            s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals(manifest)).forEach(names::add);
            return names;
        }
    }

    private static Set<String> keys(JsonNode manifest) {
        Set<String> keys = new TreeSet<>();
        manifest.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void everyValidSampleHasAManifestEntryAndViceVersa() throws IOException {
        Path dir = samples("valid");
        assertThat(files(dir, VALID_MANIFEST)).isEqualTo(keys(json(dir.resolve(VALID_MANIFEST))));
    }

    @Test
    void everyInvalidSampleHasAManifestEntryAndViceVersa() throws IOException {
        Path dir = samples("invalid");
        assertThat(files(dir, INVALID_MANIFEST)).isEqualTo(keys(json(dir.resolve(INVALID_MANIFEST))));
    }

    @Test
    void theSamplesCoverEveryFormatAndNativeType() throws IOException {
        List<ParseResult> results = new ArrayList<>();
        for (String name : files(samples("valid"), VALID_MANIFEST)) {
            results.add(parser().parse(bytes(samples("valid").resolve(name))));
        }
        List<Event> events = results.stream().map(TestSupport::accepted).toList();
        assertThat(events.stream().map(Event::type)).contains(EventType.values());
        assertThat(events.stream().map(Event::format)).contains(Event.SourceFormat.values());
    }

    @Test
    void theInvalidSamplesCoverEveryInputRejectionCode() throws IOException {
        Set<String> codes = new TreeSet<>();
        json(samples("invalid").resolve(INVALID_MANIFEST)).forEach(e -> codes.add(e.get("code").asText()));
        for (RejectionCode code : RejectionCode.values()) {
            if (code == RejectionCode.INTERNAL_ERROR) continue; // a parser bug: no input is meant to produce it
            assertThat(codes).as("some invalid sample produces %s", code.wireName()).contains(code.wireName());
        }
    }

    @TestFactory
    Stream<DynamicTest> validSamplesAreAcceptedAndMapped() {
        Path dir = samples("valid");
        JsonNode manifest = json(dir.resolve(VALID_MANIFEST));
        List<DynamicTest> tests = new ArrayList<>();
        manifest.properties().forEach(entry -> tests.add(DynamicTest.dynamicTest(entry.getKey(), () -> {
            byte[] input = bytes(dir.resolve(entry.getKey()));
            Event fromBytes = accepted(parser().parse(input));
            assertThat(render(fromBytes)).as(entry.getKey()).isEqualTo(entry.getValue());
            Event fromText = accepted(parser().parse(new String(input, StandardCharsets.UTF_8)));
            assertThat(fromText).isEqualTo(fromBytes);
        })));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> invalidSamplesAreRejectedExactlyAsListed() {
        Path dir = samples("invalid");
        JsonNode manifest = json(dir.resolve(INVALID_MANIFEST));
        List<DynamicTest> tests = new ArrayList<>();
        manifest.properties().forEach(entry -> tests.add(DynamicTest.dynamicTest(entry.getKey(), () -> {
            String code = entry.getValue().get("code").asText();
            String path = entry.getValue().get("path").asText();
            assertThat(RejectionCode.fromWireName(code)).as("known code %s", code).isNotNull();
            byte[] input = bytes(dir.resolve(entry.getKey()));
            Rejection r = rejected(parser().parse(input));
            assertThat(r.code().wireName()).as("code of %s (%s)", entry.getKey(), r).isEqualTo(code);
            assertThat(r.path()).as("path of %s (%s)", entry.getKey(), r).isEqualTo(path);
            assertThat(r.message()).isNotBlank();
            if (!entry.getKey().endsWith(".bin")) { // text samples: the String entry point agrees
                Rejection fromText = rejected(parser().parse(new String(input, StandardCharsets.UTF_8)));
                assertThat(fromText.code()).isEqualTo(r.code());
                assertThat(fromText.path()).isEqualTo(r.path());
            }
        })));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> validSamplesConformToThePublishedSchemas() {
        Path dir = samples("valid");
        List<DynamicTest> tests = new ArrayList<>();
        json(dir.resolve(VALID_MANIFEST)).fieldNames().forEachRemaining(name -> tests.add(
                DynamicTest.dynamicTest(name, () -> {
                    JsonNode doc = json(dir.resolve(name));
                    for (String[] check : publishedSchemas(doc)) {
                        assertThat(ContractSchemas.validate(check[0], check[1].isEmpty() ? doc : doc.at(check[1])))
                                .as("%s against %s", name, check[0]).isEmpty();
                    }
                })));
        return tests.stream();
    }

    /** Which published schema(s) a valid document must satisfy: {schema name, JSON Pointer of the part}. */
    private static List<String[]> publishedSchemas(JsonNode doc) {
        if (doc.has("detail-type")) {
            List<String[]> checks = new ArrayList<>();
            checks.add(new String[] {"eventbridge/envelope", ""});
            JsonNode detail = doc.get("detail");
            if (!detail.has("eventId") && !detail.has("messageId")) return checks; // id comes from the envelope
            checks.add(new String[] {schemaFor(detail), "/detail"});
            return checks;
        }
        return List.<String[]>of(new String[] {schemaFor(doc), ""});
    }

    private static String schemaFor(JsonNode doc) {
        String type = doc.get("type").asText();
        boolean segment = EventParser.SEGMENT_TYPES.contains(type) && !doc.has("eventId");
        return segment ? "segment/" + type : "native/event";
    }
}
