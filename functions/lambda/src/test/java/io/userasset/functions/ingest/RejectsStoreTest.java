package io.userasset.functions.ingest;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userasset.functions.LocalEngine;
import io.userasset.functions.ProjectFiles;
import io.userasset.localcloud.LocalCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 3: every invalid sample lands in the rejects store with its reason; nothing is retried forever. */
class RejectsStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalCloud cloud;
    private static LocalEngine local;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start();
        local = new LocalEngine(cloud);
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void everyInvalidSampleIsStoredWithItsReasonAndAcknowledged() throws IOException {
        Path invalid = ProjectFiles.samples().resolve("invalid");
        JsonNode manifest = JSON.readTree(invalid.resolve("expected-rejections.json").toFile());
        KinesisEvent event = EventLoader.loadKinesisEvent(ProjectFiles.datasets()
                .resolve("lambda-events/java-libs_kinesis_event.json").toString());
        KinesisEvent.KinesisEventRecord template = event.getRecords().get(0);
        List<KinesisEvent.KinesisEventRecord> records = new ArrayList<>();
        for (Iterator<String> names = manifest.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            KinesisEvent.KinesisEventRecord r = new KinesisEvent.KinesisEventRecord();
            KinesisEvent.Record k = new KinesisEvent.Record();
            k.setSequenceNumber("sample:" + name);
            k.setPartitionKey(template.getKinesis().getPartitionKey());
            k.setData(ByteBuffer.wrap(Files.readAllBytes(invalid.resolve(name))));
            r.setKinesis(k);
            r.setEventSource(template.getEventSource());
            records.add(r);
        }
        event.setRecords(records);

        StreamsEventResponse response = new KinesisIngestHandler(local.engine).handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        Map<String, JsonNode> stored = storedRejects();
        assertThat(records).hasSize(manifest.size()).hasSizeGreaterThan(50);
        for (Iterator<Map.Entry<String, JsonNode>> it = manifest.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> expected = it.next();
            JsonNode line = stored.get("sample:" + expected.getKey());
            assertThat(line).as("rejection of %s", expected.getKey()).isNotNull();
            assertThat(line.get("code").asText()).as("code of %s", expected.getKey()).isEqualTo(expected.getValue().get("code").asText());
            assertThat(line.get("path").asText()).as("path of %s", expected.getKey()).isEqualTo(expected.getValue().get("path").asText());
            assertThat(line.get("message").asText()).isNotBlank();
            long size = Files.size(invalid.resolve(expected.getKey()));
            assertThat(line.get("payloadBytes").asLong()).as("all bytes of %s kept", expected.getKey()).isEqualTo(size);
        }
    }

    @Test
    void realLambdaEventsWhoseBodiesAreNotEventsAreRejectedNotRetried() throws IOException {
        SQSEvent sqs = EventLoader.loadSQSEvent(ProjectFiles.datasets().resolve("lambda-events/java-libs_sqs_event_product.json").toString());
        SQSBatchResponse response = new SqsIngestHandler(local.engine).handleRequest(sqs, null);
        assertThat(response.getBatchItemFailures()).isEmpty();
        JsonNode line = storedRejects().get(sqs.getRecords().get(0).getMessageId());
        assertThat(line).isNotNull();
        assertThat(line.get("payload").asText()).contains("Product1234");
        assertThat(line.get("code").asText()).isIn("unknown_format", "missing_field");
    }

    private static Map<String, JsonNode> storedRejects() throws IOException {
        Map<String, JsonNode> out = new HashMap<>();
        var objects = cloud.s3().listObjectsV2(b -> b.bucket(LocalCloud.BUCKET).prefix("rejects/")).contents();
        for (var o : objects) {
            assertThat(o.key()).matches("rejects/dt=\\d{4}-\\d{2}-\\d{2}/.*\\.jsonl\\.gz");
            try (InputStream in = new GZIPInputStream(cloud.s3().getObject(b -> b.bucket(LocalCloud.BUCKET).key(o.key())))) {
                for (String l : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                    if (l.isBlank()) continue;
                    JsonNode line = JSON.readTree(l);
                    out.put(line.get("source").asText(), line);
                }
            }
        }
        return out;
    }
}
