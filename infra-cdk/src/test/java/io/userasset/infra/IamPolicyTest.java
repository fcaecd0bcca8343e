package io.userasset.infra;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact IAM policy of every function's role, statement by statement (actions and resources).
 * Any added, widened or removed grant fails here; update the expectation only together with the
 * reason the function needs it.
 */
class IamPolicyTest {
    static final String TABLE_READ = "dynamodb:BatchGetItem,dynamodb:ConditionCheckItem,dynamodb:DescribeTable,"
            + "dynamodb:GetItem,dynamodb:Query,dynamodb:Scan";
    static final String TABLE_RW = "dynamodb:BatchGetItem,dynamodb:BatchWriteItem,dynamodb:ConditionCheckItem,"
            + "dynamodb:DeleteItem,dynamodb:DescribeTable,dynamodb:GetItem,dynamodb:PutItem,dynamodb:Query,"
            + "dynamodb:Scan,dynamodb:UpdateItem";
    static final String CONSUME = "sqs:ChangeMessageVisibility,sqs:DeleteMessage,sqs:GetQueueAttributes,sqs:GetQueueUrl,sqs:ReceiveMessage";
    static final String SEND_FAILURE = "sqs:GetQueueAttributes,sqs:GetQueueUrl,sqs:SendMessage";

    static String logs(String fn) {
        return "Allow logs:CreateLogStream,logs:PutLogEvents -> logs:" + fn;
    }

    static final Map<String, List<String>> EXPECTED = Map.of(
            "ingest-sqs", List.of(
                    logs("ingest-sqs"),
                    "Allow " + CONSUME + " -> queue:ingest",
                    "Allow " + TABLE_RW + " -> table:profiles",
                    "Allow " + TABLE_RW + " -> table:engine",
                    "Allow s3:PutObject -> bucket/rejects/*"),
            "profile-stream", List.of(
                    logs("profile-stream"),
                    "Allow dynamodb:ListStreams -> *",
                    "Allow dynamodb:DescribeStream,dynamodb:GetRecords,dynamodb:GetShardIterator -> table:profiles.StreamArn",
                    "Allow " + SEND_FAILURE + " -> queue:profile-stream-failures",
                    "Allow " + TABLE_RW + " -> table:actions,table:actions/index/*",
                    "Allow " + TABLE_RW + " -> table:engine",
                    "Allow events:PutEvents -> bus"),
            "daily-coordinator", List.of(
                    logs("daily-coordinator"),
                    "Allow " + SEND_FAILURE + " -> queue:daily-trigger-failures",
                    "Allow dynamodb:DescribeTable -> table:profiles",
                    "Allow " + TABLE_RW + " -> table:engine",
                    "Allow sqs:SendMessage -> queue:daily-work"),
            "daily-worker", List.of(
                    logs("daily-worker"),
                    "Allow " + CONSUME + " -> queue:daily-work",
                    "Allow " + TABLE_RW + " -> table:profiles",
                    "Allow " + TABLE_RW + " -> table:engine",
                    "Allow " + TABLE_RW + " -> table:actions,table:actions/index/*",
                    "Allow s3:PutObject -> bucket/partials/*,bucket/snapshots/*",
                    "Allow sqs:SendMessage -> queue:daily-reduce"),
            "daily-reducer", List.of(
                    logs("daily-reducer"),
                    "Allow " + CONSUME + " -> queue:daily-reduce",
                    "Allow " + TABLE_RW + " -> table:engine",
                    "Allow " + TABLE_RW + " -> table:actions,table:actions/index/*",
                    "Allow " + TABLE_READ + " -> table:profiles",
                    "Allow s3:GetObject -> bucket/partials/*",
                    "Allow s3:ListBucket -> bucket if {StringLike={s3:prefix=[partials/*]}}",
                    "Allow s3:PutObject -> bucket/metrics/*,bucket/models/*",
                    "Allow events:PutEvents -> bus",
                    "Allow sqs:SendMessage -> queue:daily-work"));

    static final List<String> INGEST_KINESIS = List.of(
            logs("ingest-kinesis"),
            "Allow kinesis:DescribeStream,kinesis:DescribeStreamConsumer,kinesis:DescribeStreamSummary,kinesis:GetRecords,"
                    + "kinesis:GetShardIterator,kinesis:ListShards,kinesis:ListStreams,kinesis:SubscribeToShard -> stream",
            "Allow " + SEND_FAILURE + " -> queue:kinesis-failures",
            "Allow " + TABLE_RW + " -> table:profiles",
            "Allow " + TABLE_RW + " -> table:engine",
            "Allow s3:PutObject -> bucket/rejects/*");
    static final String XRAY = "Allow xray:PutTelemetryRecords,xray:PutTraceSegments -> *";

