package io.userasset.events;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.userasset.events.TestSupport.CLOCK;
import static io.userasset.events.TestSupport.accepted;
import static io.userasset.events.TestSupport.parser;
import static io.userasset.events.TestSupport.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Limits, boundaries, input hardening and the mapping decisions of the parser. */
class EventParserTest {

    /** A native order_paid with the given JSON fragments substituted (already JSON-encoded). */
    static String order(String userIdJson, String occurredAt, String amountJson, String currency) {
        return "{\"eventId\":\"evt-1\",\"type\":\"order_paid\",\"userId\":" + userIdJson
                + ",\"occurredAt\":\"" + occurredAt + "\",\"properties\":{\"orderId\":\"ord-1\",\"amount\":"
                + amountJson + ",\"currency\":\"" + currency + "\"}}";
    }

    static String order(String amountJson) {
        return order("\"u-1\"", "2026-11-20T10:00:00Z", amountJson, "USD");
    }

    static String orderAt(String occurredAt) {
        return order("\"u-1\"", occurredAt, "10", "USD");
    }

    static String orderBy(String userIdJson) {
        return order(userIdJson, "2026-11-20T10:00:00Z", "10", "USD");
    }

    static String session(String contextJson) {
        return "{\"eventId\":\"evt-1\",\"type\":\"session_started\",\"userId\":\"u-1\","
                + "\"occurredAt\":\"2026-11-20T10:00:00Z\",\"context\":" + contextJson + "}";
    }

    static Rejection reject(String json) {
        return rejected(parser().parse(json));
    }

    static Event accept(String json) {
        return accepted(parser().parse(json));
    }

    static String json(String s) {
        return TestSupport.text(com.fasterxml.jackson.databind.node.TextNode.valueOf(s));
    }

    @Nested
    class Size {
        /** A session_started padded to exactly n bytes. */
        private String sized(int n) {
            String head = session("{\"pad\":\"");
            String tail = "\"}}";
            String doc = head.substring(0, head.length() - 1); // drop the closing brace of the envelope
            int pad = n - doc.getBytes(StandardCharsets.UTF_8).length - tail.length();
            return doc + "x".repeat(pad) + tail;
        }

        @Test
        void exactly64KiBIsAcceptedAndOneByteMoreIsRejected() {
            String atLimit = sized(65536);
            assertThat(atLimit.getBytes(StandardCharsets.UTF_8)).hasSize(65536);
            accept(atLimit);
            accepted(parser().parse(atLimit.getBytes(StandardCharsets.UTF_8)));
            String over = sized(65537);
            assertThat(reject(over).code()).isEqualTo(RejectionCode.TOO_LARGE);
            assertThat(rejected(parser().parse(over.getBytes(StandardCharsets.UTF_8))).code())
                    .isEqualTo(RejectionCode.TOO_LARGE);
        }

        @Test
        void sizeCountsUtf8BytesNotCharacters() {
            // 30,000 × "é" is 30,000 chars but 60,000 bytes; 34,000 × is 68,000 bytes
            accept(session("{\"pad\":\"" + "é".repeat(30_000) + "\"}"));
            assertThat(reject(session("{\"pad\":\"" + "é".repeat(34_000) + "\"}")).code())
                    .isEqualTo(RejectionCode.TOO_LARGE);
        }

        @Test
        void sizeIsCheckedBeforeParsing() {
            byte[] garbage = new byte[1_000_000]; // not even JSON
            Rejection r = rejected(parser().parse(garbage));
            assertThat(r.code()).isEqualTo(RejectionCode.TOO_LARGE);
            assertThat(r.message()).contains("1000000 bytes");
        }
    }

    @Nested
    class Depth {
        @Test
        void nestingOf32IsAcceptedAnd33IsTooDeep() {
            accept(session("{\"a\":".repeat(30) + "{}" + "}".repeat(30))); // 1 + 1 + 30 = 32 levels
            Rejection r = reject(session("{\"a\":".repeat(31) + "{}" + "}".repeat(31))); // 33 levels
            assertThat(r.code()).isEqualTo(RejectionCode.TOO_DEEP);
            assertThat(r.path()).isEmpty();
        }

