package io.userasset.adapters.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userasset.ports.EventPublisher;
import io.userasset.tables.ResourceCatalog;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The local stand-in for the bus: each event goes to a queue wrapped in the same envelope an
 * EventBridge rule with an SQS target would deliver (source, detail-type, time, detail), so a
 * consumer reads the same shape locally and in AWS.
 */
public final class SqsEventPublisher implements EventPublisher {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final String queueUrl;
    private final Clock clock;

    public SqsEventPublisher(SqsClient sqs, String queueUrl, Clock clock) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.clock = clock;
    }

    @Override
    public void publish(String detailType, List<String> documents) {
        List<String> bodies = new ArrayList<>(documents.size());
        for (String d : documents) {
            try {
                JsonNode detail = JSON.readTree(d);
                ObjectNode envelope = JSON.createObjectNode();
                envelope.put("version", "0");
                envelope.put("id", UUID.randomUUID().toString());
                envelope.put("detail-type", detailType);
                envelope.put("source", ResourceCatalog.EVENT_SOURCE);
                envelope.put("time", clock.instant().toString());
                envelope.set("detail", detail);
                bodies.add(JSON.writeValueAsString(envelope));
            } catch (IOException e) {
                throw new UncheckedIOException("event document is not JSON", e);
            }
        }
        SqsBatches.send(sqs, queueUrl, bodies);
    }
}
