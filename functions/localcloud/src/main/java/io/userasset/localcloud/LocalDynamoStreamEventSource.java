package io.userasset.localcloud;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What Lambda's DynamoDB event source mapping does, over the real Streams API of DynamoDB Local:
 * read each shard from the start, invoke the handler with real {@link DynamodbEvent} batches, and on
 * reported failures re-deliver the shard from the lowest failed sequence number, up to
 * {@code maxRetries} times for the same record; then the records are given up (counted, as Lambda would send them to the
 * on-failure destination).
 *
 * <p>As Lambda's pollers do, it keeps each shard's iterator and lists the shards again (DescribeStream)
 * only when it knows of no open shard or a shard it was reading has closed (a closed shard's last
 * page has no next iterator; its children are then in the stream's description). A pass reads each
 * shard up to its tip as it stands, one page after another; a page shorter than asked for is the tip,
 * and the pass does not wait there for writers still adding records.
 */
public final class LocalDynamoStreamEventSource {
    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final RequestHandler<DynamodbEvent, StreamsEventResponse> handler;
    private final int batchSize;
    private final int maxRetries;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final Map<String, List<DynamodbEvent.DynamodbStreamRecord>> pending = new LinkedHashMap<>();
    private final Map<String, Integer> attempts = new LinkedHashMap<>();
    private boolean describe = true;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong describeCalls = new AtomicLong();
    private final AtomicLong filteredOut = new AtomicLong();
    private volatile Predicate<software.amazon.awssdk.services.dynamodb.model.Record> filter = r -> true;

    public LocalDynamoStreamEventSource(DynamoDbStreamsClient streams, String streamArn,
                                        RequestHandler<DynamodbEvent, StreamsEventResponse> handler, int batchSize, int maxRetries) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.handler = handler;
        this.batchSize = batchSize;
        this.maxRetries = maxRetries;
    }

    /**
     * Catches up with the stream: reads every shard to its tip and hands every record to the handler
     * (retries included) — at least every record written before the call; records that writers add
     * meanwhile may be left for the next call. Returns the records delivered.
     */
    public long drain() {
        long before = delivered.get();
        while (!pass().caughtUp()) {
            // a shard had more than a batch, or a failed batch is to be retried
        }
        return delivered.get() - before;
    }

    /** One pass over the shards; returns the number of records handed to the handler. */
    public int pollOnce() {
        return pass().handed();
    }

    /** What a pass did: records handed, and whether it found every shard at its tip with nothing left to deliver. */
    private record Pass(int handed, boolean caughtUp) {}

    private Pass pass() {
        if (describe) refreshShards();
        int handed = 0;
        boolean caughtUp = true;
        boolean closed = false;
        for (String shard : new ArrayList<>(iterators.keySet())) {
            List<DynamodbEvent.DynamodbStreamRecord> batch = pending.computeIfAbsent(shard, k -> new ArrayList<>());
            String iterator = iterators.get(shard);
            boolean atTip = iterator == null; // closed, and read to its end
            while (batch.size() < batchSize && iterator != null) {
                String it = iterator;
                int want = Math.min(1000, batchSize - batch.size());
                GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(it).limit(want));
                for (var r : page.records()) {
                    if (filter.test(r)) batch.add(toLambda(r));
                    else filteredOut.incrementAndGet();
                }
                iterator = page.nextShardIterator();
                if (iterator == null) {
                    closed = true;
                    atTip = true;
                } else if (page.records().size() < want) {
                    atTip = true;
                    break;
                }
            }
            iterators.put(shard, iterator);
            if (!batch.isEmpty()) {
                List<DynamodbEvent.DynamodbStreamRecord> delivery = new ArrayList<>(batch.subList(0, Math.min(batchSize, batch.size())));
                handed += delivery.size();
                deliver(shard, batch, delivery);
            }
            if (!atTip || !batch.isEmpty()) caughtUp = false;
        }
        if (closed) {
            // a shard closed: its children are listed now, and may already hold records
            describe = true;
            caughtUp = false;
        }
        return new Pass(handed, caughtUp);
    }

    /**
     * The event source mapping's filter criteria: records that do not match are dropped before
     * batching, as Lambda drops them, and never reach the handler.
     */
    public LocalDynamoStreamEventSource filter(Predicate<software.amazon.awssdk.services.dynamodb.model.Record> filter) {
        this.filter = filter;
        return this;
    }

    /** Records the filter dropped. */
    public long filteredOut() {
        return filteredOut.get();
    }

    /** DescribeStream calls made (the shards are listed again only when one closes). */
    public long describeCalls() {
        return describeCalls.get();
    }

    public long delivered() {
        return delivered.get();
    }

    public long givenUp() {
        return givenUp.get();
    }

    public long invocations() {
        return invocations.get();
    }

    private void deliver(String shard, List<DynamodbEvent.DynamodbStreamRecord> batch, List<DynamodbEvent.DynamodbStreamRecord> delivery) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(delivery);
        invocations.incrementAndGet();
        String firstFailed = null;
        try {
            StreamsEventResponse response = handler.handleRequest(event, null);
            if (response != null && response.getBatchItemFailures() != null && !response.getBatchItemFailures().isEmpty()) {
                firstFailed = response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                        .min(String::compareTo).orElse(null);
            }
        } catch (RuntimeException e) {
            firstFailed = delivery.get(0).getDynamodb().getSequenceNumber();
        }
        int keepFrom = delivery.size();
        if (firstFailed != null) {
            for (int i = 0; i < delivery.size(); i++) {
                if (delivery.get(i).getDynamodb().getSequenceNumber().compareTo(firstFailed) >= 0) {
                    keepFrom = i;
                    break;
                }
            }
            // Retries count against the record that failed: a delivery that got further starts the count again.
            int attempt = keepFrom > 0 ? 1 : attempts.merge(shard, 1, Integer::sum);
            if (keepFrom > 0) attempts.put(shard, 1);
            if (attempt > maxRetries) {
                givenUp.addAndGet(delivery.size() - keepFrom);
                keepFrom = delivery.size();
                attempts.remove(shard);
            }
        } else {
            attempts.remove(shard);
        }
        delivered.addAndGet(keepFrom);
        batch.subList(0, keepFrom).clear();
    }

    private void refreshShards() {
        describeCalls.incrementAndGet();
        List<Shard> shards = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards();
        for (Shard s : shards) {
            if (!iterators.containsKey(s.shardId())) {
                iterators.put(s.shardId(), streams.getShardIterator(b -> b.streamArn(streamArn).shardId(s.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
            }
        }
        describe = iterators.values().stream().noneMatch(Objects::nonNull); // no open shard yet: look again next time
    }

    private DynamodbEvent.DynamodbStreamRecord toLambda(software.amazon.awssdk.services.dynamodb.model.Record r) {
        var d = r.dynamodb();
        StreamRecord s = new StreamRecord();
        s.setKeys(map(d.keys()));
        if (d.hasNewImage()) s.setNewImage(map(d.newImage()));
        if (d.hasOldImage()) s.setOldImage(map(d.oldImage()));
        s.setSequenceNumber(d.sequenceNumber());
        s.setSizeBytes(d.sizeBytes());
        if (d.streamViewType() != null) {
            s.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(d.streamViewTypeAsString()));
        }
        if (d.approximateCreationDateTime() != null) s.setApproximateCreationDateTime(Date.from(d.approximateCreationDateTime()));
        DynamodbEvent.DynamodbStreamRecord out = new DynamodbEvent.DynamodbStreamRecord();
        out.setEventID(r.eventID());
        out.setEventName(r.eventNameAsString());
        out.setEventSource("aws:dynamodb");
        out.setEventVersion(r.eventVersion());
        out.setAwsRegion("us-east-1");
        out.setEventSourceARN(streamArn);
        out.setDynamodb(s);
        return out;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> map(Map<String, AttributeValue> in) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value(AttributeValue v) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        if (v.s() != null) out.setS(v.s());
        else if (v.n() != null) out.setN(v.n());
        else if (v.b() != null) out.setB(ByteBuffer.wrap(v.b().asByteArray()));
        else if (v.bool() != null) out.setBOOL(v.bool());
        else if (Boolean.TRUE.equals(v.nul())) out.setNULL(true);
        else if (v.hasM()) out.setM(map(v.m()));
        else if (v.hasL()) out.setL(v.l().stream().map(LocalDynamoStreamEventSource::value).collect(Collectors.toList()));
        else if (v.hasSs()) out.setSS(v.ss());
        else if (v.hasNs()) out.setNS(v.ns());
        else if (v.hasBs()) out.setBS(v.bs().stream().map(b -> ByteBuffer.wrap(b.asByteArray())).collect(Collectors.toList()));
        return out;
    }
}
