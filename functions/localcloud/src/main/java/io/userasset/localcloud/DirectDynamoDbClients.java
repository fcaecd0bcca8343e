package io.userasset.localcloud;

import com.amazonaws.AmazonServiceException;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBStreams;
import com.amazonaws.services.dynamodbv2.local.shared.access.awssdkv2.converters.AwsServiceExceptionConverter;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Capacity;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ReturnItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * DynamoDB Local's in-process SDK v2 clients without their JSON bridge. The v2 clients DynamoDB Local
 * ships turn every request into its SDK v1 model and every result back by writing JSON and reading it
 * again — in a local run that bridge cost more CPU than DynamoDB Local's own work (every scanned item,
 * every written item and every stream image went through it twice). These clients convert the models
 * field by field, for the calls that carry items in volume — GetItem, PutItem, UpdateItem, Query,
 * Scan, BatchGetItem and the stream's GetRecords — and hand every other call (and a request that uses
 * a legacy parameter such as Expected or AttributesToGet, or asks for item collection metrics) to
 * DynamoDB Local's own v2 client. Both reach the same embedded DynamoDB Local through its v1 API, so
 * conditions, consumed capacity, streams and errors are DynamoDB Local's; errors are translated as its
 * own v2 client translates them.
 */
final class DirectDynamoDbClients {
    private DirectDynamoDbClients() {}

    static DynamoDbClient dynamoDb(AmazonDynamoDB v1, DynamoDbClient bridged) {
        Map<Class<?>, Function<Object, Object>> direct = new HashMap<>();
        direct.put(GetItemRequest.class, r -> getItem(v1, (GetItemRequest) r));
        direct.put(PutItemRequest.class, r -> putItem(v1, (PutItemRequest) r));
        direct.put(UpdateItemRequest.class, r -> updateItem(v1, (UpdateItemRequest) r));
        direct.put(QueryRequest.class, r -> query(v1, (QueryRequest) r));
        direct.put(ScanRequest.class, r -> scan(v1, (ScanRequest) r));
        direct.put(BatchGetItemRequest.class, r -> batchGetItem(v1, (BatchGetItemRequest) r));
        return proxy(DynamoDbClient.class, bridged, direct);
    }

    static DynamoDbStreamsClient streams(AmazonDynamoDBStreams v1, DynamoDbStreamsClient bridged) {
        Map<Class<?>, Function<Object, Object>> direct = new HashMap<>();
        direct.put(GetRecordsRequest.class, r -> getRecords(v1, (GetRecordsRequest) r));
        return proxy(DynamoDbStreamsClient.class, bridged, direct);
    }

