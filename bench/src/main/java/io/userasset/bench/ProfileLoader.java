package io.userasset.bench;

import io.userasset.adapters.dynamodb.ProfileItem;
import io.userasset.adapters.dynamodb.ProfileItems;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes users [from, to) of a {@link Population} into the profiles table fast: items encoded with
 * the engine's own codecs ({@link ProfileItems#toItem}), BatchWriteItem of 25, several threads, each
 * generating and writing its own chunks; unprocessed items are re-sent.
 */
final class ProfileLoader {
    private static final int BATCH = 25;

    /** What was loaded: items, seconds, and item sizes as DynamoDB counts them (names + values). */
    record Loaded(long items, double seconds, double meanItemBytes, long maxItemBytes, long itemsOver1Kb) {}

    private ProfileLoader() {}

    static Loaded load(DynamoDbClient dynamoDb, String table, Population population, int from, int to, int threads)
            throws Exception {
        AtomicInteger next = new AtomicInteger(from);
        LongAdder bytes = new LongAdder();
        LongAdder over = new LongAdder();
        long[] max = new long[threads];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int self = t;
                futures.add(pool.submit(() -> {
                    int first;
                    while ((first = next.getAndAdd(BATCH)) < to) {
                        List<WriteRequest> writes = new ArrayList<>(BATCH);
                        for (int i = first; i < Math.min(to, first + BATCH); i++) {
                            ProfileItem item = ProfileItems.toItem(population.profile(i), ProfileItems.INGEST);
                            Map<String, AttributeValue> map = ProfileItem.SCHEMA.itemToMap(item, true);
                            long size = itemBytes(map);
                            bytes.add(size);
                            if (size > 1024) over.increment();
                            max[self] = Math.max(max[self], size);
                            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(map).build()).build());
                        }
                        write(dynamoDb, table, writes);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long n = to - from;
        long maxBytes = 0;
        for (long m : max) maxBytes = Math.max(maxBytes, m);
        return new Loaded(n, seconds, bytes.sum() / (double) n, maxBytes, over.sum());
    }

    private static void write(DynamoDbClient dynamoDb, String table, List<WriteRequest> writes) throws InterruptedException {
        Map<String, List<WriteRequest>> pending = Map.of(table, writes);
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 0) Thread.sleep(Math.min(1000, 10L << Math.min(attempt, 6)));
            Map<String, List<WriteRequest>> send = pending;
            BatchWriteItemResponse r = dynamoDb.batchWriteItem(b -> b.requestItems(send));
            pending = r.hasUnprocessedItems() ? r.unprocessedItems() : Map.of();
        }
    }

    /** Item size as DynamoDB bills it: attribute names plus values (S as UTF-8, B raw, N ≈ digits/2 + 1). */
    static long itemBytes(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length;
            AttributeValue v = e.getValue();
            if (v.s() != null) size += v.s().getBytes(StandardCharsets.UTF_8).length;
            else if (v.b() != null) size += v.b().asByteArrayUnsafe().length;
            else if (v.n() != null) size += (v.n().replace("-", "").replace(".", "").length() + 1) / 2 + 1;
            else size += 1;
        }
        return size;
    }
}