        @Test
        void arraysCountAsLevelsToo() {
            accept(session("{\"a\":" + "[".repeat(30) + "]".repeat(30) + "}"));
            assertThat(reject(session("{\"a\":" + "[".repeat(31) + "]".repeat(31) + "}")).code())
                    .isEqualTo(RejectionCode.TOO_DEEP);
        }

        @Test
        void hugeNestingIsRejectedWithoutBlowingTheStack() {
            assertThat(reject("[".repeat(60_000)).code()).isEqualTo(RejectionCode.TOO_DEEP);
            assertThat(reject("{\"a\":".repeat(10_000)).code()).isEqualTo(RejectionCode.TOO_DEEP);
        }
    }

    @Nested
    class Amounts {
        @ParameterizedTest
        @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "+Infinity"})
        void nonFiniteTokensAreInvalidAmounts(String token) {
            Rejection r = reject(order(token));
            assertThat(r.code()).isEqualTo(RejectionCode.INVALID_AMOUNT);
            assertThat(r.path()).isEqualTo("/properties/amount");
            assertThat(r.message()).contains(token);
        }

        @Test
        void nonFiniteTokensElsewhereAreNotJson() {
            Rejection r = reject(session("{\"score\":Infinity}"));
            assertThat(r.code()).isEqualTo(RejectionCode.MALFORMED_JSON);
            assertThat(r.path()).isEqualTo("/context/score");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-0.0", "-1", "1e400", "1000000000000.001", "1e-400", "0.0005",
                "1e2147483647", "1e-2147483647", "100000000000000000000000000000000000000000000"})
        void outOfRangeAmountsAreInvalid(String amount) {
            Rejection r = reject(order(amount));
            assertThat(r.code()).as(r.toString()).isEqualTo(RejectionCode.INVALID_AMOUNT);
            assertThat(r.path()).isEqualTo("/properties/amount");
        }

        @Test
        void anAbsurdlyLongNumberIsRejectedWherever() {
            String digits = "9".repeat(5000);
            assertThat(reject(order(digits)).code()).isEqualTo(RejectionCode.INVALID_AMOUNT);
            assertThat(reject(order("0." + digits)).path()).isEqualTo("/properties/amount");
            assertThat(reject(session("{\"n\":" + digits + "}")).code()).isEqualTo(RejectionCode.MALFORMED_JSON);
        }

        @ParameterizedTest
        @CsvSource({"1000000000000, 1000000000000000", "0.0015, 2", "0.0025, 2", "1.0005, 1000", "19.99, 19990",
                "7, 7000", "1.23456789, 1235"})
        void amountsAreKeptExactlyToThreeDecimalsHalfEven(String amount, long milli) {
            Payload.OrderPaid paid = (Payload.OrderPaid) accept(order(amount)).payload();
            assertThat(paid.amount()).isEqualTo(new Money(milli, "USD"));
        }

        @Test
        void anAmountAsAStringIsAWrongType() {
            Rejection r = reject(order("\"19.99\""));
            assertThat(r.code()).isEqualTo(RejectionCode.WRONG_TYPE);
            assertThat(r.path()).isEqualTo("/properties/amount");
        }
    }

    @Nested
    class Currency {
        private final EventParser withRates = new EventParser(ParserSettings.defaults()
                .withExchangeRates(Map.of("EUR", new BigDecimal("1.0857"), "JPY", new BigDecimal("0.0067"))), CLOCK);

        @Test
        void anotherCurrencyIsRejectedWithoutARate() {
            Rejection r = reject(order("\"u-1\"", "2026-11-20T10:00:00Z", "10", "EUR"));
            assertThat(r.code()).isEqualTo(RejectionCode.CURRENCY_NOT_ACCEPTED);
            assertThat(r.path()).isEqualTo("/properties/currency");
            assertThat(r.message()).contains("EUR").contains("USD");
        }

        @Test
        void aConfiguredRateConvertsExactlyIntoTheDeploymentCurrency() {
            Event e = accepted(withRates.parse(order("\"u-1\"", "2026-11-20T10:00:00Z", "10.00", "EUR")));
            assertThat(((Payload.OrderPaid) e.payload()).amount()).isEqualTo(new Money(10_857, "USD"));
            Event yen = accepted(withRates.parse(order("\"u-1\"", "2026-11-20T10:00:00Z", "1499", "JPY")));
            // 1499 × 0.0067 = 10.0433 → 10.043
            assertThat(((Payload.OrderPaid) yen.payload()).amount()).isEqualTo(new Money(10_043, "USD"));
        }

        @Test
        void aConvertedAmountMustStillBeRepresentable() {
            Rejection tiny = rejected(withRates.parse(order("\"u-1\"", "2026-11-20T10:00:00Z", "0.05", "JPY")));
            assertThat(tiny.code()).isEqualTo(RejectionCode.INVALID_AMOUNT);
            assertThat(rejected(withRates.parse(order("\"u-1\"", "2026-11-20T10:00:00Z", "999999999999", "EUR"))).code())
                    .isEqualTo(RejectionCode.INVALID_AMOUNT);
            assertThat(rejected(withRates.parse(order("\"u-1\"", "2026-11-20T10:00:00Z", "10", "GBP"))).code())
                    .isEqualTo(RejectionCode.CURRENCY_NOT_ACCEPTED);
        }

        @Test
        void badRatesAreAConfigurationError() {
            assertThatThrownBy(() -> new EventParser(ParserSettings.defaults()
                    .withExchangeRates(Map.of("EUR", BigDecimal.ZERO)), CLOCK))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new EventParser(ParserSettings.defaults()
                    .withExchangeRates(Map.of("eur", BigDecimal.ONE)), CLOCK))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Timestamps {
        @ParameterizedTest
        @ValueSource(strings = {"2026-11-21T12:00:00Z", "2026-11-21T13:00:00+01:00", "1990-01-01T00:00:00Z",
                "1990-01-01T01:00:00+01:00", "2026-11-20t10:00:00z", "2026-11-20T10:00:00.123456789Z",
                "2026-11-20T10:00:00.1234567891Z", "2024-02-29T00:00:00Z", "2026-11-20T10:00:00-23:59"})
        void timestampsWithinTheLimitsAreAccepted(String at) {
            accept(orderAt(at));
        }

        @ParameterizedTest
        @CsvSource({"2026-11-21T12:00:00.000000001Z, timestamp_in_future", "9999-12-31T23:59:59Z, timestamp_in_future",
                "1989-12-31T23:59:59.999Z, timestamp_too_old", "0001-01-01T00:00:00Z, timestamp_too_old",
                "1990-01-01T00:30:00+01:00, timestamp_too_old"})
        void timestampsBeyondTheLimitsAreRejected(String at, String code) {
            Rejection r = reject(orderAt(at));
            assertThat(r.code().wireName()).isEqualTo(code);
            assertThat(r.path()).isEqualTo("/occurredAt");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "2026-11-20", "2026-11-20T10:00Z", "2026-11-20T10:00:00", "2026-11-20 10:00:00Z",
                "2026-13-01T00:00:00Z", "2025-02-29T00:00:00Z", "2026-11-20T24:00:00Z", "2026-11-20T10:00:60Z",
                "2026-11-20T10:00:00.Z", "2026-11-20T10:00:00+0100", "2026-11-20T10:00:00+24:00", "1763632800",
                "Fri, 20 Nov 2026 10:00:00 GMT", "２０２６-11-20T10:00:00Z"})
        void malformedTimestampsAreInvalid(String at) {
            Rejection r = reject(orderAt(at));
            assertThat(r.code()).as(at).isEqualTo(RejectionCode.INVALID_TIMESTAMP);
            assertThat(r.path()).isEqualTo("/occurredAt");
        }

        @Test
        void theLimitsFollowTheInjectedClock() {
            EventParser later = new EventParser(ParserSettings.defaults(),
                    Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneId.of("UTC")));
            assertThat(later.parse(orderAt("2029-12-31T23:00:00Z"))).isInstanceOf(ParseResult.Accepted.class);
            assertThat(rejected(parser().parse(orderAt("2029-12-31T23:00:00Z"))).code())
                    .isEqualTo(RejectionCode.TIMESTAMP_IN_FUTURE);
        }
    }

    @Nested
    class Identifiers {
        @ParameterizedTest
        @ValueSource(strings = {"Zoë", "用户-10482", "ユーザー", "مستخدم", "пользователь", "🛒🛍️", "a b", "u\u00a0nbsp",
                "zero\u200dwidth", "x", "with/slash~tilde", "quote\"back\\slash"})
        void unicodeAndOddButPrintableIdsAreAccepted(String id) {
            assertThat(accept(orderBy(json(id))).userId()).isEqualTo(id);
        }

        @ParameterizedTest
        @ValueSource(strings = {"\u0000", "a\u0001b", "tab\there", "new\nline", "cr\r", "del\u007f", "c1\u0085",
                "c1\u009f", "esc\u001b[31m"})
        void controlCharactersAreRejected(String id) {
            Rejection r = reject(orderBy(json(id)));
            assertThat(r.code()).isEqualTo(RejectionCode.INVALID_IDENTIFIER);
            assertThat(r.path()).isEqualTo("/userId");
        }

        @Test
        void lengthIsCountedInCharactersUpTo256() {
            accept(orderBy(json("u".repeat(256))));
            accept(orderBy(json("😀".repeat(256)))); // 256 characters, 512 UTF-16 units, 1024 bytes
            assertThat(reject(orderBy(json("u".repeat(257)))).code()).isEqualTo(RejectionCode.INVALID_IDENTIFIER);
            assertThat(reject(orderBy(json("😀".repeat(257)))).code()).isEqualTo(RejectionCode.INVALID_IDENTIFIER);
            assertThat(reject(orderBy("\"\"")).code()).isEqualTo(RejectionCode.INVALID_IDENTIFIER);
        }

        @Test
        void veryLongStringsAreRejectedNotTruncated() {
            Rejection r = reject(orderBy(json("u".repeat(60_000))));
            assertThat(r.code()).isEqualTo(RejectionCode.INVALID_IDENTIFIER);
            assertThat(r.message().length()).isLessThan(300);
        }

        @Test
        void escapedUnpairedSurrogatesAreRejected() {
            assertThat(reject(orderBy("\"a\\udc00b\"")).code()).isEqualTo(RejectionCode.INVALID_IDENTIFIER);
            assertThat(accept(orderBy("\"\\ud83d\\ude00\"")).userId()).isEqualTo("😀");
        }

        @Test
        void everyIdentifierIsChecked() {
            String tooLong = "x".repeat(257);
            assertThat(reject("{\"eventId\":\"" + tooLong + "\",\"type\":\"session_started\",\"userId\":\"u\","
                    + "\"occurredAt\":\"2026-11-20T10:00:00Z\"}").path()).isEqualTo("/eventId");
            assertThat(reject("{\"eventId\":\"e\",\"type\":\"referral_converted\",\"userId\":\"u\",\"occurredAt\":"
                    + "\"2026-11-20T10:00:00Z\",\"properties\":{\"referredUserId\":\"a\\u0007\"}}").path())
                    .isEqualTo("/properties/referredUserId");
            assertThat(reject("{\"eventId\":\"e\",\"type\":\"content_posted\",\"userId\":\"u\",\"occurredAt\":"
                    + "\"2026-11-20T10:00:00Z\",\"properties\":{\"contentId\":\"\"}}").path())
                    .isEqualTo("/properties/contentId");
        }
    }

    @Nested
    class Encoding {
        private byte[] withUserIdBytes(int... idBytes) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] head = "{\"eventId\":\"e\",\"type\":\"session_started\",\"userId\":\"".getBytes(StandardCharsets.UTF_8);
            byte[] tail = "\",\"occurredAt\":\"2026-11-20T10:00:00Z\"}".getBytes(StandardCharsets.UTF_8);
            out.writeBytes(head);
            for (int b : idBytes) out.write(b);
            out.writeBytes(tail);
            return out.toByteArray();
        }

        @Test
        void validMultiByteUtf8IsAccepted() {
            Event e = accepted(parser().parse(withUserIdBytes(0x75, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x9B, 0x92)));
            assertThat(e.userId()).isEqualTo("ué€🛒");
        }

        @ParameterizedTest
        @ValueSource(strings = {"80", "BF", "C0 AF", "C1 BF", "E0 80 AF", "ED A0 80", "ED BF BF", "F0 80 80 AF",
                "F4 90 80 80", "F5 80 80 80", "FF", "FE", "C3", "E2 82", "F0 9F 9B", "C3 28", "E2 28 A1"})
        void invalidUtf8IsRejected(String hex) {
            String[] parts = hex.split(" ");
            int[] bytes = new int[parts.length];
            for (int i = 0; i < parts.length; i++) bytes[i] = Integer.parseInt(parts[i], 16);
            Rejection r = rejected(parser().parse(withUserIdBytes(bytes)));
            assertThat(r.code()).as(hex).isEqualTo(RejectionCode.INVALID_ENCODING);
            assertThat(r.path()).isEmpty();
        }

        @Test
        void aLeadingByteOrderMarkIsTolerated() {
            byte[] doc = withUserIdBytes('u');
            byte[] withBom = new byte[doc.length + 3];
            withBom[0] = (byte) 0xEF;
            withBom[1] = (byte) 0xBB;
            withBom[2] = (byte) 0xBF;
            System.arraycopy(doc, 0, withBom, 3, doc.length);
            assertThat(accepted(parser().parse(withBom)).userId()).isEqualTo("u");
        }

        @Test
        void textWithAnUnpairedSurrogateIsInvalidEncoding() {
            String doc = orderBy("\"u-\ud800\"");
            assertThat(reject(doc).code()).isEqualTo(RejectionCode.INVALID_ENCODING);
        }

        @Test
        void nullInputIsRejected() {
            assertThat(rejected(parser().parse((byte[]) null)).code()).isEqualTo(RejectionCode.MALFORMED_JSON);
            assertThat(rejected(parser().parse((String) null)).code()).isEqualTo(RejectionCode.MALFORMED_JSON);
        }
    }

    @Nested
    class Json {
        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\n", "{", "}", "{\"eventId\":}", "{eventId:\"e\"}", "{\"a\":1,}", "[1,]",
                "{\"a\":01}", "{\"a\":.5}", "{\"a\":0x10}", "{\"a\":'x'}", "{\"a\":\"x\" /* c */}", "{\"a\":tru}",
                "{\"a\":\"unterminated}", "{\"a\":\"bad \\q escape\"}", "{\"a\":\"raw\ttab\"}", "{} {}", "{}x"})
        void malformedJsonIsRejected(String doc) {
            Rejection r = reject(doc);
            assertThat(r.code()).as(doc).isEqualTo(RejectionCode.MALFORMED_JSON);
            assertThat(r.message()).doesNotContain("REDACTED").doesNotContain("StreamReadFeature");
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "\"x\"", "42", "true", "null", "-1.5"})
        void scalarsAndArraysAreNotEvents(String doc) {
            assertThat(reject(doc).code()).isEqualTo(RejectionCode.NOT_AN_OBJECT);
        }

        @Test
        void duplicateMembersAreAmbiguousAndRejected() {
            Rejection r = reject("{\"eventId\":\"e\",\"type\":\"session_started\",\"userId\":\"u\","
                    + "\"occurredAt\":\"2026-11-20T10:00:00Z\",\"properties\":{\"source\":\"a\",\"source\":\"b\"}}");
            assertThat(r.code()).isEqualTo(RejectionCode.MALFORMED_JSON);
            assertThat(r.path()).isEqualTo("/properties/source");
        }

        @Test
        void membersWithSlashesAreEscapedInPointers() {
            Rejection r = reject("{\"eventId\":\"e\",\"type\":\"session_started\",\"userId\":\"u\","
                    + "\"occurredAt\":\"2026-11-20T10:00:00Z\",\"a/b~c\":1}");
            assertThat(r.code()).isEqualTo(RejectionCode.SCHEMA_VIOLATION);
            assertThat(r.path()).isEqualTo("/a~1b~0c");
            assertThat(r.message()).contains("'a/b~c'");
        }

        @Test
        void aMisspeltMemberIsPointedOut() {
            Rejection r = reject("{\"eventId\":\"e\",\"type\":\"session_started\",\"userID\":\"u\","
                    + "\"occurredAt\":\"2026-11-20T10:00:00Z\"}");
            assertThat(r.code()).isEqualTo(RejectionCode.MISSING_IDENTITY);
            assertThat(r.message()).contains("'userID'");
        }
    }

    @Nested
    class Segment {
        private String track(String event, String properties, String context) {
            return "{\"type\":\"track\",\"event\":" + json(event) + ",\"messageId\":\"m-1\",\"userId\":\"u-1\","
                    + "\"timestamp\":\"2026-11-20T10:00:00Z\",\"properties\":" + properties
                    + (context == null ? "" : ",\"context\":" + context) + "}";
        }

        @Test
        void orderCompletedTakesRevenueThenTotalAndTheDeploymentCurrencyByDefault() {
            Payload.OrderPaid a = (Payload.OrderPaid) accept(track("Order Completed",
                    "{\"order_id\":\"o\",\"revenue\":5,\"total\":7}", null)).payload();
            assertThat(a.amount().milli()).isEqualTo(5_000);
            Payload.OrderPaid b = (Payload.OrderPaid) accept(track("Order Completed",
                    "{\"order_id\":\"o\",\"revenue\":null,\"total\":7}", null)).payload();
            assertThat(b.amount()).isEqualTo(new Money(7_000, "USD"));
            Payload.OrderPaid c = (Payload.OrderPaid) accept(track("Order Completed",
                    "{\"order_id\":\"o\",\"total\":7,\"currency\":\"usd\"}", null)).payload();
            assertThat(c.amount().currency()).isEqualTo("USD");
        }

        @Test
        void orderIdMustBeAString() {
            Rejection r = reject(track("Order Completed", "{\"order_id\":123,\"total\":7}", null));
            assertThat(r.code()).isEqualTo(RejectionCode.WRONG_TYPE);
            assertThat(r.path()).isEqualTo("/properties/order_id");
        }

        @Test
        void signedUpChannelComesFromPropertiesThenCampaignSourceThenUnknown() {
            String campaign = "{\"campaign\":{\"source\":\"Newsletter\",\"name\":\"Spring\"}}";
            assertThat(accept(track("Signed Up", "{\"channel\":\"referral\"}", campaign)).payload())
                    .isEqualTo(new Payload.Registration("referral", "Spring"));
            assertThat(accept(track("Signed Up", "{\"channel\":\" \"}", campaign)).payload())
                    .isEqualTo(new Payload.Registration("Newsletter", "Spring"));
            assertThat(accept(track("Signed Up", "{}", null)).payload())
                    .isEqualTo(new Payload.Registration("unknown", null));
            assertThat(accept(track("Signed Up", "{\"campaign\":\"c-9\"}", "{\"campaign\":\"not-an-object\"}")).payload())
                    .isEqualTo(new Payload.Registration("unknown", "c-9"));
        }

        @Test
        void trackNamesFollowTheLabelRules() {
            Rejection r = reject("{\"type\":\"track\",\"event\":\"Bad\\udc00\",\"messageId\":\"m\",\"userId\":\"u\","
                    + "\"timestamp\":\"2026-11-20T10:00:00Z\"}");
            assertThat(r.code()).isEqualTo(RejectionCode.SCHEMA_VIOLATION);
            assertThat(r.path()).isEqualTo("/event");
            assertThat(reject(track("x".repeat(257), "{}", null)).path()).isEqualTo("/event");
        }

        @Test
        void unmappedTrackNamesAreActivityNeverRejected() {
            Event e = accept(track("Product Viewed", "{\"sku\":1}", null));
            assertThat(e.payload()).isEqualTo(new Payload.Session("segment:track:Product Viewed"));
            assertThat(e.type().makesActive()).isTrue();
        }

        @Test
        void theTrackMapIsConfigurable() {
            Map<String, ParserSettings.SegmentTrackRule> rules = new LinkedHashMap<>(ParserSettings.defaults().segmentTrack());
            rules.put("Product Reviewed", new ParserSettings.SegmentTrackRule("content_posted", List.of(), "order_id"));
            rules.put("Product Shared", new ParserSettings.SegmentTrackRule("content_shared", List.of(), "order_id"));
            rules.put("Checkout Paid", new ParserSettings.SegmentTrackRule("order_paid", List.of("value"), "checkout"));
            ParserSettings d = ParserSettings.defaults();
            EventParser custom = new EventParser(new ParserSettings(d.maxEventBytes(), d.maxJsonDepth(),
                    d.maxFutureSkewHours(), d.earliestTimestamp(), d.currency(), d.exchangeRates(), rules), CLOCK);
            assertThat(accepted(custom.parse(track("Product Reviewed", "{\"content_id\":\"r-1\"}", null))).payload())
                    .isEqualTo(new Payload.ContentPosted("r-1"));
            assertThat(rejected(custom.parse(track("Product Reviewed", "{\"review_id\":\"r-1\"}", null))).path())
                    .isEqualTo("/properties/content_id");
            assertThat(accepted(custom.parse(track("Product Shared", "{}", null))).payload())
                    .isEqualTo(new Payload.ContentShared());
            assertThat(accepted(custom.parse(track("Checkout Paid", "{\"checkout\":\"c\",\"value\":3}", null))).payload())
                    .isEqualTo(new Payload.OrderPaid("c", new Money(3_000, "USD")));
            assertThat(rejected(custom.parse(track("Checkout Paid", "{\"checkout\":\"c\",\"value\":0}", null))).path())
                    .isEqualTo("/properties/value");
        }

        @Test
        void aTrackRuleToACompanyEventIsAConfigurationError() {
            ParserSettings d = ParserSettings.defaults();
            assertThatThrownBy(() -> new EventParser(new ParserSettings(d.maxEventBytes(), d.maxJsonDepth(),
                    d.maxFutureSkewHours(), d.earliestTimestamp(), d.currency(), d.exchangeRates(),
                    Map.of("Spend", new ParserSettings.SegmentTrackRule("acquisition_cost", List.of("x"), "y"))), CLOCK))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void identifyNeedsOnlyOneIdAndLinksWhenItHasBoth() {
            Event userOnly = accept("{\"type\":\"identify\",\"messageId\":\"m\",\"userId\":\"u\",\"timestamp\":\"2026-11-20T10:00:00Z\"}");
            assertThat(userOnly.type()).isEqualTo(EventType.IDENTIFY);
            assertThat(userOnly.anonymousId()).isNull();
            Event anonymousOnly = accept("{\"type\":\"identify\",\"messageId\":\"m\",\"anonymousId\":\"a\",\"timestamp\":\"2026-11-20T10:00:00Z\"}");
            assertThat(anonymousOnly.profileKey()).isEqualTo(ProfileKey.anonymous("a"));
        }

        @Test
        void timestampFallsBackToSkewCorrectedOriginalTimestampThenSentAtThenReceivedAt() {
            String base = "{\"type\":\"page\",\"messageId\":\"m\",\"anonymousId\":\"a\"";
            assertThat(accept(base + ",\"originalTimestamp\":\"2026-11-20T10:00:00Z\"}").occurredAt())
                    .isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
            assertThat(accept(base + ",\"originalTimestamp\":\"2026-11-20T10:00:00Z\",\"sentAt\":\"2026-11-20T10:00:10Z\","
                    + "\"receivedAt\":\"2026-11-20T09:00:12Z\"}").occurredAt())
                    .as("device clock 1 h fast").isEqualTo(Instant.parse("2026-11-20T09:00:02Z"));
            assertThat(accept(base + ",\"sentAt\":\"2026-11-20T10:00:10Z\",\"receivedAt\":\"2026-11-20T10:00:12Z\"}").occurredAt())
                    .isEqualTo(Instant.parse("2026-11-20T10:00:10Z"));
            assertThat(accept(base + ",\"receivedAt\":\"2026-11-20T10:00:12Z\"}").occurredAt())
                    .isEqualTo(Instant.parse("2026-11-20T10:00:12Z"));
        }

        @Test
        void nativeAndSegmentIdentifyAreToldApartByTheirIdMember() {
            Event nativeIdentify = accept("{\"eventId\":\"e\",\"type\":\"identify\",\"userId\":\"u\",\"anonymousId\":\"a\","
                    + "\"occurredAt\":\"2026-11-20T10:00:00Z\"}");
            assertThat(nativeIdentify.format()).isEqualTo(Event.SourceFormat.NATIVE);
            Event segmentIdentify = accept("{\"messageId\":\"e\",\"type\":\"identify\",\"userId\":\"u\",\"anonymousId\":\"a\","
                    + "\"timestamp\":\"2026-11-20T10:00:00Z\"}");
            assertThat(segmentIdentify.format()).isEqualTo(Event.SourceFormat.SEGMENT);
            assertThat(segmentIdentify.payload()).isEqualTo(nativeIdentify.payload());
        }

        @Test
        void segmentPayloadsMayCarryMembersOfTheirOwn() {
            accept("{\"type\":\"page\",\"messageId\":\"m\",\"anonymousId\":\"a\",\"timestamp\":\"2026-11-20T10:00:00Z\","
                    + "\"writeKey\":\"k\",\"_metadata\":{\"bundled\":[]},\"projectId\":\"p\"}");
        }
    }

    @Nested
    class EventBridge {
        private String envelope(String idJson, String detail) {
            return "{\"version\":\"0\",\"id\":" + idJson + ",\"detail-type\":\"t\",\"source\":\"s\",\"account\":\"1\","
                    + "\"time\":\"2026-11-20T10:00:01Z\",\"region\":\"eu-west-1\",\"resources\":[],\"detail\":" + detail + "}";
        }

        @Test
        void theEnvelopeIdIsTheEventIdOnlyWhenTheDetailHasNone() {
            String detail = "{\"type\":\"session_started\",\"userId\":\"u\",\"occurredAt\":\"2026-11-20T10:00:00Z\"}";
            assertThat(accept(envelope("\"eb-1\"", detail)).eventId()).isEqualTo("eb-1");
            String own = "{\"eventId\":\"mine\",\"type\":\"session_started\",\"userId\":\"u\",\"occurredAt\":\"2026-11-20T10:00:00Z\"}";
            assertThat(accept(envelope("\"eb-1\"", own)).eventId()).isEqualTo("mine");
        }

        @Test
        void aBadEnvelopeIdIsReportedAtTheEnvelope() {
            String detail = "{\"type\":\"session_started\",\"userId\":\"u\",\"occurredAt\":\"2026-11-20T10:00:00Z\"}";
            Rejection r = reject(envelope("\"eb\\u0000\"", detail));
            assertThat(r.code()).isEqualTo(RejectionCode.INVALID_IDENTIFIER);
            assertThat(r.path()).isEqualTo("/id");
        }

        @Test
        void envelopesDoNotNest() {
            String inner = envelope("\"eb-2\"", "{\"type\":\"session_started\",\"userId\":\"u\",\"occurredAt\":\"2026-11-20T10:00:00Z\"}");
            Rejection r = reject(envelope("\"eb-1\"", inner));
            assertThat(r.code()).isEqualTo(RejectionCode.UNKNOWN_FORMAT);
            assertThat(r.path()).isEqualTo("/detail");
        }
    }

    @Nested
    class Robustness {
        @Test
        void aFailureInsideTheParserBecomesARejectionNotAnException() {
            Clock broken = new Clock() {
                public ZoneId getZone() { return ZoneId.of("UTC"); }
                public Clock withZone(ZoneId zone) { return this; }
                public Instant instant() { throw new IllegalStateException("clock unavailable"); }
            };
            EventParser p = new EventParser(ParserSettings.defaults(), broken);
            Rejection r = rejected(p.parse(orderAt("2026-11-20T10:00:00Z")));
            assertThat(r.code()).isEqualTo(RejectionCode.INTERNAL_ERROR);
            assertThat(r.message()).contains("IllegalStateException");
        }

        @Test
        void theParserIsReusableAndDeterministic() {
            String doc = order("19.99");
            assertThat(parser().parse(doc)).isEqualTo(parser().parse(doc));
        }

        @Test
        void acquisitionCostIsACompanyEvent() {
            Event e = accept("{\"eventId\":\"c\",\"type\":\"acquisition_cost\",\"occurredAt\":\"2026-11-20T01:00:00Z\","
                    + "\"properties\":{\"channel\":\"tv\",\"amount\":5000,\"currency\":\"USD\",\"date\":\"2026-11-19\"}}");
            assertThat(e.profileKey()).isNull();
            assertThat(e.payload()).isEqualTo(new Payload.AcquisitionCost("tv", new Money(5_000_000, "USD"),
                    LocalDate.of(2026, 11, 19)));
        }

        @Test
        void settingsDefaultsMirrorTheConfigurationFile() {
            ParserSettings d = ParserSettings.defaults();
            assertThat(d.maxEventBytes()).isEqualTo(65536);
            assertThat(d.maxJsonDepth()).isEqualTo(32);
            assertThat(d.maxFutureSkewHours()).isEqualTo(24);
            assertThat(d.earliest()).isEqualTo(Instant.parse("1990-01-01T00:00:00Z"));
            assertThat(d.currency()).isEqualTo("USD");
            assertThat(d.segmentTrack()).containsOnlyKeys("Order Completed", "Order Refunded", "Signed Up");
        }
    }
}
