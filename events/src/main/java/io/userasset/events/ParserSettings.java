package io.userasset.events;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
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
