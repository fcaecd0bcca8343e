package io.userasset.localcloud;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The direct clients give what DynamoDB Local's own (JSON-bridged) v2 clients give, call for call,
 * on the same embedded DynamoDB Local: items of every attribute type, consumed capacity, pages,
 * batch reads, stream records and errors.
 */
class DirectDynamoDbClientsTest {
    private static final String TABLE = "direct";
    private static AmazonDynamoDBLocal local;
    private static DynamoDbClient bridged;
    private static DynamoDbClient direct;
    private static DynamoDbStreamsClient bridgedStreams;
    private static DynamoDbStreamsClient directStreams;

    @BeforeAll
    static void start() {
        local = DynamoDBEmbedded.create(true);
        bridged = local.dynamoDbClient();
        direct = DirectDynamoDbClients.dynamoDb(local.amazonDynamoDB(), bridged);
        bridgedStreams = local.dynamoDbStreamsClient();
        directStreams = DirectDynamoDbClients.streams(local.amazonDynamoDBStreams(), bridgedStreams);
        bridged.createTable(b -> b.tableName(TABLE)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .billingMode("PAY_PER_REQUEST")
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    }

    @AfterAll
    static void stop() {
        if (local != null) local.shutdown();
    }

    /** One attribute of every type, nested ones included. */
    private static Map<String, AttributeValue> item(String pk, String sk) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", AttributeValue.fromS(pk));
        item.put("sk", AttributeValue.fromS(sk));
        item.put("n", AttributeValue.fromN("-12.5"));
        item.put("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 0xff})));
        item.put("ss", AttributeValue.fromSs(List.of("a", "b")));
        item.put("ns", AttributeValue.fromNs(List.of("1", "2.5")));
        item.put("bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x"), SdkBytes.fromUtf8String("y"))));
        item.put("bool", AttributeValue.fromBool(false));
        item.put("nul", AttributeValue.fromNul(true));
        item.put("l", AttributeValue.fromL(List.of(AttributeValue.fromS("s"), AttributeValue.fromN("3"),
                AttributeValue.fromM(Map.of("inner", AttributeValue.fromBool(true))))));
        item.put("m", AttributeValue.fromM(Map.of("k", AttributeValue.fromL(List.of()), "e", AttributeValue.fromM(Map.of()))));
        item.put("v", AttributeValue.fromN("1"));
        return item;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

    @Test
    void itemsOfEveryTypeRoundTripEitherWay() {
        var viaDirect = direct.putItem(b -> b.tableName(TABLE).item(item("rt", "1")).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        var viaBridge = bridged.putItem(b -> b.tableName(TABLE).item(item("rt", "2")).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(viaDirect).isEqualTo(viaBridge);
        for (String sk : List.of("1", "2")) {
            var a = direct.getItem(b -> b.tableName(TABLE).key(key("rt", sk)).consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            var b2 = bridged.getItem(b -> b.tableName(TABLE).key(key("rt", sk)).consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            assertThat(a).isEqualTo(b2);
        }
        // what the direct client wrote is stored as given (DynamoDB Local's JSON bridge adds a stray "null"
        // attribute to an item with a NULL value, as the item written through it shows)
        assertThat(bridged.getItem(b -> b.tableName(TABLE).key(key("rt", "1")).consistentRead(true)).item()).isEqualTo(item("rt", "1"));
        var missingDirect = direct.getItem(b -> b.tableName(TABLE).key(key("rt", "none")));
        var missingBridge = bridged.getItem(b -> b.tableName(TABLE).key(key("rt", "none")));
        assertThat(missingDirect).isEqualTo(missingBridge);
        assertThat(missingDirect.hasItem()).isEqualTo(missingBridge.hasItem());
    }

    @Test
    void conditionalWritesAndUpdatesBehaveAlike() {
        for (var client : List.of(direct, bridged)) {
            String pk = client == direct ? "cond-direct" : "cond-bridged";
            client.putItem(b -> b.tableName(TABLE).item(item(pk, "1")).conditionExpression("attribute_not_exists(pk)"));
        }
        Function<DynamoDbClient, ConditionalCheckFailedException> failedPut = client -> catchThrowableOfType(() ->
                client.putItem(b -> b.tableName(TABLE).item(item(client == direct ? "cond-direct" : "cond-bridged", "1"))
                        .conditionExpression("attribute_not_exists(pk)")), ConditionalCheckFailedException.class);
        ConditionalCheckFailedException d = failedPut.apply(direct);
        ConditionalCheckFailedException b = failedPut.apply(bridged);
        assertThat(d).isNotNull();
        assertThat(b).isNotNull();
        assertThat(d.statusCode()).isEqualTo(b.statusCode());
        assertThat(d.awsErrorDetails().errorCode()).isEqualTo(b.awsErrorDetails().errorCode());

        var updatedDirect = direct.updateItem(u -> u.tableName(TABLE).key(key("cond-direct", "1"))
                .updateExpression("SET #v = #v + :one, extra = :x").conditionExpression("#v = :old")
                .expressionAttributeNames(Map.of("#v", "v")).expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                        ":old", AttributeValue.fromN("1"), ":x", AttributeValue.fromSs(List.of("p"))))
                .returnValues(ReturnValue.ALL_NEW).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        var updatedBridge = bridged.updateItem(u -> u.tableName(TABLE).key(key("cond-bridged", "1"))
                .updateExpression("SET #v = #v + :one, extra = :x").conditionExpression("#v = :old")
                .expressionAttributeNames(Map.of("#v", "v")).expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                        ":old", AttributeValue.fromN("1"), ":x", AttributeValue.fromSs(List.of("p"))))
                .returnValues(ReturnValue.ALL_NEW).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        // what the update returned is the item as stored
        var stored = bridged.getItem(g -> g.tableName(TABLE).key(key("cond-direct", "1")).consistentRead(true)).item();
        assertThat(updatedDirect.attributes()).isEqualTo(stored).containsEntry("v", AttributeValue.fromN("2"))
                .containsEntry("extra", AttributeValue.fromSs(List.of("p")));
        assertThat(updatedDirect.consumedCapacity()).isEqualTo(updatedBridge.consumedCapacity());

        // a request DynamoDB Local rejects fails alike
        AwsServiceException invalidDirect = catchThrowableOfType(() -> direct.updateItem(u -> u.tableName(TABLE)
                .key(key("cond-direct", "1")).updateExpression("SET = broken")), AwsServiceException.class);
        AwsServiceException invalidBridge = catchThrowableOfType(() -> bridged.updateItem(u -> u.tableName(TABLE)
                .key(key("cond-direct", "1")).updateExpression("SET = broken")), AwsServiceException.class);
        assertThat(invalidDirect.getClass()).isEqualTo(invalidBridge.getClass());
        assertThat(invalidDirect.awsErrorDetails().errorCode()).isEqualTo(invalidBridge.awsErrorDetails().errorCode());
        assertThat(invalidDirect.statusCode()).isEqualTo(invalidBridge.statusCode());
    }

    @Test
    void queriesScansAndBatchReadsPageAlike() {
        for (int i = 0; i < 25; i++) {
            String sk = String.format("%03d", i);
            direct.putItem(b -> b.tableName(TABLE).item(item("page", sk)));
        }

        QueryRequest query = QueryRequest.builder().tableName(TABLE).keyConditionExpression("pk = :pk AND sk BETWEEN :a AND :z")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("page"), ":a", AttributeValue.fromS("003"),
                        ":z", AttributeValue.fromS("020"), ":f", AttributeValue.fromBool(false)))
                .filterExpression("#b = :f").expressionAttributeNames(Map.of("#b", "bool"))
                .limit(7).scanIndexForward(false).consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        assertThat(pages(direct, query)).isEqualTo(pages(bridged, query)).hasSize(3);

        ScanRequest scan = ScanRequest.builder().tableName(TABLE).segment(1).totalSegments(3).limit(4)
                .projectionExpression("pk, sk, ns, m").returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        List<Object> directScan = new ArrayList<>();
        direct.scanPaginator(scan).forEach(directScan::add);
        List<Object> bridgedScan = new ArrayList<>();
        bridged.scanPaginator(scan).forEach(bridgedScan::add);
        assertThat(directScan).isEqualTo(bridgedScan).hasSizeGreaterThan(1);

        KeysAndAttributes keys = KeysAndAttributes.builder().keys(key("page", "001"), key("page", "024"), key("page", "missing"))
                .consistentRead(true).build();
        BatchGetItemResponse d = direct.batchGetItem(b -> b.requestItems(Map.of(TABLE, keys)).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        BatchGetItemResponse b = bridged.batchGetItem(r -> r.requestItems(Map.of(TABLE, keys)).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(d).isEqualTo(b);
        assertThat(d.responses().get(TABLE)).hasSize(2);
    }

    @Test
    void streamRecordsAreTheSame() {
        Instant started = Instant.now();
        direct.putItem(b -> b.tableName(TABLE).item(item("stream", "1")));
        direct.updateItem(u -> u.tableName(TABLE).key(key("stream", "1")).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("2"))));
        String arn = bridged.describeTable(b -> b.tableName(TABLE)).table().latestStreamArn();
        var shards = directStreams.describeStream(b -> b.streamArn(arn)).streamDescription().shards();
        assertThat(shards).isNotEmpty();
        int compared = 0;
        for (var shard : shards) {
            String iterator = bridgedStreams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            var d = directStreams.getRecords(b -> b.shardIterator(iterator).limit(1000));
            var b = bridgedStreams.getRecords(r -> r.shardIterator(iterator).limit(1000));
            // DynamoDB Local's JSON bridge reads the creation time (epoch seconds) as milliseconds: compare without it
            assertThat(withoutCreationTime(d.records())).isEqualTo(withoutCreationTime(b.records()));
            assertThat(d.nextShardIterator() != null).isEqualTo(b.nextShardIterator() != null);
            for (var r : d.records()) {
                assertThat(r.dynamodb().approximateCreationDateTime()).isBetween(started.minusSeconds(60), Instant.now().plusSeconds(60));
            }
            compared += d.records().size();
        }
        assertThat(compared).isGreaterThanOrEqualTo(2);
    }

    private static List<Record> withoutCreationTime(List<Record> records) {
        return records.stream().map(r -> r.toBuilder().dynamodb(r.dynamodb().toBuilder().approximateCreationDateTime(null).build()).build()).toList();
    }

    private static List<Object> pages(DynamoDbClient client, QueryRequest query) {
        List<Object> pages = new ArrayList<>();
        client.queryPaginator(query).forEach(pages::add);
        return pages;
    }
}
