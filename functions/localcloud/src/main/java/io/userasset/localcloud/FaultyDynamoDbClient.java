package io.userasset.localcloud;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Fault injection in front of a real DynamoDB (Local) client: writes whose item matches a rule, or
 * a random share of all calls, are refused with the throttling error DynamoDB returns when capacity
 * runs out (as the SDK surfaces it after its own retries), or time out; and the process can "crash"
 * (an {@link Error}, as when Lambda kills an invocation) after a given number of writes; and another
 * writer can be made to win the race for an item. Everything else reaches DynamoDB Local unchanged.
 */
public final class FaultyDynamoDbClient implements DynamoDbClient {
    private final DynamoDbClient delegate;
    private volatile Predicate<Map<String, AttributeValue>> throttleWrite = item -> false;
    private volatile double throttleShare;
    private volatile boolean throttleBatchReads;
    private volatile double timeoutShare;
    private final AtomicLong crashAfterWrites = new AtomicLong(-1);
    private volatile Predicate<Map<String, AttributeValue>> crashRule = item -> true;
    private final AtomicReference<RacingWrite> racingWrite = new AtomicReference<>();
    private final AtomicLong injected = new AtomicLong();
    private final AtomicLong crashes = new AtomicLong();
    private final java.util.Random random = new java.util.Random(42);

    public FaultyDynamoDbClient(DynamoDbClient delegate) {
        this.delegate = delegate;
    }

    /** Throttle every put of an item the rule matches (e.g. a given user's profile). */
    public void throttleWritesWhere(Predicate<Map<String, AttributeValue>> rule) {
        this.throttleWrite = rule;
    }

    /** Throttle every BatchGetItem (single reads still work). */
    public void throttleBatchReads(boolean on) {
        this.throttleBatchReads = on;
    }

    /** Throttle a random share of all calls (0 = none). */
    public void throttleShare(double share) {
        this.throttleShare = share;
    }

    /** Time out a random share of all calls (0 = none): the call may or may not have reached DynamoDB. */
    public void timeoutShare(double share) {
        this.timeoutShare = share;
    }

    /**
     * After {@code writes} more successful writes of items the rule matches (e.g. the daily job's),
     * the next such write crashes the invocation, once.
     */
    public void crashOnceAfterWritesWhere(long writes, Predicate<Map<String, AttributeValue>> rule) {
        crashRule = rule;
        crashAfterWrites.set(writes);
    }

    /**
     * Before the first put of an item the rule matches, runs {@code first} — another writer's write
     * of the same item, which gets there first — once; the put then meets that write's version.
     */
    public void raceFirstPutWhere(Predicate<Map<String, AttributeValue>> rule, Runnable first) {
        racingWrite.set(new RacingWrite(rule, first));
    }

    private record RacingWrite(Predicate<Map<String, AttributeValue>> rule, Runnable first) {}

    public void heal() {
        throttleWrite = item -> false;
        throttleShare = 0;
        throttleBatchReads = false;
        timeoutShare = 0;
        crashAfterWrites.set(-1);
        racingWrite.set(null);
    }

    public long crashes() {
        return crashes.get();
    }

    /** What a killed invocation looks like from inside: an Error nobody should catch. */
    public static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("injected: the invocation was killed mid-batch", null, false, false);
        }
    }

    public long injected() {
        return injected.get();
    }

    private void maybeThrottle(Map<String, AttributeValue> item) {
        if (item != null && crashAfterWrites.get() >= 0 && crashRule.test(item) && crashAfterWrites.getAndDecrement() == 0) {
            crashes.incrementAndGet();
            throw new SimulatedCrash();
        }
        if (timeoutShare > 0 && draw(timeoutShare)) {
            injected.incrementAndGet();
            throw software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException.builder()
                    .message("injected: the call attempt timed out").build();
        }
        boolean hit = item != null && throttleWrite.test(item);
        if (!hit && throttleShare > 0) hit = draw(throttleShare);
        if (hit) throw throttled();
    }

    private ProvisionedThroughputExceededException throttled() {
        injected.incrementAndGet();
        return (ProvisionedThroughputExceededException) ProvisionedThroughputExceededException.builder()
                .message("injected: the level of configured provisioned throughput for the table was exceeded")
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                        .serviceName("DynamoDB").build())
                .build();
    }

    private boolean draw(double share) {
        synchronized (random) {
            return random.nextDouble() < share;
        }
    }

    @Override
    public PutItemResponse putItem(PutItemRequest r) {
        RacingWrite race = racingWrite.get();
        if (race != null && race.rule().test(r.item()) && racingWrite.compareAndSet(race, null)) race.first().run();
        maybeThrottle(r.item());
        PutItemResponse response = delegate.putItem(r);
        // a timeout after the write landed: the caller cannot tell it apart from one before
        if (timeoutShare > 0 && draw(timeoutShare / 2)) {
            injected.incrementAndGet();
            throw software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException.builder()
                    .message("injected: the call attempt timed out after the write").build();
        }
        return response;
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest r) {
        r.transactItems().forEach(t -> maybeThrottle(t.put() == null ? null : t.put().item()));
        return delegate.transactWriteItems(r);
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest r) {
        maybeThrottle(r.key());
        return delegate.updateItem(r);
    }

    @Override
    public GetItemResponse getItem(GetItemRequest r) {
        maybeThrottle(null);
        return delegate.getItem(r);
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest r) {
        if (throttleBatchReads) throw throttled();
        maybeThrottle(null);
        return delegate.batchGetItem(r);
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest r) {
        maybeThrottle(null);
        return delegate.batchWriteItem(r);
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest r) {
        maybeThrottle(r.key());
        return delegate.deleteItem(r);
    }

    @Override
    public QueryResponse query(QueryRequest r) {
        maybeThrottle(null);
        return delegate.query(r);
    }

    @Override
    public ScanResponse scan(ScanRequest r) {
        maybeThrottle(null);
        return delegate.scan(r);
    }

    @Override
    public DescribeTableResponse describeTable(DescribeTableRequest r) {
        return delegate.describeTable(r);
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
