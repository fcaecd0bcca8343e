package io.userasset.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;

import static io.userasset.events.TestSupport.accepted;
import static io.userasset.events.TestSupport.bytes;
import static io.userasset.events.TestSupport.datasets;
import static io.userasset.events.TestSupport.json;
import static io.userasset.events.TestSupport.parser;
import static io.userasset.events.TestSupport.rejected;
import static io.userasset.events.TestSupport.samples;
import static io.userasset.events.TestSupport.text;
import static io.userasset.events.TestSupport.trackPayloadFromJs;
import static org.assertj.core.api.Assertions.assertThat;

/** The public Segment spec's own example payloads (../shared/datasets/segment-spec/) are accepted and mapped. */
class SegmentSpecDatasetTest {

    private static Path spec(String file) {
        return datasets().resolve("segment-spec").resolve(file);
    }

    private static Event parse(String file) {
        return accepted(parser().parse(bytes(spec(file))));
    }

    @Test
    void trackCompleteExampleIsActivity() {
        Event e = parse("track_complete_example.json");
        assertThat(e.format()).isEqualTo(Event.SourceFormat.SEGMENT);
        assertThat(e.type()).isEqualTo(EventType.SESSION_STARTED);
        assertThat(e.payload()).isEqualTo(new Payload.Session("segment:track:Course Clicked"));
        assertThat(e.eventId()).isEqualTo("ajs-f8ca1e4de5024d9430b3928bd8ac6b96");
        assertThat(e.userId()).isEqualTo("AiUGstSDIg");
        assertThat(e.anonymousId()).isEqualTo("23adfd82-aa0f-45a7-a756-24f2a7a4c895");
        // timestamp wins over originalTimestamp (Segment already corrected it for clock skew)
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2015-12-12T19:11:01.249Z"));
        assertThat(e.type().makesActive()).isTrue();
    }

    @Test
    void commonFieldsTrackExampleIsAccepted() {
        Event e = parse("common_fields_track_example.json");
        assertThat(e.payload()).isEqualTo(new Payload.Session("segment:track:Report Submitted"));
        assertThat(e.userId()).isEqualTo("97980cfea0067");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2015-12-10T04:08:31.905Z"));
    }

    @Test
    void identifyExampleLinksAnonymousIdToUser() {
        Event e = parse("identify_complete_example.json");
        assertThat(e.type()).isEqualTo(EventType.IDENTIFY);
        assertThat(e.userId()).isEqualTo("97980cfea0067");
        assertThat(e.anonymousId()).isEqualTo("507f191e810c19729de860ea");
        assertThat(e.eventId()).isEqualTo("022bb90c-bbac-11e4-8dfc-aa07a5b093db");
        assertThat(e.type().makesActive()).isFalse();
    }

    @Test
    void pageExampleIsActivity() {
        Event e = parse("page_complete_example.json");
        assertThat(e.payload()).isEqualTo(new Payload.Session("segment:page"));
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2015-02-23T22:28:55.111Z"));
    }

    @Test
    void aliasExampleLinksPreviousIdToUser() {
        Event e = parse("alias_complete_example.json");
        assertThat(e.type()).isEqualTo(EventType.IDENTIFY);
        assertThat(e.userId()).isEqualTo("507f191e81");
        assertThat(e.anonymousId()).as("previousId, not the payload's anonymousId").isEqualTo("39239-239239-239239-23923");
    }

    @Test
    void orderCompletedExampleBecomesOrderPaidWithRevenue() {
        ObjectNode payload = trackPayloadFromJs(spec("ecommerce_v2_order_completed.js"), "ajs-oc-1", "u-1", null,
                "2026-11-20T10:30:00.000Z");
        Event e = accepted(parser().parse(text(payload)));
        assertThat(e.type()).isEqualTo(EventType.ORDER_PAID);
        Payload.OrderPaid paid = (Payload.OrderPaid) e.payload();
        assertThat(paid.orderId()).isEqualTo("50314b8e9bcf000000000000");
        // revenue (22.50) is tried before total (27.50): the configured amountProperties order
        assertThat(paid.amount()).isEqualTo(Money.of(new BigDecimal("22.50"), "USD"));
        assertThat(e.userId()).isEqualTo("u-1");
    }

    @Test
    void orderRefundedExampleBecomesOrderRefundedWithTotal() {
        ObjectNode payload = trackPayloadFromJs(spec("ecommerce_v2_order_refunded.js"), "ajs-or-1", null, "anon-1",
                "2026-11-20T11:00:00.000Z");
        Event e = accepted(parser().parse(text(payload)));
        assertThat(e.type()).isEqualTo(EventType.ORDER_REFUNDED);
        assertThat(e.payload()).isEqualTo(new Payload.OrderRefunded("50314b8e9bcf000000000000",
                Money.of(new BigDecimal("30"), "USD")));
        assertThat(e.profileKey()).isEqualTo(ProfileKey.anonymous("anon-1"));
    }

    @Test
    void theCommittedEcommerceSamplesCarryTheSpecPropertiesVerbatim() {
        for (String[] pair : new String[][] {
                {"ecommerce_v2_order_completed.js", "segment-track-order-completed.json"},
                {"ecommerce_v2_order_refunded.js", "segment-track-order-refunded.json"}}) {
            JsonNode fromJs = trackPayloadFromJs(spec(pair[0]), "m", "u", null, "2026-11-20T10:30:00.000Z");
            JsonNode sample = json(samples("valid").resolve(pair[1]));
            assertThat(sample.get("event")).isEqualTo(fromJs.get("event"));
            assertThat(sample.get("properties")).as(pair[1]).isEqualTo(fromJs.get("properties"));
        }
    }

    @Test
    void aTrackWithNeitherUserIdNorAnonymousIdIsRejected() {
        ObjectNode payload = (ObjectNode) json(spec("track_complete_example.json"));
        payload.remove("userId");
        payload.remove("anonymousId");
        Rejection r = rejected(parser().parse(text(payload)));
        assertThat(r.code()).isEqualTo(RejectionCode.MISSING_IDENTITY);
        assertThat(r.path()).isEmpty();

        payload.putNull("userId");
        payload.putNull("anonymousId");
        assertThat(rejected(parser().parse(text(payload))).code()).isEqualTo(RejectionCode.MISSING_IDENTITY);
    }

    @Test
    void theSpecExamplesConformToTheSegmentSchemas() {
        String[][] files = {{"track_complete_example.json", "segment/track"},
                {"common_fields_track_example.json", "segment/track"},
                {"identify_complete_example.json", "segment/identify"},
                {"page_complete_example.json", "segment/page"},
                {"alias_complete_example.json", "segment/alias"}};
        for (String[] f : files) {
            assertThat(ContractSchemas.validate(f[1], json(spec(f[0])))).as(f[0]).isEmpty();
        }
    }
}
