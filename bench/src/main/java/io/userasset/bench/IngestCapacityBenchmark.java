package io.userasset.bench;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.userasset.adapters.dynamodb.CapacityMeter;
import io.userasset.config.EngineConfig;
import io.userasset.domain.time.Days;
import io.userasset.functions.Engine;
import io.userasset.functions.ingest.SqsIngestHandler;
import io.userasset.localcloud.LocalCloud;
import io.userasset.observability.EmfMetrics;
import io.userasset.observability.JsonLog;
import io.userasset.ports.EventPublisher;
import io.userasset.tables.ResourceCatalog;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Ingest capacity (docs/benchmarks.md, "Ingest"): events per second, DynamoDB requests and consumed
 * capacity per event of {@link SqsIngestHandler} at batch sizes 10, 100 and 1000, users drawn
 * Zipf(1.1) over 100,000 pre-loaded realistic profiles, against DynamoDB Local IN-PROCESS (the local
 * cloud). Capacity is what DynamoDB Local reported through ReturnConsumedCapacity, summed by the
 * engine's own {@link CapacityMeter}. Each batch size starts from a fresh local cloud with the same
 * 100,000 profiles, sends {@code warmup} events not counted, then {@code events} measured events.
 * Prints Markdown; asserts nothing.
 *
 * <p>Arguments (optional): events per size (default 20000), warm-up events per size (default 4000),
 * batch sizes (default 10,100,1000).
 */
public final class IngestCapacityBenchmark {
    static final int USERS = 100_000;
    static final double ZIPF_S = 1.1;
    /** The benchmark's "now"; profiles hold histories through the day before. */
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final long POPULATION_SEED = 42;

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 4_000;
        int[] sizes = args.length > 2 ? java.util.Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {10, 100, 1000};
        Machine.printHeader("IngestCapacityBenchmark");
        PrintStream out = System.out;
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());

        EngineConfig config = EngineConfig.defaults();
        Days days = new Days(config.time().zoneId());
        int lastDay = days.dayOf(NOW) - 1;
        Population population = new Population(config, lastDay, POPULATION_SEED);
        Zipf zipf = new Zipf(USERS, ZIPF_S);
        out.printf("Zipf(%.1f) over %,d users: P(top user) = %.1f %%, P(top 10) = %.1f %%%n", ZIPF_S, USERS,
                100 * zipf.probability(0), 100 * topShare(zipf, 10));

        List<String> rows = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (int size : sizes) {
            try (LocalCloud cloud = LocalCloud.start()) {
                String table = cloud.tableName(ResourceCatalog.PROFILES);
                ProfileLoader.Loaded loaded = ProfileLoader.load(cloud.dynamoDb(), table, population, 0, USERS, 4);
                out.printf("batch %d: loaded %,d profiles in %.1f s (mean item %.0f B, max %,d B, %,d items > 1 KB)%n",
                        size, loaded.items(), loaded.seconds(), loaded.meanItemBytes(), loaded.maxItemBytes(),
                        loaded.itemsOver1Kb());
                EventPublisher none = (type, documents) -> {};
                Engine engine = new Engine(config, cloud.resourceNames(),
                        new Engine.Clients(cloud.dynamoDb(), cloud.s3(), cloud.sqs(), none, none),
                        Clock.fixed(NOW, ZoneOffset.UTC), "bench");
                SqsIngestHandler handler = new SqsIngestHandler(engine);
                LiveEvents live = new LiveEvents(zipf, 1000 + size, NOW, "b" + size + "-");

                // the handler writes one EMF line per batch and JSON logs to stdout: formatted, not printed
                EmfMetrics.sendTo(discard);
                JsonLog.sendTo(discard);
                long failures = 0;
                for (int sent = 0; sent < warmup; sent += size) failures += send(handler, live.next(size), sent).size();
                CapacityMeter meter = engine.capacity();
                meter.reset();
                long sent = 0;
                long distinct = 0;
                long batches = 0;
                long nanos = 0;
                while (sent < events) {
                    LiveEvents.Batch batch = live.next(size);
                    long t0 = System.nanoTime();
                    failures += send(handler, batch, sent).size();
                    nanos += System.nanoTime() - t0;
                    sent += size;
                    distinct += batch.distinctUsers();
                    batches++;
                }
                EmfMetrics.sendTo(out);
                JsonLog.sendTo(out);

                Map<String, Long> requests = meter.requestsByOperation();
                StringJoiner perEvent = new StringJoiner(", ");
                double total = sent;
                requests.forEach((op, n) -> perEvent.add(String.format("%s %.4f", op, n / total)));
                long puts = requests.getOrDefault("PutItem", 0L);
                Map<String, Double> wcuByTable = meter.writeUnitsByTable();
                double profileWcu = wcuByTable.getOrDefault(table, 0.0);
                double archiveWcu = wcuByTable.getOrDefault(cloud.tableName(ResourceCatalog.ENGINE), 0.0);
                rows.add(String.format("| %,d | %,d | %,d | %,.0f | %.1f | %.1f | %.4f | %.4f | %.4f | %.4f | %.4f | %s | %d |", size,
                        batches, sent, sent / (nanos / 1e9), distinct / (double) batches, puts / (double) batches,
                        distinct / (double) sent, meter.writeUnits() / sent, profileWcu / sent, archiveWcu / sent,
                        meter.readUnits() / sent, perEvent, failures));
                details.add(String.format("batch %d: WCU per PutItem %.3f (profiles and key archives); item size of the top-ranked users after the run: %s",
                        size, puts == 0 ? 0 : meter.writeUnits() / puts, hotItemSizes(cloud, table, 5)));
            }
        }
        out.println();
        out.println("| batch size | batches | events | events/s | distinct users/batch (mean) | PutItem/batch | expected WCU/event (distinct ÷ events) | measured WCU/event | of which profiles | of which key archives | measured RCU/event | requests/event by operation | failed |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        rows.forEach(out::println);
        out.println();
        details.forEach(out::println);
    }

    private static List<SQSBatchResponse.BatchItemFailure> send(SqsIngestHandler handler, LiveEvents.Batch batch, long offset) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>(batch.bodies().size());
        int i = 0;
        for (String body : batch.bodies()) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("m-" + (offset + i++));
            m.setBody(body);
            m.setEventSource("aws:sqs");
            m.setEventSourceArn("arn:aws:sqs:us-east-1:000000000000:ua-ingest");
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return handler.handleRequest(event, null).getBatchItemFailures();
    }

    private static String hotItemSizes(LocalCloud cloud, String table, int top) {
        StringJoiner j = new StringJoiner(", ");
        for (int rank = 0; rank < top; rank++) {
            String pk = "u#" + Population.userId(rank);
            Map<String, AttributeValue> item = cloud.dynamoDb().getItem(b -> b.tableName(table)
                    .key(Map.of("pk", AttributeValue.fromS(pk)))).item();
            j.add(String.format("rank %d %,d B", rank + 1, ProfileLoader.itemBytes(item)));
        }
        return j.toString();
    }

    static double topShare(Zipf zipf, int k) {
        double p = 0;
        for (int i = 0; i < k; i++) p += zipf.probability(i);
        return p;
    }
}