    static Labels labels(Synth.Result r) {
        @SuppressWarnings("unchecked")
        Map<String, Object> resources = (Map<String, Object>) r.template().toJSON().get("Resources");
        return new Labels(r.stack(), resources);
    }

    static List<String> sorted(List<String> l) {
        List<String> s = new ArrayList<>(l);
        s.sort(null);
        return s;
    }

    @Test
    void eachFunctionHasExactlyItsStatements() {
        Synth.Result r = Synth.of(Synth.DEFAULT);
        Labels labels = labels(r);
        assertThat(r.stack().functions().all().keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        EXPECTED.forEach((fn, statements) ->
                assertThat(labels.statements("role:" + fn)).as(fn).containsExactlyElementsOf(sorted(statements)));
    }

    @Test
    void kinesisIngestAndTracing() {
        Synth.Result r = Synth.of(Synth.KINESIS);
        Labels labels = labels(r);
        List<String> kinesis = new ArrayList<>(INGEST_KINESIS);
        kinesis.add(XRAY);
        assertThat(labels.statements("role:ingest-kinesis")).containsExactlyElementsOf(sorted(kinesis));
        // tracing adds exactly the X-Ray statement to every other role
        EXPECTED.forEach((fn, statements) -> {
            List<String> withXray = new ArrayList<>(statements);
            withXray.add(XRAY);
            assertThat(labels.statements("role:" + fn)).as(fn).containsExactlyElementsOf(sorted(withXray));
        });
    }

    /** With the app key, the only additions are KMS statements, and those name only the key. */
    @Test
    void kmsVariantAddsOnlyKeyScopedKmsStatements() {
        Synth.Result r = Synth.of(Synth.KMS);
        Labels labels = labels(r);
        Set<String> allowedKms = Set.of("kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey",
                "kms:GenerateDataKey*", "kms:ReEncrypt*");
        Map<String, List<String>> expected = new java.util.HashMap<>(EXPECTED);
        expected.put("ingest-kinesis", INGEST_KINESIS);
        expected.forEach((fn, statements) -> {
            List<String> actual = labels.statements("role:" + fn);
            List<String> kms = actual.stream().filter(s -> s.startsWith("Allow kms:")).toList();
            List<String> rest = actual.stream().filter(s -> !s.startsWith("Allow kms:")).toList();
            assertThat(rest).as(fn).containsExactlyElementsOf(sorted(statements));
            assertThat(kms).as(fn).isNotEmpty().allSatisfy(s -> assertThat(s).endsWith(" -> key"));
            Set<String> actions = kms.stream().map(s -> s.substring("Allow ".length(), s.indexOf(" -> ")))
                    .flatMap(a -> List.of(a.split(",")).stream()).collect(Collectors.toCollection(TreeSet::new));
            assertThat(allowedKms).as(fn).containsAll(actions);
        });
    }

    @Test
    void schedulerMayOnlyInvokeTheCoordinatorAndDeadLetter() {
        Synth.Result r = Synth.of(Synth.DEFAULT);
        Labels labels = labels(r);
        @SuppressWarnings("unchecked")
        Map<String, Object> resources = (Map<String, Object>) r.template().toJSON().get("Resources");
        String schedulerRole = resources.entrySet().stream()
                .filter(e -> e.getKey().startsWith("SchedulerRoleForTarget") && ((Map<?, ?>) e.getValue()).get("Type").equals("AWS::IAM::Role"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        List<String> statements = new ArrayList<>();
        resources.values().stream().map(v -> (Map<?, ?>) v)
                .filter(v -> v.get("Type").equals("AWS::IAM::Policy"))
                .filter(v -> String.valueOf(((Map<?, ?>) v.get("Properties")).get("Roles")).contains(schedulerRole))
                .forEach(v -> {
                    Map<?, ?> doc = (Map<?, ?>) ((Map<?, ?>) v.get("Properties")).get("PolicyDocument");
                    for (Object s : (List<?>) doc.get("Statement")) {
                        Map<?, ?> st = (Map<?, ?>) s;
                        statements.add(st.get("Action") + " -> " + labels.render(st.get("Resource")));
                    }
                });
        assertThat(statements).containsExactlyInAnyOrder(
                "lambda:InvokeFunction -> alias:daily-coordinator",
                "sqs:SendMessage -> queue:daily-trigger-failures");
    }
}
