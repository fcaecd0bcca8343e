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
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * What Lambda's DynamoDB event source mapping does, over the real Streams API of DynamoDB Local:
 * read each shard from the start, invoke the handler with real {@link DynamodbEvent} batches, and on
 * reported failures re-deliver the shard from the lowest failed sequence number, up to
 * {@code maxRetries} times for the same record; then the records are given up (counted, as Lambda would send them to the
 * on-failure destination).
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
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();
    private final AtomicLong invocations = new AtomicLong();

    public LocalDynamoStreamEventSource(DynamoDbStreamsClient streams, String streamArn,
                                        RequestHandler<DynamodbEvent, StreamsEventResponse> handler, int batchSize, int maxRetries) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.handler = handler;
        this.batchSize = batchSize;
        this.maxRetries = maxRetries;
    }

    /** Reads every shard until no new record arrives and every batch is handled. Returns records delivered. */
    public long drain() {
        long before = delivered.get();
        while (pollOnce() > 0) {
            // keep going until a full pass finds nothing new
        }
        return delivered.get() - before;
    }

    /** One pass over the shards; returns the number of records handed to the handler. */
    public int pollOnce() {
        refreshShards();
        int handed = 0;
        for (String shard : new ArrayList<>(iterators.keySet())) {
            List<DynamodbEvent.DynamodbStreamRecord> batch = pending.computeIfAbsent(shard, k -> new ArrayList<>());
            String iterator = iterators.get(shard);
            while (batch.size() < batchSize && iterator != null) {
                String it = iterator;
                GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(it).limit(Math.min(1000, batchSize)));
                page.records().forEach(r -> batch.add(toLambda(r)));
                iterator = page.nextShardIterator();
                if (page.records().isEmpty()) break;
            }
            iterators.put(shard, iterator);
            if (batch.isEmpty()) continue;
            List<DynamodbEvent.DynamodbStreamRecord> delivery = new ArrayList<>(batch.subList(0, Math.min(batchSize, batch.size())));
            handed += delivery.size();
            deliver(shard, batch, delivery);
        }
        return handed;
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
        List<Shard> shards = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards();
        for (Shard s : shards) {
            if (!iterators.containsKey(s.shardId())) {
                iterators.put(s.shardId(), streams.getShardIterator(b -> b.streamArn(streamArn).shardId(s.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
            }
        }
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