    /**
     * A client whose operations (one request in, one response out) go direct where a converter
     * returns a response (null: not convertible), else to the bridged client; its convenience
     * methods (builder consumers, paginators, waiters) are the interface's own, so they call back
     * into the operations.
     */
    @SuppressWarnings("unchecked")
    private static <C> C proxy(Class<C> type, C bridged, Map<Class<?>, Function<Object, Object>> direct) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (isOperation(method)) {
                Function<Object, Object> converter = direct.get(method.getParameterTypes()[0]);
                if (converter != null) {
                    try {
                        Object response = converter.apply(args[0]);
                        if (response != null) return response;
                    } catch (AmazonServiceException e) {
                        throw AwsServiceExceptionConverter.convert(e);
                    }
                }
                return call(bridged, method, args);
            }
            if (method.isDefault()) return InvocationHandler.invokeDefault(proxy, method, args);
            return call(bridged, method, args);
        };
        return (C) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static boolean isOperation(Method method) {
        return method.getParameterCount() == 1 && AwsRequest.class.isAssignableFrom(method.getParameterTypes()[0])
                && AwsResponse.class.isAssignableFrom(method.getReturnType());
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    // ---- operations ----------------------------------------------------------------------------

    private static GetItemResponse getItem(AmazonDynamoDB v1, GetItemRequest r) {
        if (r.hasAttributesToGet()) return null;
        var out = v1.getItem(new com.amazonaws.services.dynamodbv2.model.GetItemRequest()
                .withTableName(r.tableName()).withKey(toV1(r.key())).withConsistentRead(r.consistentRead())
                .withReturnConsumedCapacity(r.returnConsumedCapacityAsString()).withProjectionExpression(r.projectionExpression())
                .withExpressionAttributeNames(names(r.hasExpressionAttributeNames(), r.expressionAttributeNames())));
        return GetItemResponse.builder().item(toV2(out.getItem())).consumedCapacity(capacity(out.getConsumedCapacity())).build();
    }

    private static PutItemResponse putItem(AmazonDynamoDB v1, PutItemRequest r) {
        if (r.hasExpected() || r.conditionalOperator() != null || wantsMetrics(r.returnItemCollectionMetrics())
                || r.returnValuesOnConditionCheckFailure() == ReturnValuesOnConditionCheckFailure.ALL_OLD) {
            return null;
        }
        var out = v1.putItem(new com.amazonaws.services.dynamodbv2.model.PutItemRequest()
                .withTableName(r.tableName()).withItem(toV1(r.item())).withReturnValues(r.returnValuesAsString())
                .withReturnConsumedCapacity(r.returnConsumedCapacityAsString()).withConditionExpression(r.conditionExpression())
                .withExpressionAttributeNames(names(r.hasExpressionAttributeNames(), r.expressionAttributeNames()))
                .withExpressionAttributeValues(values(r.hasExpressionAttributeValues(), r.expressionAttributeValues())));
        return PutItemResponse.builder().attributes(toV2(out.getAttributes())).consumedCapacity(capacity(out.getConsumedCapacity())).build();
    }

    private static UpdateItemResponse updateItem(AmazonDynamoDB v1, UpdateItemRequest r) {
        if (r.hasExpected() || r.hasAttributeUpdates() || r.conditionalOperator() != null || wantsMetrics(r.returnItemCollectionMetrics())
                || r.returnValuesOnConditionCheckFailure() == ReturnValuesOnConditionCheckFailure.ALL_OLD) {
            return null;
        }
        var out = v1.updateItem(new com.amazonaws.services.dynamodbv2.model.UpdateItemRequest()
                .withTableName(r.tableName()).withKey(toV1(r.key())).withReturnValues(r.returnValuesAsString())
                .withReturnConsumedCapacity(r.returnConsumedCapacityAsString()).withUpdateExpression(r.updateExpression())
                .withConditionExpression(r.conditionExpression())
                .withExpressionAttributeNames(names(r.hasExpressionAttributeNames(), r.expressionAttributeNames()))
                .withExpressionAttributeValues(values(r.hasExpressionAttributeValues(), r.expressionAttributeValues())));
        return UpdateItemResponse.builder().attributes(toV2(out.getAttributes())).consumedCapacity(capacity(out.getConsumedCapacity())).build();
    }

    private static QueryResponse query(AmazonDynamoDB v1, QueryRequest r) {
        if (r.hasAttributesToGet() || r.hasKeyConditions() || r.hasQueryFilter() || r.conditionalOperator() != null) return null;
        var out = v1.query(new com.amazonaws.services.dynamodbv2.model.QueryRequest()
                .withTableName(r.tableName()).withIndexName(r.indexName()).withSelect(r.selectAsString()).withLimit(r.limit())
                .withConsistentRead(r.consistentRead()).withScanIndexForward(r.scanIndexForward())
                .withExclusiveStartKey(r.hasExclusiveStartKey() ? toV1(r.exclusiveStartKey()) : null)
                .withReturnConsumedCapacity(r.returnConsumedCapacityAsString()).withProjectionExpression(r.projectionExpression())
                .withFilterExpression(r.filterExpression()).withKeyConditionExpression(r.keyConditionExpression())
                .withExpressionAttributeNames(names(r.hasExpressionAttributeNames(), r.expressionAttributeNames()))
                .withExpressionAttributeValues(values(r.hasExpressionAttributeValues(), r.expressionAttributeValues())));
        return QueryResponse.builder().items(items(out.getItems())).count(out.getCount()).scannedCount(out.getScannedCount())
                .lastEvaluatedKey(toV2(out.getLastEvaluatedKey())).consumedCapacity(capacity(out.getConsumedCapacity())).build();
    }

    private static ScanResponse scan(AmazonDynamoDB v1, ScanRequest r) {
        if (r.hasAttributesToGet() || r.hasScanFilter() || r.conditionalOperator() != null) return null;
        var out = v1.scan(new com.amazonaws.services.dynamodbv2.model.ScanRequest()
                .withTableName(r.tableName()).withIndexName(r.indexName()).withSelect(r.selectAsString()).withLimit(r.limit())
                .withConsistentRead(r.consistentRead()).withSegment(r.segment()).withTotalSegments(r.totalSegments())
                .withExclusiveStartKey(r.hasExclusiveStartKey() ? toV1(r.exclusiveStartKey()) : null)
                .withReturnConsumedCapacity(r.returnConsumedCapacityAsString()).withProjectionExpression(r.projectionExpression())
                .withFilterExpression(r.filterExpression())
                .withExpressionAttributeNames(names(r.hasExpressionAttributeNames(), r.expressionAttributeNames()))
                .withExpressionAttributeValues(values(r.hasExpressionAttributeValues(), r.expressionAttributeValues())));
        return ScanResponse.builder().items(items(out.getItems())).count(out.getCount()).scannedCount(out.getScannedCount())
                .lastEvaluatedKey(toV2(out.getLastEvaluatedKey())).consumedCapacity(capacity(out.getConsumedCapacity())).build();
    }

    private static BatchGetItemResponse batchGetItem(AmazonDynamoDB v1, BatchGetItemRequest r) {
        Map<String, com.amazonaws.services.dynamodbv2.model.KeysAndAttributes> request = new LinkedHashMap<>();
        for (Map.Entry<String, KeysAndAttributes> e : r.requestItems().entrySet()) {
            KeysAndAttributes k = e.getValue();
            if (k.hasAttributesToGet()) return null;
            List<Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue>> keys = new ArrayList<>(k.keys().size());
            for (Map<String, AttributeValue> key : k.keys()) keys.add(toV1(key));
            request.put(e.getKey(), new com.amazonaws.services.dynamodbv2.model.KeysAndAttributes().withKeys(keys)
                    .withConsistentRead(k.consistentRead()).withProjectionExpression(k.projectionExpression())
                    .withExpressionAttributeNames(names(k.hasExpressionAttributeNames(), k.expressionAttributeNames())));
        }
        var out = v1.batchGetItem(new com.amazonaws.services.dynamodbv2.model.BatchGetItemRequest()
                .withRequestItems(request).withReturnConsumedCapacity(r.returnConsumedCapacityAsString()));
        Map<String, List<Map<String, AttributeValue>>> responses = new LinkedHashMap<>();
        if (out.getResponses() != null) out.getResponses().forEach((table, rows) -> responses.put(table, items(rows)));
        Map<String, KeysAndAttributes> unprocessed = new LinkedHashMap<>();
        if (out.getUnprocessedKeys() != null) {
            out.getUnprocessedKeys().forEach((table, k) -> unprocessed.put(table, KeysAndAttributes.builder().keys(items(k.getKeys()))
                    .consistentRead(k.getConsistentRead()).projectionExpression(k.getProjectionExpression())
                    .expressionAttributeNames(k.getExpressionAttributeNames()).build()));
        }
        List<ConsumedCapacity> consumed = null;
        if (out.getConsumedCapacity() != null) {
            consumed = new ArrayList<>();
            for (var c : out.getConsumedCapacity()) consumed.add(capacity(c));
        }
        return BatchGetItemResponse.builder().responses(responses).unprocessedKeys(unprocessed).consumedCapacity(consumed).build();
    }

    private static GetRecordsResponse getRecords(AmazonDynamoDBStreams v1, GetRecordsRequest r) {
        var out = v1.getRecords(new com.amazonaws.services.dynamodbv2.model.GetRecordsRequest()
                .withShardIterator(r.shardIterator()).withLimit(r.limit()));
        List<Record> records = new ArrayList<>(out.getRecords() == null ? 0 : out.getRecords().size());
        if (out.getRecords() != null) {
            for (var rec : out.getRecords()) {
                var d = rec.getDynamodb();
                StreamRecord.Builder s = StreamRecord.builder().sequenceNumber(d.getSequenceNumber()).sizeBytes(d.getSizeBytes())
                        .streamViewType(d.getStreamViewType()).keys(toV2(d.getKeys()))
                        .newImage(toV2(d.getNewImage())).oldImage(toV2(d.getOldImage()));
                if (d.getApproximateCreationDateTime() != null) s.approximateCreationDateTime(d.getApproximateCreationDateTime().toInstant());
                Record.Builder b = Record.builder().eventID(rec.getEventID()).eventName(rec.getEventName()).eventVersion(rec.getEventVersion())
                        .eventSource(rec.getEventSource()).awsRegion(rec.getAwsRegion()).dynamodb(s.build());
                if (rec.getUserIdentity() != null) {
                    b.userIdentity(Identity.builder().principalId(rec.getUserIdentity().getPrincipalId()).type(rec.getUserIdentity().getType()).build());
                }
                records.add(b.build());
            }
        }
        return GetRecordsResponse.builder().records(records).nextShardIterator(out.getNextShardIterator()).build();
    }

    // ---- model conversion ----------------------------------------------------------------------

    private static boolean wantsMetrics(ReturnItemCollectionMetrics m) {
        return m != null && m != ReturnItemCollectionMetrics.NONE;
    }

    private static Map<String, String> names(boolean present, Map<String, String> names) {
        return present ? names : null;
    }

    private static Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> values(boolean present, Map<String, AttributeValue> values) {
        return present ? toV1(values) : null;
    }

    static Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> toV1(Map<String, AttributeValue> in) {
        Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> out = new LinkedHashMap<>(in.size() * 2);
        in.forEach((k, v) -> out.put(k, toV1(v)));
        return out;
    }

    static com.amazonaws.services.dynamodbv2.model.AttributeValue toV1(AttributeValue v) {
        var out = new com.amazonaws.services.dynamodbv2.model.AttributeValue();
        switch (v.type()) {
            case S -> out.setS(v.s());
            case N -> out.setN(v.n());
            case B -> out.setB(ByteBuffer.wrap(v.b().asByteArray()));
            case SS -> out.setSS(v.ss());
            case NS -> out.setNS(v.ns());
            case BS -> {
                List<ByteBuffer> bs = new ArrayList<>(v.bs().size());
                for (SdkBytes b : v.bs()) bs.add(ByteBuffer.wrap(b.asByteArray()));
                out.setBS(bs);
            }
            case M -> out.setM(toV1(v.m()));
            case L -> {
                List<com.amazonaws.services.dynamodbv2.model.AttributeValue> l = new ArrayList<>(v.l().size());
                for (AttributeValue e : v.l()) l.add(toV1(e));
                out.setL(l);
            }
            case BOOL -> out.setBOOL(v.bool());
            case NUL -> out.setNULL(true);
            default -> throw new IllegalArgumentException("attribute value of an unknown type: " + v);
        }
        return out;
    }

    /** null stays null (the response's field then reads as absent, as after the JSON bridge). */
    static Map<String, AttributeValue> toV2(Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> in) {
        if (in == null) return null;
        Map<String, AttributeValue> out = new LinkedHashMap<>(in.size() * 2);
        in.forEach((k, v) -> out.put(k, toV2(v)));
        return out;
    }

    static AttributeValue toV2(com.amazonaws.services.dynamodbv2.model.AttributeValue v) {
        if (v.getS() != null) return AttributeValue.fromS(v.getS());
        if (v.getN() != null) return AttributeValue.fromN(v.getN());
        if (v.getB() != null) return AttributeValue.fromB(SdkBytes.fromByteBuffer(v.getB().duplicate()));
        if (v.getSS() != null) return AttributeValue.fromSs(v.getSS());
        if (v.getNS() != null) return AttributeValue.fromNs(v.getNS());
        if (v.getBS() != null) {
            List<SdkBytes> bs = new ArrayList<>(v.getBS().size());
            for (ByteBuffer b : v.getBS()) bs.add(SdkBytes.fromByteBuffer(b.duplicate()));
            return AttributeValue.fromBs(bs);
        }
        if (v.getM() != null) return AttributeValue.fromM(toV2(v.getM()));
        if (v.getL() != null) {
            List<AttributeValue> l = new ArrayList<>(v.getL().size());
            for (var e : v.getL()) l.add(toV2(e));
            return AttributeValue.fromL(l);
        }
        if (v.getBOOL() != null) return AttributeValue.fromBool(v.getBOOL());
        if (Boolean.TRUE.equals(v.getNULL())) return AttributeValue.fromNul(true);
        throw new IllegalArgumentException("attribute value without a value: " + v);
    }

    private static List<Map<String, AttributeValue>> items(List<Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue>> in) {
        if (in == null) return null;
        List<Map<String, AttributeValue>> out = new ArrayList<>(in.size());
        for (var item : in) out.add(toV2(item));
        return out;
    }

    private static ConsumedCapacity capacity(com.amazonaws.services.dynamodbv2.model.ConsumedCapacity c) {
        if (c == null) return null;
        return ConsumedCapacity.builder().tableName(c.getTableName()).capacityUnits(c.getCapacityUnits())
                .readCapacityUnits(c.getReadCapacityUnits()).writeCapacityUnits(c.getWriteCapacityUnits())
                .table(capacity(c.getTable())).localSecondaryIndexes(capacities(c.getLocalSecondaryIndexes()))
                .globalSecondaryIndexes(capacities(c.getGlobalSecondaryIndexes())).build();
    }

    private static Capacity capacity(com.amazonaws.services.dynamodbv2.model.Capacity c) {
        if (c == null) return null;
        return Capacity.builder().capacityUnits(c.getCapacityUnits()).readCapacityUnits(c.getReadCapacityUnits())
                .writeCapacityUnits(c.getWriteCapacityUnits()).build();
    }

    private static Map<String, Capacity> capacities(Map<String, com.amazonaws.services.dynamodbv2.model.Capacity> in) {
        if (in == null) return null;
        Map<String, Capacity> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, capacity(v)));
        return out;
    }
}
