package io.userasset.events;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Input contract limits and format mappings (SPEC §2). Bound from the "events" section of the
 * engine's configuration file, whose comments document every default.
 *
 * @param maxEventBytes      largest accepted payload, in bytes of UTF-8
 * @param maxJsonDepth       deepest accepted JSON nesting
 * @param maxFutureSkewHours how far in the future (from the parser's clock) a timestamp may lie
 * @param earliestTimestamp  the oldest accepted timestamp (ISO-8601 instant)
 * @param currency           the deployment currency (ISO 4217)
 * @param exchangeRates      other accepted currencies, each with the rate converting 1 unit into the deployment currency
 * @param segmentTrack       Segment `track` event name → the native event it becomes; unmapped names count as activity
 */
public record ParserSettings(int maxEventBytes, int maxJsonDepth, int maxFutureSkewHours, String earliestTimestamp,
                             String currency, Map<String, BigDecimal> exchangeRates,
                             Map<String, SegmentTrackRule> segmentTrack) {

    /**
     * The documented defaults. This MIRRORS the "events:" section of
     * shared/src/main/resources/userasset-defaults.yaml by hand (the events module cannot read the
     * shared module's resources); change both together. The engine itself binds the YAML, so this is
     * for tests, tools and embedding the parser without the configuration loader.
     */
    public static ParserSettings defaults() {
        Map<String, SegmentTrackRule> track = new LinkedHashMap<>();
        track.put("Order Completed", new SegmentTrackRule("order_paid", List.of("revenue", "total"), "order_id"));
        track.put("Order Refunded", new SegmentTrackRule("order_refunded", List.of("revenue", "total"), "order_id"));
        track.put("Signed Up", new SegmentTrackRule("user_registered", List.of(), "order_id"));
        return new ParserSettings(65536, 32, 24, "1990-01-01T00:00:00Z", "USD", Map.of(),
                java.util.Collections.unmodifiableMap(track));
    }

    /** A copy with other exchange rates (1 unit of the key currency = rate units of the deployment currency). */
    public ParserSettings withExchangeRates(Map<String, BigDecimal> rates) {
        return new ParserSettings(maxEventBytes, maxJsonDepth, maxFutureSkewHours, earliestTimestamp, currency,
                Map.copyOf(rates), segmentTrack);
    }

    public Duration maxFutureSkew() {
        return Duration.ofHours(maxFutureSkewHours);
    }

    public Instant earliest() {
        return Instant.parse(earliestTimestamp);
    }

    /**
     * @param type             the native event type (wire name) the track name becomes
     * @param amountProperties properties tried in order for the amount (e.g. revenue, then total)
     * @param orderIdProperty  the property holding the order id
     */
    public record SegmentTrackRule(String type, List<String> amountProperties, String orderIdProperty) {}
}
