package io.userasset.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.ValidationMessage;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The one parser for every input format of the contract (SPEC §2): the native envelope, Segment-spec
 * {@code track}/{@code identify}/{@code page}/{@code screen}/{@code alias} payloads, and an EventBridge
 * envelope around either. Each input becomes exactly one {@link ParseResult}: an accepted {@link Event}
 * or a {@link Rejection} with a machine-readable code, the JSON Pointer of the offending value and a
 * sentence. {@code parse} never throws: an unexpected failure becomes {@link RejectionCode#INTERNAL_ERROR}.
 *
 * <p>Order of checks: size → UTF-8 → JSON syntax and nesting → format → JSON Schema of the detected
 * type (compiled once) → identity, identifiers, timestamps → properties schema → amounts and currency.
 *
 * <p>Immutable and thread-safe; build one per configuration and reuse it.
 */
public final class EventParser {

    /** The largest accepted amount, in currency units, as sent and after conversion. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");
    /** Identifiers are 1–256 Unicode characters (code points) without control characters. */
    public static final int MAX_IDENTIFIER_LENGTH = 256;

    /** Segment call types that are accepted. */
    public static final List<String> SEGMENT_TYPES = List.of("track", "identify", "page", "screen", "alias");

    private static final BigDecimal HALF_MILLI = new BigDecimal("0.0005");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String NATIVE_SOURCE = "native";

    private final ParserSettings settings;
    private final Clock clock;
    private final int maxEventBytes;
    private final Duration maxFutureSkew;
    private final Instant earliest;
    private final String currency;
    private final Map<String, BigDecimal> rates;
    private final Map<String, ParserSettings.SegmentTrackRule> trackRules;
    private final JsonInput json;
    private final JsonSchema nativeEnvelope;
    private final JsonSchema eventBridgeEnvelope;
    private final Map<String, JsonSchema> segmentSchemas;
    private final Map<EventType, JsonSchema> propertiesSchemas;

    /**
     * @param settings the "events" section of the engine configuration (see {@link ParserSettings#defaults()})
     * @param clock    the time of receipt, for the future-timestamp limit
     * @throws IllegalArgumentException when the settings are inconsistent (a configuration error, not an input error)
     */
    public EventParser(ParserSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (settings.maxEventBytes() < 2) throw new IllegalArgumentException("events.maxEventBytes must be ≥ 2");
        if (settings.maxJsonDepth() < 1) throw new IllegalArgumentException("events.maxJsonDepth must be ≥ 1");
        if (settings.maxFutureSkewHours() < 0) throw new IllegalArgumentException("events.maxFutureSkewHours must be ≥ 0");
        this.maxEventBytes = settings.maxEventBytes();
        this.maxFutureSkew = settings.maxFutureSkew();
        try {
            this.earliest = settings.earliest();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("events.earliestTimestamp is not an ISO-8601 instant: "
                    + settings.earliestTimestamp(), e);
        }
        this.currency = settings.currency();
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("events.currency must be an upper-case ISO 4217 code: " + currency);
        }
        Map<String, BigDecimal> r = new TreeMap<>();
        if (settings.exchangeRates() != null) {
            settings.exchangeRates().forEach((code, rate) -> {
                if (code == null || !CURRENCY.matcher(code).matches() || code.equals(currency)) {
                    throw new IllegalArgumentException("events.exchangeRates: bad currency code " + code);
                }
                if (rate == null || rate.signum() <= 0) {
                    throw new IllegalArgumentException("events.exchangeRates." + code + " must be > 0: " + rate);
                }
                r.put(code, rate);
            });
        }
        this.rates = Map.copyOf(r);
        Map<String, ParserSettings.SegmentTrackRule> rules = new LinkedHashMap<>();
        Set<String> amountMembers = new HashSet<>(Set.of("amount"));
        if (settings.segmentTrack() != null) {
            settings.segmentTrack().forEach((name, rule) -> {
                checkRule(name, rule);
                rules.put(name, rule);
                if (rule.amountProperties() != null) amountMembers.addAll(rule.amountProperties());
            });
        }
        this.trackRules = Map.copyOf(rules);
        this.json = new JsonInput(settings.maxJsonDepth(), amountMembers);

        this.nativeEnvelope = ContractSchemas.schema("native/envelope");
        this.eventBridgeEnvelope = ContractSchemas.schema("eventbridge/envelope");
        Map<String, JsonSchema> segment = new HashMap<>();
        for (String type : SEGMENT_TYPES) segment.put(type, ContractSchemas.schema("segment/" + type));
        this.segmentSchemas = Map.copyOf(segment);
        EnumMap<EventType, JsonSchema> properties = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            properties.put(type, ContractSchemas.schema("native/properties/" + type.wireName()));
        }
        this.propertiesSchemas = properties;
    }

    private static void checkRule(String name, ParserSettings.SegmentTrackRule rule) {
        String where = "events.segmentTrack.\"" + name + "\"";
        if (rule == null || rule.type() == null) throw new IllegalArgumentException(where + ": type is required");
        EventType type = EventType.fromWireName(rule.type());
        if (type == null || type == EventType.ACQUISITION_COST) {
            throw new IllegalArgumentException(where + ": type must be a user event type, not " + rule.type());
        }
        if (type == EventType.ORDER_PAID || type == EventType.ORDER_REFUNDED) {
            if (rule.amountProperties() == null || rule.amountProperties().isEmpty()) {
                throw new IllegalArgumentException(where + ": amountProperties must name at least one property");
            }
            if (rule.orderIdProperty() == null || rule.orderIdProperty().isEmpty()) {
                throw new IllegalArgumentException(where + ": orderIdProperty is required");
            }
        }
    }

    public ParserSettings settings() {
        return settings;
    }

    /** Parses one event from its UTF-8 bytes (e.g. an SQS message body or a Kinesis record). Never throws. */
    public ParseResult parse(byte[] utf8) {
        try {
            if (utf8 == null) return ParseResult.rejected(RejectionCode.MALFORMED_JSON, "", "no input (null)");
            if (utf8.length > maxEventBytes) {
                return ParseResult.rejected(RejectionCode.TOO_LARGE, "", "the event is " + utf8.length
                        + " bytes; at most " + maxEventBytes + " bytes are accepted");
            }
            int bad = Utf8.firstInvalid(utf8);
            if (bad >= 0) {
                return ParseResult.rejected(RejectionCode.INVALID_ENCODING, "",
                        "not valid UTF-8: invalid byte sequence at byte offset " + bad);
            }
            JsonNode root = json.read(utf8);
            if (!(root instanceof ObjectNode)) {
                return ParseResult.rejected(RejectionCode.NOT_AN_OBJECT, "",
                        "an event is a JSON object, but this is " + Violations.describe(root));
            }
            return ParseResult.accepted(dispatch((ObjectNode) root, "", null, clock.instant()));
        } catch (Reject r) {
            return new ParseResult.Rejected(r.rejection);
        } catch (RuntimeException | StackOverflowError e) {
            return internalError(e);
        }
    }

    /** Parses one event from text (e.g. a line of a JSON Lines file). Never throws. */
    public ParseResult parse(String json) {
        try {
            if (json == null) return ParseResult.rejected(RejectionCode.MALFORMED_JSON, "", "no input (null)");
            if (json.length() > maxEventBytes) { // every char takes at least one byte of UTF-8
                return ParseResult.rejected(RejectionCode.TOO_LARGE, "", "the event is more than "
                        + maxEventBytes + " bytes of UTF-8; at most " + maxEventBytes + " bytes are accepted");
            }
            int bad = Utf8.firstUnpairedSurrogate(json);
            if (bad >= 0) {
                return ParseResult.rejected(RejectionCode.INVALID_ENCODING, "", "the text has an unpaired "
                        + "UTF-16 surrogate at index " + bad + ", which has no UTF-8 encoding");
            }
            return parse(json.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException | StackOverflowError e) {
            return internalError(e);
        }
    }

    private static ParseResult internalError(Throwable e) {
        return ParseResult.rejected(RejectionCode.INTERNAL_ERROR, "", "the parser failed on this input ("
                + e.getClass().getName() + "); the event is kept as rejected — please report it");
    }

    // ---------------------------------------------------------------- formats

    private Event dispatch(ObjectNode o, String base, String envelopeId, Instant now) {
        JsonNode typeNode = o.get("type");
        if (envelopeId == null && (o.has("detail-type") || (typeNode == null && o.has("detail")))) {
            return eventBridge(o, now);
        }
        if (typeNode == null) {
            throw new Reject(RejectionCode.UNKNOWN_FORMAT, base, "not a native event, Segment payload or "
                    + "EventBridge envelope: there is no 'type' member"
                    + (envelopeId == null ? " (and no 'detail-type')" : ""));
        }
        if (!typeNode.isTextual()) {
            throw new Reject(RejectionCode.WRONG_TYPE, base + "/type",
                    "'type' must be a string, but is " + Violations.describe(typeNode));
        }
        Event.SourceFormat wrapped = envelopeId != null ? Event.SourceFormat.EVENTBRIDGE : null;
        String type = typeNode.textValue();
        switch (type) {
            case "track", "page", "screen", "alias":
                return segment(o, base, type, envelopeId, wrapped, now);
            case "identify":
                // native identify has eventId/occurredAt; Segment identify has messageId/timestamp
                if (o.has("eventId") || o.has("occurredAt")) break;
                return segment(o, base, type, envelopeId, wrapped, now);
            case "group":
                throw new Reject(RejectionCode.UNKNOWN_TYPE, base + "/type",
                        "Segment 'group' calls are not accepted; accepted Segment types: " + SEGMENT_TYPES);
            default:
                break;
        }
        EventType eventType = EventType.fromWireName(type);
        if (eventType == null) {
            throw new Reject(RejectionCode.UNKNOWN_TYPE, base + "/type", "unknown event type '"
                    + Violations.abbreviate(type) + "'; accepted: " + NATIVE_TYPES + " and Segment " + SEGMENT_TYPES);
        }
        return nativeEvent(o, base, eventType, envelopeId, wrapped, now);
    }

    private static final List<String> NATIVE_TYPES =
            java.util.Arrays.stream(EventType.values()).map(EventType::wireName).toList();

    private Event eventBridge(ObjectNode o, Instant now) {
        validate(eventBridgeEnvelope, o, Violations.Paths.prefixed(""), Map.of());
        String id = o.get("id").textValue();
        identifier(id, "/id");
        return dispatch((ObjectNode) o.get("detail"), "/detail", id, now);
    }

    private Event nativeEvent(ObjectNode o, String base, EventType type, String envelopeId,
                              Event.SourceFormat wrapped, Instant now) {
        Draft d = new Draft(base, wrapped != null ? wrapped : Event.SourceFormat.NATIVE, now);
        d.type = type;
        d.eventIdPath = base + "/eventId";
        if (envelopeId != null && !o.has("eventId")) {
            o.put("eventId", envelopeId);
            d.eventIdPath = "/id";
        }
        validate(nativeEnvelope, o, Violations.Paths.prefixed(base), Map.of());
        d.eventId = text(o, "eventId");
        d.userId = text(o, "userId");
        d.userIdPath = base + "/userId";
        d.anonymousId = text(o, "anonymousId");
        d.anonymousIdPath = base + "/anonymousId";
        d.occurredAtPath = base + "/occurredAt";
        d.occurredAt = instant(text(o, "occurredAt"), d.occurredAtPath);
        JsonNode properties = o.get("properties");
        d.properties = properties instanceof ObjectNode p ? p : NODES.objectNode();
        d.propertyPaths = Violations.Paths.prefixed(base + "/properties");
        return finish(d);
    }

    private Event segment(ObjectNode o, String base, String type, String envelopeId,
                          Event.SourceFormat wrapped, Instant now) {
        Draft d = new Draft(base, wrapped != null ? wrapped : Event.SourceFormat.SEGMENT, now);
        d.eventIdPath = base + "/messageId";
        if (envelopeId != null && !o.has("messageId")) {
            o.put("messageId", envelopeId);
            d.eventIdPath = "/id";
        }
        validate(segmentSchemas.get(type), o, Violations.Paths.prefixed(base), Map.of());
        d.eventId = text(o, "messageId");
        d.userId = text(o, "userId");
        d.userIdPath = base + "/userId";
        d.anonymousId = text(o, "anonymousId");
        d.anonymousIdPath = base + "/anonymousId";
        segmentTime(o, base, d);
        switch (type) {
            case "identify" -> {
                d.type = EventType.IDENTIFY;
                d.payload = new Payload.Identify();
            }
            case "alias" -> {
                d.type = EventType.IDENTIFY;
                d.anonymousId = text(o, "previousId");
                d.anonymousIdPath = base + "/previousId";
                d.payload = new Payload.Identify();
            }
            case "page", "screen" -> {
                d.type = EventType.SESSION_STARTED;
                d.payload = new Payload.Session("segment:" + type);
            }
            default -> track(o, base, d);
        }
        return finish(d);
    }

    /**
     * Segment semantics: {@code timestamp} is when it happened (Segment has already corrected it for
     * client clock skew). Without it: {@code originalTimestamp}, corrected by
     * {@code receivedAt − (sentAt − originalTimestamp)} when sentAt and receivedAt are both present;
     * then {@code sentAt}; then {@code receivedAt}.
     */
    private void segmentTime(ObjectNode o, String base, Draft d) {
        String timestamp = text(o, "timestamp");
        if (timestamp != null) {
            d.occurredAtPath = base + "/timestamp";
            d.occurredAt = instant(timestamp, d.occurredAtPath);
            return;
        }
        String original = text(o, "originalTimestamp");
        String sent = text(o, "sentAt");
        String received = text(o, "receivedAt");
        if (original != null) {
            d.occurredAtPath = base + "/originalTimestamp";
            Instant at = instant(original, d.occurredAtPath);
            if (sent != null && received != null) {
                Instant sentAt = instant(sent, base + "/sentAt");
                Instant receivedAt = instant(received, base + "/receivedAt");
                at = receivedAt.minus(Duration.between(at, sentAt));
            }
            d.occurredAt = at;
        } else if (sent != null) {
            d.occurredAtPath = base + "/sentAt";
            d.occurredAt = instant(sent, d.occurredAtPath);
        } else if (received != null) {
            d.occurredAtPath = base + "/receivedAt";
            d.occurredAt = instant(received, d.occurredAtPath);
        } else {
            throw new Reject(RejectionCode.MISSING_FIELD, base + "/timestamp",
                    "a Segment payload needs 'timestamp' (or originalTimestamp, sentAt or receivedAt)");
        }
    }

    /** A Segment track: by the configured name map, else activity. */
    private void track(ObjectNode o, String base, Draft d) {
        String name = o.get("event").textValue();
        String problem = Identifiers.problem(name); // the schema cannot see unpaired surrogates
        if (problem != null) throw new Reject(RejectionCode.SCHEMA_VIOLATION, base + "/event", "'event' " + problem);
        ParserSettings.SegmentTrackRule rule = trackRules.get(name);
        EventType target = rule == null ? EventType.SESSION_STARTED : EventType.fromWireName(rule.type());
        d.type = target;
        switch (target) {
            case SESSION_STARTED -> {
                d.payload = new Payload.Session("segment:track:" + name);
                return;
            }
            case CONTENT_SHARED -> {
                d.payload = new Payload.ContentShared();
                return;
            }
            case IDENTIFY -> {
                d.payload = new Payload.Identify();
                return;
            }
            default -> { /* mapped properties below */ }
        }
        JsonNode props = o.get("properties");
        ObjectNode src = props instanceof ObjectNode p ? p : NODES.objectNode();
        String srcBase = base + "/properties";
        ObjectNode mapped = NODES.objectNode();
        Map<String, String> paths = new HashMap<>(4);
        switch (target) {
            case ORDER_PAID, ORDER_REFUNDED -> {
                String idMember = rule.orderIdProperty();
                copy(src, idMember, mapped, "orderId");
                paths.put("orderId", srcBase + "/" + Violations.escape(idMember));
                String amountPath = null;
                for (String member : rule.amountProperties()) {
                    JsonNode v = src.get(member);
                    if (v != null && !v.isNull()) {
                        mapped.set("amount", v);
                        amountPath = srcBase + "/" + Violations.escape(member);
                        break;
                    }
                }
                if (amountPath == null) {
                    amountPath = srcBase + "/" + Violations.escape(rule.amountProperties().get(0));
                    d.hints = Map.of("amount", "'" + Violations.abbreviate(name) + "' needs its amount in "
                            + String.join(" or ", rule.amountProperties()) + "; none is present");
                }
                paths.put("amount", amountPath);
                JsonNode c = src.get("currency");
                if (c == null || c.isNull()) {
                    mapped.put("currency", currency); // Segment payloads often omit it: the deployment currency
                } else if (c.isTextual()) {
                    mapped.put("currency", c.textValue().toUpperCase(Locale.ROOT));
                } else {
                    mapped.set("currency", c);
                }
                paths.put("currency", srcBase + "/currency");
            }
            case USER_REGISTERED -> {
                JsonNode campaign = member(o.get("context"), "campaign");
                JsonNode channel = src.get("channel");
                if (present(channel)) {
                    mapped.set("channel", channel);
                    paths.put("channel", srcBase + "/channel");
                } else if (present(member(campaign, "source"))) {
                    mapped.set("channel", campaign.get("source"));
                    paths.put("channel", base + "/context/campaign/source");
                } else {
                    mapped.put("channel", "unknown");
                    paths.put("channel", srcBase + "/channel");
                }
                if (present(member(campaign, "name"))) {
                    mapped.set("campaign", campaign.get("name"));
                    paths.put("campaign", base + "/context/campaign/name");
                } else if (present(src.get("campaign"))) {
                    mapped.set("campaign", src.get("campaign"));
                    paths.put("campaign", srcBase + "/campaign");
                }
            }
            case CONTENT_POSTED -> firstOf(src, srcBase, mapped, paths, "contentId", "contentId", "content_id");
            case REFERRAL_CONVERTED ->
                    firstOf(src, srcBase, mapped, paths, "referredUserId", "referredUserId", "referred_user_id");
            default -> throw new IllegalStateException("unmappable track rule type " + target);
        }
        d.properties = mapped;
        d.propertyPaths = relative -> {
            if (relative.isEmpty()) return srcBase;
            int slash = relative.indexOf('/', 1);
            String first = Violations.unescape(slash < 0 ? relative.substring(1) : relative.substring(1, slash));
            String path = paths.get(first);
            if (path == null) return srcBase + relative;
            return slash < 0 ? path : path + relative.substring(slash);
        };
    }

    private static void copy(ObjectNode from, String member, ObjectNode to, String as) {
        JsonNode v = from.get(member);
        if (v != null) to.set(as, v);
    }

    private static void firstOf(ObjectNode src, String srcBase, ObjectNode mapped, Map<String, String> paths,
                                String as, String... members) {
        paths.put(as, srcBase + "/" + members[members.length - 1]);
        for (String m : members) {
            JsonNode v = src.get(m);
            if (v != null && !v.isNull()) {
                mapped.set(as, v);
                paths.put(as, srcBase + "/" + m);
                return;
            }
        }
    }

    private static JsonNode member(JsonNode node, String name) {
        return node instanceof ObjectNode o ? o.get(name) : null;
    }

    private static boolean present(JsonNode v) {
        return v != null && !v.isNull() && !(v.isTextual() && v.textValue().isBlank());
    }

    // ---------------------------------------------------------------- common checks

    private Event finish(Draft d) {
        if (!d.type.isCompanyEvent() && d.userId == null && d.anonymousId == null) {
            throw new Reject(RejectionCode.MISSING_IDENTITY, d.base,
                    "a user event needs a non-null userId or anonymousId (or both)");
        }
        identifier(d.eventId, d.eventIdPath);
        if (d.userId != null) identifier(d.userId, d.userIdPath);
        if (d.anonymousId != null) identifier(d.anonymousId, d.anonymousIdPath);
        checkTime(d.occurredAt, d.occurredAtPath, d.now);
        Payload payload = d.payload != null ? d.payload : payload(d);
        return new Event(d.eventId, d.userId, d.anonymousId, d.occurredAt, payload, d.format);
    }

    private Payload payload(Draft d) {
        validate(propertiesSchemas.get(d.type), d.properties, d.propertyPaths, d.hints);
        ObjectNode p = d.properties;
        return switch (d.type) {
            case USER_REGISTERED -> new Payload.Registration(label(p, "channel", d), label(p, "campaign", d));
            case SESSION_STARTED -> {
                String source = label(p, "source", d);
                // an informational label: a blank one says nothing, so it gets the default
                yield new Payload.Session(source != null && !source.isBlank() ? source : NATIVE_SOURCE);
            }
            case ORDER_PAID -> new Payload.OrderPaid(id(p, "orderId", d), money(p, d));
            case ORDER_REFUNDED -> new Payload.OrderRefunded(id(p, "orderId", d), money(p, d));
            case REFERRAL_CONVERTED -> new Payload.ReferralConverted(id(p, "referredUserId", d));
            case CONTENT_SHARED -> new Payload.ContentShared();
            case CONTENT_POSTED -> new Payload.ContentPosted(id(p, "contentId", d));
            case IDENTIFY -> new Payload.Identify();
            case ACQUISITION_COST -> new Payload.AcquisitionCost(label(p, "channel", d), money(p, d), date(p, d));
        };
    }

    private String id(ObjectNode p, String member, Draft d) {
        String v = text(p, member);
        identifier(v, d.propertyPaths.map("/" + member));
        return v;
    }

    private String label(ObjectNode p, String member, Draft d) {
        String v = text(p, member);
        if (v != null) {
            String problem = Identifiers.problem(v);
            if (problem != null) {
                String path = d.propertyPaths.map("/" + member);
                throw new Reject(RejectionCode.SCHEMA_VIOLATION, path, Violations.quoted(path) + " " + problem);
            }
        }
        return v;
    }

    private static void identifier(String value, String path) {
        String problem = value == null ? "is missing" : Identifiers.problem(value);
        if (problem != null) {
            throw new Reject(RejectionCode.INVALID_IDENTIFIER, path, Violations.quoted(path) + " " + problem);
        }
    }

    private static Instant instant(String text, String path) {
        Instant at = text == null ? null : Rfc3339.parseInstant(text);
        if (at == null) {
            throw new Reject(RejectionCode.INVALID_TIMESTAMP, path, Violations.quoted(path)
                    + " is not an RFC 3339 timestamp with a time-zone offset (e.g. 2026-11-20T10:00:00Z): "
                    + Violations.abbreviate(String.valueOf(text)));
        }
        return at;
    }

    private void checkTime(Instant at, String path, Instant now) {
        Instant latest = now.plus(maxFutureSkew);
        if (at.isAfter(latest)) {
            throw new Reject(RejectionCode.TIMESTAMP_IN_FUTURE, path, Violations.quoted(path) + " " + at
                    + " is more than " + settings.maxFutureSkewHours() + " h after the time of receipt " + now);
        }
        if (at.isBefore(earliest)) {
            throw new Reject(RejectionCode.TIMESTAMP_TOO_OLD, path, Violations.quoted(path) + " " + at
                    + " is before the earliest accepted time " + earliest);
        }
    }

    private LocalDate date(ObjectNode p, Draft d) {
        String path = d.propertyPaths.map("/date");
        String text = text(p, "date");
        LocalDate date = text == null ? null : Rfc3339.parseDate(text);
        if (date == null) {
            throw new Reject(RejectionCode.INVALID_TIMESTAMP, path, Violations.quoted(path)
                    + " is not a calendar date YYYY-MM-DD: " + Violations.abbreviate(String.valueOf(text)));
        }
        LocalDate latest = LocalDate.ofInstant(d.now.plus(maxFutureSkew), ZoneOffset.UTC);
        if (date.isAfter(latest)) {
            throw new Reject(RejectionCode.TIMESTAMP_IN_FUTURE, path, Violations.quoted(path) + " " + date
                    + " is in the future (latest accepted: " + latest + ")");
        }
        LocalDate first = LocalDate.ofInstant(earliest, ZoneOffset.UTC);
        if (date.isBefore(first)) {
            throw new Reject(RejectionCode.TIMESTAMP_TOO_OLD, path, Violations.quoted(path) + " " + date
                    + " is before the earliest accepted date " + first);
        }
        return date;
    }

    /** The amount in the deployment currency, converted exactly when a rate is configured, kept to 3 decimals. */
    private Money money(ObjectNode p, Draft d) {
        String amountPath = d.propertyPaths.map("/amount");
        String name = Violations.quoted(amountPath);
        JsonNode amountNode = p.get("amount");
        if (amountNode == null || !amountNode.isNumber()) {
            throw new Reject(RejectionCode.WRONG_TYPE, amountPath, name + " must be a number");
        }
        BigDecimal amount = amountNode.decimalValue();
        if (amount.signum() <= 0) {
            throw new Reject(RejectionCode.INVALID_AMOUNT, amountPath, name + " must be greater than 0");
        }
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            throw new Reject(RejectionCode.INVALID_AMOUNT, amountPath,
                    name + " is larger than the maximum of " + MAX_AMOUNT);
        }
        String code = text(p, "currency");
        BigDecimal value = amount;
        if (!currency.equals(code)) {
            BigDecimal rate = code == null ? null : rates.get(code);
            if (rate == null) {
                throw new Reject(RejectionCode.CURRENCY_NOT_ACCEPTED, d.propertyPaths.map("/currency"),
                        "currency " + Violations.abbreviate(String.valueOf(code)) + " is not accepted: this "
                                + "deployment counts money in " + currency
                                + (rates.isEmpty() ? "" : " and converts " + String.join(", ", rates.keySet())));
            }
            value = amount.multiply(rate);
            if (value.compareTo(MAX_AMOUNT) > 0) {
                throw new Reject(RejectionCode.INVALID_AMOUNT, amountPath, name + " converted to " + currency
                        + " is larger than the maximum of " + MAX_AMOUNT);
            }
        }
        if (value.compareTo(HALF_MILLI) <= 0) {
            throw new Reject(RejectionCode.INVALID_AMOUNT, amountPath, name + " " + amount
                    + (value == amount ? "" : " (" + currency + " " + value + ")")
                    + " rounds to 0 at 3 decimal places");
        }
        return Money.of(value, currency);
    }

    private static void validate(JsonSchema schema, JsonNode node, Violations.Paths paths, Map<String, String> hints) {
        if (Boolean.TRUE.equals(schema.validate(node, OutputFormat.BOOLEAN))) return; // fast path: valid
        Set<ValidationMessage> messages = schema.validate(node);
        if (messages.isEmpty()) return;
        throw new Reject(Violations.select(messages, paths, hints));
    }

    private static String text(ObjectNode o, String member) {
        JsonNode v = o.get(member);
        return v == null || !v.isTextual() ? null : v.textValue();
    }

    /** What one input has been mapped to so far. */
    private static final class Draft {
        final String base;
        final Event.SourceFormat format;
        final Instant now;
        EventType type;
        String eventId;
        String eventIdPath;
        String userId;
        String userIdPath;
        String anonymousId;
        String anonymousIdPath;
        Instant occurredAt;
        String occurredAtPath;
        /** Fixed payload (Segment identify/page/screen/unmapped track), or null to build from properties. */
        Payload payload;
        ObjectNode properties;
        Violations.Paths propertyPaths;
        Map<String, String> hints = Map.of();

        Draft(String base, Event.SourceFormat format, Instant now) {
            this.base = base;
            this.format = format;
            this.now = now;
        }
    }
}
