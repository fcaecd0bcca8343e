package io.userasset.local.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userasset.adapters.InParallel;
import io.userasset.adapters.dynamodb.ProfileItems;
import io.userasset.adapters.s3.S3DailyFiles;
import io.userasset.domain.assessment.ModelSet;
import io.userasset.domain.assessment.ModelSetJson;
import io.userasset.localcloud.LocalCloud;
import io.userasset.ports.StoredProfile;
import io.userasset.tables.QueueSpec;
import io.userasset.tables.ResourceCatalog;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Copies what the engine wrote in the local cloud to the output directory — snapshots, metrics and
 * models from S3, actions and alerts from the queues standing in for the event bus — with the plain
 * clients: these reads are the user's, not the engine's, and are not counted in the cost report.
 */
public final class Exporter {
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINE = new ObjectMapper();
    private final LocalCloud cloud;
    private final Path out;

    public Exporter(LocalCloud cloud, Path out) {
        this.cloud = cloud;
        this.out = out;
    }

    /** Removes what an earlier run wrote into the same directory (only the files this tool writes). */
    public static void clean(Path out) {
        try {
            Files.createDirectories(out);
            for (String dir : List.of("snapshots", "metrics")) deleteTree(out.resolve(dir));
            for (String f : List.of("profiles.jsonl", "model.json", "actions.jsonl", "alerts.jsonl", "rejected.jsonl",
                    "summary.json", "report.html", "logs.jsonl", "ground-truth.jsonl", "dead-lettered.jsonl")) {
                Files.deleteIfExists(out.resolve(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + out, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** snapshots/dt=D/part-*.jsonl.gz for every day, as written to S3; returns the last day's rows sorted by user. */
    public List<JsonNode> copySnapshots(LocalDate lastDay) {
        String lastDayPrefix = ResourceCatalog.SNAPSHOT_PREFIX + "dt=" + lastDay + "/";
        List<Callable<List<JsonNode>>> copies = new ArrayList<>();
        for (S3Object o : list(ResourceCatalog.SNAPSHOT_PREFIX)) {
            copies.add(() -> {
                byte[] bytes = get(o.key());
                write(out.resolve(o.key()), bytes);
                return o.key().startsWith(lastDayPrefix) ? gzipLines(bytes) : List.of();
            });
        }
        List<JsonNode> last = new ArrayList<>();
        inParallel(copies).forEach(last::addAll);
        last.sort(Comparator.comparing(r -> r.path("userId").asText()));
        return last;
    }

    /** Reads every snapshot row of every day (from the copies), in day order, without keeping them. */
    public void forEachSnapshotRow(Consumer<JsonNode> row) {
        Path dir = out.resolve("snapshots");
        if (!Files.isDirectory(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                gzipLines(Files.readAllBytes(p)).forEach(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** metrics/DATE.json for every day; returns them by date. */
    public Map<LocalDate, JsonNode> copyMetrics() {
        List<Callable<Map.Entry<LocalDate, JsonNode>>> copies = new ArrayList<>();
        for (S3Object o : list(ResourceCatalog.METRICS_PREFIX)) {
            copies.add(() -> {
                byte[] bytes = get(o.key());
                String date = o.key().substring(o.key().indexOf("dt=") + 3, o.key().indexOf("dt=") + 13);
                write(out.resolve("metrics").resolve(date + ".json"), bytes);
                return Map.entry(LocalDate.parse(date), LINE.readTree(bytes));
            });
        }
        Map<LocalDate, JsonNode> byDay = new TreeMap<>();
        inParallel(copies).forEach(e -> byDay.put(e.getKey(), e.getValue()));
        return byDay;
    }

    /** The models the last daily job fitted (used from the next day on), or null when no job ran. */
    public ModelSet models(LocalDate lastDay) {
        try {
            byte[] bytes = cloud.s3().getObjectAsBytes(b -> b.bucket(LocalCloud.BUCKET)
                    .key(S3DailyFiles.MODELS_PREFIX + "dt=" + lastDay + "/model.json")).asByteArray();
            return ModelSetJson.fromJson(new String(bytes, StandardCharsets.UTF_8));
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    /**
     * model.json: {@code bgnbd} (r, alpha, a, b, timeUnit, logLikelihood, converged, …) and
     * {@code gammaGamma} (p, q, gamma, …) at the top level, then the scoring model (cut points,
     * means, value tables) — the engine's ModelSet document, rearranged for readers.
     */
    public ObjectNode writeModel(ModelSet models) {
        ObjectNode engine = (ObjectNode) readTree(ModelSetJson.toJson(models));
        ObjectNode doc = LINE.createObjectNode();
        Integer fitted = models.fittedDay();
        doc.put("fittedOn", fitted == null ? null : LocalDate.ofEpochDay(fitted).toString());
        doc.put("usedFrom", fitted == null ? null : LocalDate.ofEpochDay(fitted + 1L).toString());
        ObjectNode bgnbd = ((ObjectNode) engine.path("clv").path("bgnbd")).deepCopy();
        int unit = bgnbd.path("timeUnitDays").asInt(7);
        ObjectNode purchase = doc.putObject("bgnbd");
        purchase.put("timeUnit", unit + (unit == 1 ? " day" : " days"));
        purchase.setAll(bgnbd);
        doc.set("gammaGamma", engine.path("clv").path("gammaGamma"));
        doc.set("scoring", engine.path("scoring"));
        doc.put("schemaVersion", engine.path("clv").path("schemaVersion").asInt());
        write(out.resolve("model.json"), toPrettyBytes(doc));
        return doc;
    }

    /** Everything published to a bus stand-in queue (the EventBridge detail of each message), consumed. */
    public List<JsonNode> drainBus(QueueSpec queue) {
        String url = cloud.queueUrl(queue);
        List<JsonNode> out = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> receivers = new ArrayList<>();
        for (int i = 0; i < InParallel.CALLS; i++) {
            receivers.add(() -> {
                while (true) {
                    List<Message> messages = cloud.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
                    if (messages.isEmpty()) return null;
                    List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
                    for (int m = 0; m < messages.size(); m++) {
                        out.add(readTree(messages.get(m).body()).get("detail"));
                        entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(m))
                                .receiptHandle(messages.get(m).receiptHandle()).build());
                    }
                    cloud.sqs().deleteMessageBatch(b -> b.queueUrl(url).entries(entries));
                }
            });
        }
        inParallel(receivers);
        return new ArrayList<>(out);
    }

    /** Bodies left in a DLQ (not consumed). */
    public List<String> peekDlq(QueueSpec queue) {
        String url = cloud.dlqUrl(queue);
        List<String> bodies = new ArrayList<>();
        List<Message> messages;
        do {
            messages = cloud.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(60)).messages();
            messages.forEach(m -> bodies.add(m.body()));
        } while (!messages.isEmpty());
        return bodies;
    }

    /** Every identified user's stored profile (scanned with the plain client), for the holdout evaluation. */
    public List<StoredProfile> profiles(int windowWeeks) {
        List<StoredProfile> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        String table = cloud.tableName(ResourceCatalog.PROFILES);
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = cloud.dynamoDb().scan(b -> b.tableName(table).exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                StoredProfile p = ProfileItems.toProfile(item, windowWeeks);
                if (!p.key().isAnonymous()) out.add(p);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    public void writeLines(String file, Collection<? extends JsonNode> rows) {
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve(file), StandardCharsets.UTF_8)) {
            for (JsonNode row : rows) {
                w.write(LINE.writeValueAsString(row));
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public void writeJson(String file, JsonNode doc) {
        write(out.resolve(file), toPrettyBytes(doc));
    }

    public void writeText(String file, String text) {
        write(out.resolve(file), text.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] get(String key) {
        return cloud.s3().getObjectAsBytes(b -> b.bucket(LocalCloud.BUCKET).key(key)).asByteArray();
    }

    /** The calls side by side (an export is mostly S3 and SQS round trips); results in call order. */
    private static <T> List<T> inParallel(List<? extends Callable<T>> calls) {
        return InParallel.map(calls, call -> {
            try {
                return call.call();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private List<S3Object> list(String prefix) {
        List<S3Object> objects = new ArrayList<>();
        cloud.s3().listObjectsV2Paginator(b -> b.bucket(LocalCloud.BUCKET).prefix(prefix)).contents().forEach(objects::add);
        objects.sort(Comparator.comparing(S3Object::key));
        return objects;
    }

    static List<JsonNode> gzipLines(byte[] gz) {
        List<JsonNode> rows = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) rows.add(LINE.readTree(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static JsonNode readTree(String json) {
        try {
            return LINE.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] toPrettyBytes(JsonNode doc) {
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
