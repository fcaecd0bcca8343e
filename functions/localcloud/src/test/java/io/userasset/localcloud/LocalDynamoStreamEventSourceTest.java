package io.userasset.localcloud;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.userasset.tables.ResourceCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The local stream event source on DynamoDB Local's real Streams API (a fresh local cloud per test: the stream starts empty). */
class LocalDynamoStreamEventSourceTest {
    private LocalCloud cloud;
    private String table;
    private String streamArn;

    @BeforeEach
    void start() {
        cloud = LocalCloud.start();
        table = cloud.tableName(ResourceCatalog.PROFILES);
        streamArn = cloud.dynamoDb().describeTable(b -> b.tableName(table)).table().latestStreamArn();
    }

    @AfterEach
    void stop() {
        if (cloud != null) cloud.close();
    }

    /** Every record the handler was given whose key starts with a test's prefix, in delivery order. */
    static final class Recorder implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
        final String prefix;
        final List<String> keys = Collections.synchronizedList(new ArrayList<>());
        final List<BigInteger> sequences = Collections.synchronizedList(new ArrayList<>());

        Recorder(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public StreamsEventResponse handleRequest(DynamodbEvent event, com.amazonaws.services.lambda.runtime.Context context) {
            for (DynamodbEvent.DynamodbStreamRecord r : event.getRecords()) {
                String pk = r.getDynamodb().getKeys().get("pk").getS();
                if (!pk.startsWith(prefix)) continue;
                keys.add(pk);
                sequences.add(new BigInteger(r.getDynamodb().getSequenceNumber()));
            }
            return new StreamsEventResponse(List.of());
        }
    }

    @Test
    void theShardsAreListedOnceWhileNoneClosesAndEveryRecordIsDeliveredOnceInOrder() {
        Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
        Recorder recorder = new Recorder("u#listed-");
        LocalDynamoStreamEventSource source = new LocalDynamoStreamEventSource(counting(cloud.dynamoDbStreams(), calls),
                streamArn, recorder, 100, 3);
        List<String> written = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 30; i++) written.add(put("u#listed-" + round + "-" + i));
            source.drain();
            for (int pass = 0; pass < 5; pass++) source.pollOnce();
        }

        assertThat(recorder.keys).containsExactlyElementsOf(written);
        assertThat(recorder.sequences).isSorted().doesNotHaveDuplicates();
        assertThat(calls.get("describeStream")).as("DescribeStream calls").hasValue(1);
        assertThat(source.describeCalls()).isEqualTo(1);
        assertThat(calls.get("getRecords").get()).as("GetRecords calls: one page per shard and pass, no chasing")
                .isLessThanOrEqualTo(5L * (1 + 1 + 5) * shards());
    }

    @Test
    void drainCatchesUpAndReturnsWhileWritersGoOn() throws Exception {
        Recorder recorder = new Recorder("u#busy-");
        Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
        LocalDynamoStreamEventSource source = new LocalDynamoStreamEventSource(counting(cloud.dynamoDbStreams(), calls),
                streamArn, recorder, 1_000, 3);
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 200; i++) before.add(put("u#busy-before-" + i));

        // a writer that does not stop while the drain runs (it stops on its own after 60 s at most)
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger during = new AtomicInteger();
        CountDownLatch writing = new CountDownLatch(50);
        Thread writer = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!stop.get() && System.nanoTime() < deadline) {
                put("u#busy-during-" + during.getAndIncrement());
                writing.countDown();
            }
        }, "stream-test-writer");
        writer.start();
        try {
            assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();
            assertTimeoutPreemptively(Duration.ofSeconds(20), source::drain, "drain must not chase a writer that goes on");
            assertThat(recorder.keys).as("everything written before the drain was delivered").containsAll(before);
            assertThat(calls.get("getRecords").get()).as("GetRecords calls of the drain: one page reaches the tip")
                    .isLessThanOrEqualTo(shards());
        } finally {
            stop.set(true);
            writer.join();
        }

        source.drain();
        List<String> all = new ArrayList<>(before);
        for (int i = 0; i < during.get(); i++) all.add("u#busy-during-" + i);
        assertThat(recorder.keys).containsExactlyElementsOf(all);
        assertThat(recorder.sequences).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void recordsTheFilterRejectsNeverReachTheHandler() {
        Recorder recorder = new Recorder("u#filtered-");
        LocalDynamoStreamEventSource source = new LocalDynamoStreamEventSource(cloud.dynamoDbStreams(), streamArn, recorder, 10, 3)
                .filter(r -> r.dynamodb().keys().get("pk").s().endsWith("-kept"));
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            put("u#filtered-" + i + "-dropped");
            if (i % 5 == 0) kept.add(put("u#filtered-" + i + "-kept"));
        }
        source.drain();
        assertThat(recorder.keys).containsExactlyElementsOf(kept);
        assertThat(source.filteredOut()).isEqualTo(25);
        assertThat(source.invocations()).as("the kept records fill batches of their own").isEqualTo(1);
    }

    private String put(String pk) {
        cloud.dynamoDb().putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk), "v", AttributeValue.fromN("1"))));
        return pk;
    }

    private int shards() {
        return cloud.dynamoDbStreams().describeStream(b -> b.streamArn(streamArn)).streamDescription().shards().size();
    }

    /** The real client, with its calls counted by method name. */
    private static DynamoDbStreamsClient counting(DynamoDbStreamsClient real, Map<String, AtomicLong> calls) {
        return (DynamoDbStreamsClient) Proxy.newProxyInstance(DynamoDbStreamsClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbStreamsClient.class}, (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), k -> new AtomicLong()).incrementAndGet();
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
