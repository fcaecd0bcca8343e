package io.userasset.localcloud;

import io.userasset.tables.ResourceCatalog;
import io.userasset.tables.TableSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class LocalCloudTest {
    private static LocalCloud cloud;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start();
    }

    @AfterAll
    static void stop() {
        if (cloud != null) cloud.close();
    }

    @Test
    void tablesFollowTheCatalog() {
        for (TableSpec spec : ResourceCatalog.TABLES) {
            var table = cloud.dynamoDb().describeTable(b -> b.tableName(cloud.tableName(spec))).table();
            assertThat(table.keySchema().get(0).attributeName()).isEqualTo(spec.partitionKey());
            assertThat(table.keySchema().size()).isEqualTo(spec.sortKey().isPresent() ? 2 : 1);
            assertThat(table.globalSecondaryIndexes().stream().map(i -> i.indexName()).toList())
                    .containsExactlyInAnyOrderElementsOf(spec.indexes().stream().map(TableSpec.IndexSpec::name).toList());
            if (spec.stream().isPresent()) {
                assertThat(table.streamSpecification().streamViewType())
                        .isEqualTo(StreamViewType.fromValue(spec.stream().get().name()));
            }
        }
    }

    @Test
    void itemsRoundTripAndChangesComeBackFromTheStream() {
        String table = cloud.tableName(ResourceCatalog.PROFILES);
        var db = cloud.dynamoDb();
        var put = db.putItem(b -> b.tableName(table).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .item(Map.of("pk", s("u#round-trip"), "v", n("1"))));
        assertThat(put.consumedCapacity().capacityUnits()).isEqualTo(1.0);
        db.updateItem(b -> b.tableName(table).key(Map.of("pk", s("u#round-trip")))
                .updateExpression("SET v = :v").conditionExpression("v = :old")
                .expressionAttributeValues(Map.of(":v", n("2"), ":old", n("1"))));
        var item = db.getItem(b -> b.tableName(table).key(Map.of("pk", s("u#round-trip"))).consistentRead(true)).item();
        assertThat(item.get("v").n()).isEqualTo("2");

        String streamArn = db.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        var streams = cloud.dynamoDbStreams();
        var records = new ArrayList<software.amazon.awssdk.services.dynamodb.model.Record>();
        for (var shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
            String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            records.addAll(streams.getRecords(b -> b.shardIterator(iterator)).records());
        }
        var mine = records.stream().filter(r -> r.dynamodb().keys().get("pk").s().equals("u#round-trip")).toList();
        assertThat(mine).extracting(r -> r.eventName()).containsExactly(OperationType.INSERT, OperationType.MODIFY);
        var modify = mine.get(1).dynamodb();
        assertThat(modify.oldImage().get("v").n()).isEqualTo("1");
        assertThat(modify.newImage().get("v").n()).isEqualTo("2");
    }

    @Test
    void messagesRoundTripAndMoveToTheDlqAfterMaxReceiveCount() {
        var sqs = cloud.sqs();
        String queue = cloud.queueUrl(ResourceCatalog.INGEST);
        String dlq = cloud.dlqUrl(ResourceCatalog.INGEST);

        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("{\"ok\":true}"));
        Message ok = receiveOne(queue, 30);
        assertThat(ok.body()).isEqualTo("{\"ok\":true}");
        sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(ok.receiptHandle()));

        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("poison"));
        int maxReceives = ResourceCatalog.INGEST.maxReceiveCount();
        for (int i = 1; i <= maxReceives; i++) {
            Message m = receiveOne(queue, 0); // visibility 0: immediately visible again, like a failed consumer
            assertThat(m.body()).isEqualTo("poison");
            assertThat(m.attributesAsStrings().get("ApproximateReceiveCount")).isEqualTo(Integer.toString(i));
        }
        var afterLimit = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        assertThat(afterLimit).isEmpty();
        Message dead = receiveOne(dlq, 30);
        assertThat(dead.body()).isEqualTo("poison");

        var attributes = sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNames(QueueAttributeName.ALL)).attributes();
        assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY)).containsPattern("\"maxReceiveCount\":\"?" + maxReceives + "\"?[,}]");
        assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT))
                .isEqualTo(Long.toString(ResourceCatalog.INGEST.visibilityTimeout().toSeconds()));
    }

    @Test
    void objectsRoundTripThroughS3() {
        cloud.s3().putObject(b -> b.bucket(LocalCloud.BUCKET).key("snapshots/dt=2026-11-20/part-0.jsonl.gz"),
                RequestBody.fromString("row"));
        var keys = cloud.s3().listObjectsV2(b -> b.bucket(LocalCloud.BUCKET).prefix("snapshots/dt=2026-11-20/"))
                .contents().stream().map(o -> o.key()).toList();
        assertThat(keys).containsExactly("snapshots/dt=2026-11-20/part-0.jsonl.gz");
        assertThat(cloud.s3().getObjectAsBytes(b -> b.bucket(LocalCloud.BUCKET)
                .key("snapshots/dt=2026-11-20/part-0.jsonl.gz")).asUtf8String()).isEqualTo("row");
    }

    @Test
    void closeFreesEveryPortAndLeavesNoServerThreads() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        // The class's own cloud keeps running: its executors may start new threads meanwhile.
        Set<String> poolsBefore = before.stream().map(t -> pool(t.getName())).collect(Collectors.toSet());
        LocalCloud second = LocalCloud.start();
        int sqsPort = second.sqsPort();
        int s3Port = second.s3Port();
        second.close();

        assertThat(canBind(sqsPort)).as("SQS port %d free", sqsPort).isTrue();
        assertThat(canBind(s3Port)).as("S3 port %d free", s3Port).isTrue();
        List<String> leaked = List.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            leaked = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon() && !poolsBefore.contains(pool(t.getName())))
                    .map(t -> t.getName() + " " + java.util.Arrays.toString(t.getStackTrace())).collect(Collectors.toList());
            if (leaked.isEmpty()) break;
            Thread.sleep(100);
        }
        assertThat(leaked).as("non-daemon threads left behind").isEmpty();
    }

    /** "pool-9-thread-8" → "pool-9-"; other names stand for themselves. */
    private static String pool(String threadName) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(pool-\\d+-)thread-\\d+$").matcher(threadName);
        return m.matches() ? m.group(1) : threadName;
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Message receiveOne(String queueUrl, int visibilitySeconds) {
        for (int attempt = 0; attempt < 10; attempt++) {
            var messages = cloud.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(1)
                    .visibilityTimeout(visibilitySeconds).waitTimeSeconds(1)
                    .messageSystemAttributeNamesWithStrings("ApproximateReceiveCount")).messages();
            if (!messages.isEmpty()) return messages.get(0);
        }
        throw new AssertionError("no message on " + queueUrl);
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }
}
