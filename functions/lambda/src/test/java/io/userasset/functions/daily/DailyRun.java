package io.userasset.functions.daily;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userasset.functions.LocalEngine;
import io.userasset.localcloud.LocalCloud;
import io.userasset.localcloud.LocalSqsEventSource;
import io.userasset.tables.ResourceCatalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Runs the daily job for a day through the real queues, as the event source mappings would, and reads what it wrote. */
public final class DailyRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DailyRun() {}

    public record Output(List<JsonNode> snapshotRows, JsonNode metrics, List<JsonNode> alerts) {}

    public static void run(LocalEngine local, LocalDate day, int segments) {
        LocalCloud cloud = local.cloud;
        new DailyCoordinatorHandler(local.engine).handleRequest(Map.of("date", day.toString(), "segments", segments), null);
        LocalSqsEventSource work = new LocalSqsEventSource(cloud.sqs(), cloud.queueUrl(ResourceCatalog.DAILY_WORK),
                new DailyWorkerHandler(local.engine), 1, Duration.ZERO);
        LocalSqsEventSource reduce = new LocalSqsEventSource(cloud.sqs(), cloud.queueUrl(ResourceCatalog.DAILY_REDUCE),
                new DailyReducerHandler(local.engine), 1, Duration.ZERO);
        while (work.pollOnce() + reduce.pollOnce() > 0 || pending(cloud)) {
            // measure → fit → score → finalize, each step enqueued by the one before
        }
    }

    private static boolean pending(LocalCloud cloud) {
        for (var q : List.of(ResourceCatalog.DAILY_WORK, ResourceCatalog.DAILY_REDUCE)) {
            var a = cloud.sqs().getQueueAttributes(b -> b.queueUrl(cloud.queueUrl(q)).attributeNamesWithStrings(
                    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
            if (Long.parseLong(a.get("ApproximateNumberOfMessages")) + Long.parseLong(a.get("ApproximateNumberOfMessagesNotVisible")) > 0) {
                return true;
            }
        }
        return false;
    }

    public static Output read(LocalCloud cloud, LocalDate day) {
        try {
            List<JsonNode> rows = new ArrayList<>();
            for (var o : cloud.s3().listObjectsV2(b -> b.bucket(LocalCloud.BUCKET).prefix("snapshots/dt=" + day + "/")).contents()) {
                try (InputStream in = new GZIPInputStream(cloud.s3().getObject(b -> b.bucket(LocalCloud.BUCKET).key(o.key())))) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        if (!line.isBlank()) rows.add(JSON.readTree(line));
                    }
                }
            }
            rows.sort(Comparator.comparing(r -> r.get("userId").asText()));
            JsonNode metrics = JSON.readTree(cloud.s3().getObjectAsBytes(b -> b.bucket(LocalCloud.BUCKET)
                    .key("metrics/dt=" + day + "/metrics.json")).asByteArray());
            List<JsonNode> alerts = new ArrayList<>();
            while (true) {
                var messages = cloud.sqs().receiveMessage(b -> b.queueUrl(cloud.queueUrl(ResourceCatalog.LOCAL_ALERTS))
                        .maxNumberOfMessages(10)).messages();
                if (messages.isEmpty()) break;
                for (var m : messages) {
                    alerts.add(JSON.readTree(m.body()).get("detail"));
                    cloud.sqs().deleteMessage(b -> b.queueUrl(cloud.queueUrl(ResourceCatalog.LOCAL_ALERTS)).receiptHandle(m.receiptHandle()));
                }
            }
            return new Output(rows, metrics, alerts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
