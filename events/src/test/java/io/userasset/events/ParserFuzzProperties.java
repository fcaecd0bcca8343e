package io.userasset.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Fuzzing: for arbitrary bytes, for byte-level mutations of the valid samples and for structural
 * mutations of their JSON, {@code parse} never throws, always answers Accepted or Rejected, and every
 * accepted event satisfies the contract's invariants.
 */
class ParserFuzzProperties {

    private static final EventParser PARSER = TestSupport.parser();
    private static final Instant LATEST = TestSupport.NOW.plus(ParserSettings.defaults().maxFutureSkew());
    private static final Instant EARLIEST = ParserSettings.defaults().earliest();
    private static List<byte[]> validSamples;
    private static List<ObjectNode> validTrees;
    private static List<ObjectNode> nativeTrees;

    @BeforeContainer
    static void loadSamples() throws IOException {
        Path dir = TestSupport.samples("valid");
        validSamples = new ArrayList<>();
        validTrees = new ArrayList<>();
        nativeTrees = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().startsWith("expected")).sorted().toList()) {
                validSamples.add(Files.readAllBytes(f));
                validTrees.add((ObjectNode) TestSupport.json(f));
                if (f.getFileName().toString().startsWith("native-")) nativeTrees.add((ObjectNode) TestSupport.json(f));
            }
        }
    }

    // ------------------------------------------------------------------ properties

    @Property(tries = 1000)
    void arbitraryBytesNeverThrow(@ForAll byte[] input) {
        check(input);
    }

    @Property(tries = 1000)
    void jsonLookingGarbageNeverThrows(@ForAll("jsonish") String input) {
        check(input.getBytes(StandardCharsets.UTF_8));
        checkText(input);
    }

    @Property(tries = 1500)
    void byteMutationsOfValidSamplesNeverThrow(@ForAll("mutatedSamples") byte[] input) {
        check(input);
    }

    @Property(tries = 1500)
    void structuralMutationsOfValidSamplesKeepTheInvariants(@ForAll("mutatedTrees") String input) {
        ParseResult result = check(input.getBytes(StandardCharsets.UTF_8));
        checkText(input);
        Statistics.label("outcome").collect(result instanceof ParseResult.Rejected r ? r.rejection().code().wireName() : "accepted");
    }

    @Property(tries = 1500)
    void anAcceptedNativeEventAlwaysSatisfiesTheContractSchema(@ForAll("mutatedNativeTrees") String input) {
        ParseResult result = check(input.getBytes(StandardCharsets.UTF_8));
        if (result instanceof ParseResult.Accepted) {
            assertThat(ContractSchemas.validate("native/event", input)).as("accepted %s", input).isEmpty();
        }
        Statistics.label("outcome").collect(result instanceof ParseResult.Rejected r ? r.rejection().code().wireName() : "accepted");
    }

    // ------------------------------------------------------------------ checks

    /** Parses within a time limit (a parser that hangs fails the property instead of the build). */
    private static ParseResult check(byte[] input) {
        ParseResult result = assertTimeoutPreemptively(PARSE_TIME_LIMIT, () -> PARSER.parse(input)); // must not throw
        assertInvariants(result);
        return result;
    }

    private static final Duration PARSE_TIME_LIMIT = Duration.ofSeconds(5);

    private static void checkText(String input) {
        ParseResult result = PARSER.parse(input);
        assertInvariants(result);
        if (input.chars().noneMatch(c -> Character.isSurrogate((char) c))) {
            ParseResult viaBytes = PARSER.parse(input.getBytes(StandardCharsets.UTF_8));
            assertThat(result).isEqualTo(viaBytes);
        }
    }

    static void assertInvariants(ParseResult result) {
        assertThat(result).isNotNull();
        if (result instanceof ParseResult.Rejected rejected) {
            Rejection r = rejected.rejection();
            assertThat(r.code()).isNotNull();
            assertThat(r.code()).as("no input should reach an internal error: %s", r).isNotEqualTo(RejectionCode.INTERNAL_ERROR);
            assertThat(r.path()).isNotNull();
            assertThat(r.path().isEmpty() || r.path().startsWith("/")).as("JSON Pointer %s", r.path()).isTrue();
            assertThat(r.message()).isNotBlank();
            return;
        }
        Event e = ((ParseResult.Accepted) result).event();
        assertIdentifier(e.eventId());
        if (e.userId() != null) assertIdentifier(e.userId());
        if (e.anonymousId() != null) assertIdentifier(e.anonymousId());
        if (!e.type().isCompanyEvent()) assertThat(e.userId() != null || e.anonymousId() != null).isTrue();
        assertThat(e.occurredAt()).isBetween(EARLIEST, LATEST);
        Payload payload = e.payload();
        if (payload instanceof Payload.OrderPaid p) {
            assertIdentifier(p.orderId());
            assertMoney(p.amount());
        } else if (payload instanceof Payload.OrderRefunded p) {
            assertIdentifier(p.orderId());
            assertMoney(p.amount());
        } else if (payload instanceof Payload.AcquisitionCost p) {
            assertLabel(p.channel());
            assertMoney(p.amount());
            assertThat(p.date()).isNotNull();
        } else if (payload instanceof Payload.ReferralConverted p) {
            assertIdentifier(p.referredUserId());
        } else if (payload instanceof Payload.ContentPosted p) {
            assertIdentifier(p.contentId());
        } else if (payload instanceof Payload.Registration p) {
            assertLabel(p.channel());
            if (p.campaign() != null) assertLabel(p.campaign());
        } else if (payload instanceof Payload.Session p) {
            assertThat(p.source()).isNotBlank();
            assertThat(p.source().codePoints().noneMatch(c -> Character.getType(c) == Character.CONTROL
                    || (c >= 0xD800 && c <= 0xDFFF))).as("clean source %s", p.source()).isTrue();
        }
    }

    private static void assertIdentifier(String id) {
        assertThat(id).isNotNull();
        int length = id.codePointCount(0, id.length());
        assertThat(length).isBetween(1, 256);
        assertThat(id.codePoints().noneMatch(c -> Character.getType(c) == Character.CONTROL)).as("no control char in %s", id).isTrue();
        assertThat(id.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF)).as("no unpaired surrogate in %s", id).isTrue();
    }

    private static void assertLabel(String label) {
        assertIdentifier(label); // same character rules
    }

    private static void assertMoney(Money m) {
        assertThat(m.milli()).isPositive();
        assertThat(m.currency()).isEqualTo("USD");
        assertThat(m.amount()).isLessThanOrEqualTo(EventParser.MAX_AMOUNT);
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.strings()
                .withChars("{}[]\":,0123456789-+.eEnulltrfaNIy \\/u\tx")
                .withChars('\u0000', '\u007f', 'é', '😀')
                .ofMaxLength(120);
    }

    @Provide
    Arbitrary<byte[]> mutatedSamples() {
        Arbitrary<Integer> sample = Arbitraries.integers().between(0, validSamples.size() - 1);
        Arbitrary<List<Tuple.Tuple3<Integer, Integer, Integer>>> edits = Combinators.combine(
                        Arbitraries.integers().between(0, 5),          // kind of edit
                        Arbitraries.integers().between(0, 1 << 20),    // position seed
                        Arbitraries.integers().between(0, 255))        // byte / length seed
                .as(Tuple::of).list().ofMinSize(1).ofMaxSize(6);
        return Combinators.combine(sample, edits).as((i, list) -> mutate(validSamples.get(i), list));
    }

    private static byte[] mutate(byte[] original, List<Tuple.Tuple3<Integer, Integer, Integer>> edits) {
        byte[] b = original.clone();
        for (Tuple.Tuple3<Integer, Integer, Integer> edit : edits) {
            if (b.length == 0) break;
            int pos = edit.get2() % b.length;
            int v = edit.get3();
            switch (edit.get1()) {
                case 0 -> b[pos] = (byte) v;                                             // overwrite a byte
                case 1 -> b = Arrays.copyOf(b, pos);                                      // truncate
                case 2 -> b = concat(Arrays.copyOf(b, pos), Arrays.copyOfRange(b, Math.min(b.length, pos + 1 + v % 16), b.length)); // delete
                case 3 -> b = concat(Arrays.copyOf(b, pos), new byte[] {(byte) v}, Arrays.copyOfRange(b, pos, b.length)); // insert
                case 4 -> b = concat(Arrays.copyOf(b, pos), Arrays.copyOfRange(b, pos, Math.min(b.length, pos + 1 + v)), Arrays.copyOfRange(b, pos, b.length)); // duplicate
                default -> b[pos] = (byte) STRUCTURAL.charAt(v % STRUCTURAL.length());     // structural character
            }
        }
        return b;
    }

    private static final String STRUCTURAL = "{}[]\":,\\0-e.N";

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Provide
    Arbitrary<String> mutatedTrees() {
        return mutationsOf(validTrees);
    }

    @Provide
    Arbitrary<String> mutatedNativeTrees() {
        return mutationsOf(nativeTrees);
    }

    private static Arbitrary<String> mutationsOf(List<ObjectNode> trees) {
        Arbitrary<Integer> sample = Arbitraries.integers().between(0, trees.size() - 1);
        Arbitrary<Integer> where = Arbitraries.integers().between(0, 1 << 20);
        Arbitrary<Integer> how = Arbitraries.integers().between(0, 3);
        return Combinators.combine(sample, where, how, jsonValues(3)).as((i, w, h, value) -> {
            ObjectNode tree = trees.get(i).deepCopy();
            List<JsonNode[]> slots = new ArrayList<>(); // {container, key-or-index as text node}
            collect(tree, slots);
            JsonNode[] slot = slots.get(w % slots.size());
            if (slot[0] instanceof ObjectNode o) {
                String key = slot[1].asText();
                switch (h) {
                    case 0 -> o.remove(key);
                    case 1 -> o.set(key + (w % 2 == 0 ? "" : "x"), value);
                    default -> o.set(key, value);
                }
            } else if (slot[0] instanceof ArrayNode a) {
                a.set(slot[1].asInt(), value);
            }
            return TestSupport.text(tree);
        });
    }

    private static void collect(JsonNode node, List<JsonNode[]> slots) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (node instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                slots.add(new JsonNode[] {o, f.textNode(e.getKey())});
                collect(e.getValue(), slots);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new JsonNode[] {a, f.numberNode(i)});
                collect(a.get(i), slots);
            }
        }
    }

    /** Arbitrary JSON values, biased towards what breaks contracts. */
    static Arbitrary<JsonNode> jsonValues(int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Arbitrary<JsonNode> strings = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars('a', 'Z', '0', 'é', '用', '😀', '\u0000', '\n', '\u0085', '\u200d', ' ')
                        .ofMinLength(0).ofMaxLength(300),
                Arbitraries.of("", " ", "USD", "usd", "EUR", "2026-11-20T10:00:00Z", "2026-11-21T12:00:01Z",
                        "1989-12-31T23:59:59Z", "2026-02-30T00:00:00Z", "2026-11-19", "order_paid", "track",
                        "identify", "Order Completed", "Signed Up", "u".repeat(257), "\ud800")
        ).map(f::textNode);
        Arbitrary<JsonNode> numbers = Arbitraries.oneOf(
                Arbitraries.integers().map(f::numberNode),
                Arbitraries.longs().map(f::numberNode),
                Arbitraries.bigDecimals().map(f::numberNode),
                Arbitraries.of("0", "-0", "0.0004", "0.0005", "0.0006", "1e-400", "1e12", "1000000000000.0001", "1e400",
                        "-1", "1e2147483647").map(s -> f.numberNode(new BigDecimal(s))),
                Arbitraries.doubles().map(f::numberNode));
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(strings, numbers,
                Arbitraries.of(f.nullNode(), f.booleanNode(true), f.booleanNode(false)));
        if (depth <= 0) return scalars;
        Arbitrary<JsonNode> arrays = jsonValues(depth - 1).list().ofMaxSize(3).map(l -> {
            ArrayNode a = f.arrayNode();
            l.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> objects = Combinators.combine(
                Arbitraries.of("orderId", "amount", "currency", "userId", "type", "eventId", "detail", "x"),
                jsonValues(depth - 1)).as((k, v) -> {
                    ObjectNode o = f.objectNode();
                    o.set(k, v);
                    return (JsonNode) o;
                });
        return Arbitraries.frequencyOf(Tuple.of(6, scalars), Tuple.of(1, arrays), Tuple.of(1, objects));
    }

}
