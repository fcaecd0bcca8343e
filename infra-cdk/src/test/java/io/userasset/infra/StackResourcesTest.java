package io.userasset.infra;

import io.userasset.config.AlertsConfig;
import io.userasset.config.ConfigLoader;
import io.userasset.tables.FunctionSpec;
import io.userasset.tables.QueueSpec;
import io.userasset.tables.ResourceCatalog;
import io.userasset.tables.TableSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The default stack (no context): every resource and property the catalog and the brief require. */
class StackResourcesTest {
    static Synth.Result r;
    static Template t;
    static Labels labels;
    static Map<String, Object> resources;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void synth() {
        r = Synth.of(Synth.DEFAULT);
        t = r.template();
        resources = (Map<String, Object>) t.toJSON().get("Resources");
        labels = new Labels(r.stack(), resources);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> resource(String label) {
        return (Map<String, Object>) resources.get(labels.logicalId(label));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> props(String label) {
        return (Map<String, Object>) resource(label).get("Properties");
    }

    static Map<String, Object> ref(String label) {
        return Map.of("Ref", labels.logicalId(label));
    }

    static Map<String, Object> arn(String label) {
        return Map.of("Fn::GetAtt", List.of(labels.logicalId(label), "Arn"));
    }

    // ---- tables --------------------------------------------------------------------------------

    @Test
    void tablesAreTheCatalogs() {
        t.resourceCountIs("AWS::DynamoDB::Table", ResourceCatalog.TABLES.size());
        for (TableSpec spec : ResourceCatalog.TABLES) {
            Map<String, Object> p = props("table:" + spec.logicalName());
            List<Map<String, Object>> keys = new ArrayList<>();
            keys.add(Map.of("AttributeName", spec.partitionKey(), "KeyType", "HASH"));
            spec.sortKey().ifPresent(sk -> keys.add(Map.of("AttributeName", sk, "KeyType", "RANGE")));
            assertThat(p.get("KeySchema")).as(spec.logicalName()).isEqualTo(keys);
            assertThat(p.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
            assertThat(p.get("PointInTimeRecoverySpecification")).isEqualTo(Map.of("PointInTimeRecoveryEnabled", true));
            assertThat(p.get("SSESpecification")).isEqualTo(Map.of("SSEEnabled", true)); // AWS-managed key
            assertThat(p.get("DeletionProtectionEnabled")).isEqualTo(true);
            assertThat(resource("table:" + spec.logicalName())).containsEntry("DeletionPolicy", "Retain")
                    .containsEntry("UpdateReplacePolicy", "Retain");
            assertThat(p.get("TimeToLiveSpecification")).isEqualTo(spec.ttlAttribute()
                    .map(a -> (Object) Map.of("AttributeName", a, "Enabled", true)).orElse(null));
            assertThat(p.get("StreamSpecification")).isEqualTo(spec.stream()
                    .map(v -> (Object) Map.of("StreamViewType", v.name())).orElse(null));
            List<Object> gsis = new ArrayList<>();
            for (TableSpec.IndexSpec i : spec.indexes()) {
                List<Map<String, Object>> ik = new ArrayList<>();
                ik.add(Map.of("AttributeName", i.partitionKey(), "KeyType", "HASH"));
                i.sortKey().ifPresent(sk -> ik.add(Map.of("AttributeName", sk, "KeyType", "RANGE")));
                gsis.add(Map.of("IndexName", i.name(), "KeySchema", ik, "Projection", Map.of("ProjectionType", "ALL")));
            }
            assertThat(p.get("GlobalSecondaryIndexes")).isEqualTo(gsis.isEmpty() ? null : gsis);
        }
        assertThat(props("table:profiles").get("StreamSpecification")).isEqualTo(Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"));
    }

    // ---- queues ---------------------------------------------------------------------------------

    @Test
    void queuesAreTheCatalogsWithRedrive() {
        List<QueueSpec> deployed = ResourceCatalog.QUEUES.stream().filter(q -> !q.localOnly()).toList();
        // each deployed catalog queue + its DLQ, plus the stream and schedule failure queues; no local-only queue
        t.resourceCountIs("AWS::SQS::Queue", deployed.size() * 2 + 2);
        for (QueueSpec q : deployed) {
            Map<String, Object> p = props("queue:" + q.logicalName());
            assertThat(p.get("VisibilityTimeout")).as(q.logicalName()).isEqualTo((int) q.visibilityTimeout().toSeconds());
            assertThat(p.get("MessageRetentionPeriod")).isEqualTo((int) q.retention().toSeconds());
            assertThat(p.get("RedrivePolicy")).isEqualTo(Map.of("deadLetterTargetArn", arn("dlq:" + q.logicalName()),
                    "maxReceiveCount", q.maxReceiveCount()));
            assertThat(p.get("SqsManagedSseEnabled")).isEqualTo(true);
            assertThat(props("dlq:" + q.logicalName()).get("MessageRetentionPeriod")).isEqualTo((int) q.dlqRetention().toSeconds());
            assertThat(props("dlq:" + q.logicalName()).get("SqsManagedSseEnabled")).isEqualTo(true);
        }
        // every queue refuses plain HTTP
        t.resourceCountIs("AWS::SQS::QueuePolicy", deployed.size() * 2 + 2);
        t.allResourcesProperties("AWS::SQS::QueuePolicy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Effect", "Deny", "Action", "sqs:*",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    // ---- event sources --------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static Map<String, Object> mappingOf(String fn) {
        String alias = labels.logicalId("alias:" + fn);
        List<Map<String, Object>> found = resources.values().stream().map(v -> (Map<String, Object>) v)
                .filter(v -> v.get("Type").equals("AWS::Lambda::EventSourceMapping"))
                .filter(v -> String.valueOf(((Map<String, Object>) v.get("Properties")).get("FunctionName")).contains(alias))
                .toList();
        assertThat(found).as("event source mappings of " + fn).hasSize(1);
        return (Map<String, Object>) found.get(0).get("Properties");
    }

    @Test
    void ingestQueueFeedsIngestSqsAlias() {
        Map<String, Object> m = mappingOf("ingest-sqs");
        assertThat(m.get("EventSourceArn")).isEqualTo(arn("queue:ingest"));
        assertThat(m).containsEntry("BatchSize", 100).containsEntry("MaximumBatchingWindowInSeconds", 5)
                .containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"))
                .containsEntry("ScalingConfig", Map.of("MaximumConcurrency", 20));
    }

    @Test
    void profileStreamFeedsProfileStreamAlias() {
        Map<String, Object> m = mappingOf("profile-stream");
        assertThat(m.get("EventSourceArn")).isEqualTo(Map.of("Fn::GetAtt", List.of(labels.logicalId("table:profiles"), "StreamArn")));
        assertThat(m).containsEntry("StartingPosition", "TRIM_HORIZON")
                .containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"))
                .containsEntry("BisectBatchOnFunctionError", true)
                .containsEntry("MaximumRetryAttempts", 5)
                .containsEntry("MaximumRecordAgeInSeconds", 6 * 3600)
                .containsEntry("ParallelizationFactor", 2)
                .containsEntry("DestinationConfig", Map.of("OnFailure", Map.of("Destination", arn("queue:profile-stream-failures"))))
                .containsEntry("FilterCriteria", Map.of("Filters", List.of(Map.of("Pattern",
                        "{\"eventName\":[\"MODIFY\"],\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[{\"prefix\":\"u#\"}]}},"
                                + "\"NewImage\":{\"w\":{\"S\":[\"ingest\"]}}}}"))));
    }

    @Test
    void dailyQueuesFeedWorkerAndReducerOneMessageAtATime() {
        Map<String, Object> w = mappingOf("daily-worker");
        assertThat(w.get("EventSourceArn")).isEqualTo(arn("queue:daily-work"));
        assertThat(w).containsEntry("BatchSize", 1).containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"))
                .containsEntry("ScalingConfig", Map.of("MaximumConcurrency", ResourceCatalog.DAILY_WORKER_MAX_CONCURRENCY));
        Map<String, Object> red = mappingOf("daily-reducer");
        assertThat(red.get("EventSourceArn")).isEqualTo(arn("queue:daily-reduce"));
        assertThat(red).containsEntry("BatchSize", 1).containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"))
                .containsEntry("ScalingConfig", Map.of("MaximumConcurrency", 2));
        t.resourceCountIs("AWS::Lambda::EventSourceMapping", 4);
    }

    // ---- schedule -------------------------------------------------------------------------------

    @Test
    void scheduleRunsTheCoordinatorAtTheConfiguredHourAndZone() {
        var config = ConfigLoader.defaults();
        t.resourceCountIs("AWS::Scheduler::Schedule", 1);
        t.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", "cron(0 " + config.daily().cronHourLocal() + " * * ? *)",
                "ScheduleExpressionTimezone", config.time().zone(),
                "State", "ENABLED",
                "Target", Match.objectLike(Map.of(
                        "Arn", ref("alias:daily-coordinator"),
                        "DeadLetterConfig", Map.of("Arn", arn("queue:daily-trigger-failures")),
                        "RetryPolicy", Map.of("MaximumRetryAttempts", 3, "MaximumEventAgeInSeconds", 7200),
                        "Input", Match.stringLikeRegexp(".*<aws.scheduler.scheduled-time>.*")))));
        t.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
                "MaximumRetryAttempts", 2,
                "DestinationConfig", Map.of("OnFailure", Map.of("Destination", arn("queue:daily-trigger-failures")))));
    }

    // ---- bucket, Glue ---------------------------------------------------------------------------

    @Test
    void bucketIsPrivateTlsOnlyEncryptedLoggedWithLifecycle() {
        Map<String, Object> p = props("bucket");
        assertThat(p.get("PublicAccessBlockConfiguration")).isEqualTo(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
        assertThat(p.get("BucketEncryption")).isEqualTo(Map.of("ServerSideEncryptionConfiguration",
                List.of(Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))));
        assertThat(p.get("LoggingConfiguration")).isEqualTo(Map.of("DestinationBucketName", ref("access-log-bucket"),
                "LogFilePrefix", "data-bucket/"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules = (List<Map<String, Object>>) ((Map<String, Object>) p.get("LifecycleConfiguration")).get("Rules");
        assertThat(rules).contains(
                Map.of("Id", "expire-partials", "Prefix", ResourceCatalog.PARTIALS_PREFIX, "ExpirationInDays", 7, "Status", "Enabled"),
                Map.of("Id", "expire-rejects", "Prefix", ResourceCatalog.REJECTS_PREFIX, "ExpirationInDays", 90, "Status", "Enabled"),
                Map.of("Id", "snapshots-to-infrequent-access", "Prefix", ResourceCatalog.SNAPSHOT_PREFIX, "Status", "Enabled",
                        "Transitions", List.of(Map.of("StorageClass", "STANDARD_IA", "TransitionInDays", 30))));
        assertThat(resource("bucket")).containsEntry("DeletionPolicy", "Retain");
        for (String bucket : List.of("bucket", "access-log-bucket")) {
            t.hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                    "Bucket", ref(bucket),
                    "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                            "Effect", "Deny", "Action", "s3:*",
                            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
        }
    }

    @Test
    void glueSnapshotTableUsesPartitionProjection() {
        @SuppressWarnings("unchecked")
        Map<String, Object> table = (Map<String, Object>) resources.values().stream().map(v -> (Map<String, Object>) v)
                .filter(v -> v.get("Type").equals("AWS::Glue::Table")).findFirst().orElseThrow().get("Properties");
        @SuppressWarnings("unchecked")
        Map<String, Object> input = (Map<String, Object>) table.get("TableInput");
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) input.get("Parameters");
        assertThat(input.get("Name")).isEqualTo("snapshots");
        assertThat(params).containsEntry("projection.enabled", "true")
                .containsEntry("projection.dt.type", "date")
                .containsEntry("projection.dt.format", "yyyy-MM-dd")
                .containsEntry("projection.dt.range", "2020-01-01,NOW")
                .containsEntry("projection.dt.interval", "1")
                .containsEntry("projection.dt.interval.unit", "DAYS")
                .containsEntry("compressionType", "gzip");
        assertThat(labels.render(params.get("storage.location.template"))).isEqualTo("s3://bucket/snapshots/dt=${dt}/");
        assertThat(input.get("PartitionKeys")).isEqualTo(List.of(Map.of("Name", "dt", "Type", "string",
                "Comment", "snapshot date, yyyy-MM-dd in the configured time zone")));
        @SuppressWarnings("unchecked")
        Map<String, Object> sd = (Map<String, Object>) input.get("StorageDescriptor");
        assertThat(labels.render(sd.get("Location"))).isEqualTo("s3://bucket/snapshots/");
        assertThat(sd.get("SerdeInfo")).asString().contains("org.openx.data.jsonserde.JsonSerDe");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> columns = (List<Map<String, Object>>) sd.get("Columns");
        assertThat(columns).extracting(c -> c.get("Name") + " " + c.get("Type"))
                .containsExactlyElementsOf(SnapshotColumns.columns().stream().map(c -> c.name() + " " + c.type()).toList())
                .contains("valueScores struct<consumption:double,social:double,content:double,activity:double,loyalty:double,composite:double>");
        t.resourceCountIs("AWS::Glue::Database", 1);
        t.hasResourceProperties("AWS::Athena::WorkGroup", Map.of("WorkGroupConfiguration", Match.objectLike(Map.of(
                "EnforceWorkGroupConfiguration", true))));
    }

    // ---- functions ------------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void functionsAreTheCatalogsOnArmWithSnapStart() {
        List<FunctionSpec> deployed = ResourceCatalog.FUNCTIONS.stream()
                .filter(f -> !f.equals(ResourceCatalog.INGEST_KINESIS)).toList();
        t.resourceCountIs("AWS::Lambda::Function", deployed.size());
        Set<String> env = new TreeSet<>(Set.of(ResourceCatalog.Env.PROFILES_TABLE, ResourceCatalog.Env.ENGINE_TABLE,
                ResourceCatalog.Env.ACTIONS_TABLE, ResourceCatalog.Env.BUCKET, ResourceCatalog.Env.EVENT_BUS,
                ResourceCatalog.Env.DAILY_WORK_QUEUE_URL, ResourceCatalog.Env.DAILY_REDUCE_QUEUE_URL,
                ResourceCatalog.Env.METRICS_NAMESPACE));
        for (FunctionSpec spec : deployed) {
            Map<String, Object> p = props("function:" + spec.logicalName());
            assertThat(p).as(spec.logicalName())
                    .containsEntry("Handler", spec.handler() + "::handleRequest")
                    .containsEntry("Runtime", "java17")
                    .containsEntry("Architectures", List.of("arm64"))
                    .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"))
                    .containsEntry("MemorySize", spec.memoryMb())
                    .containsEntry("Timeout", (int) spec.timeout().toSeconds())
                    .containsEntry("LoggingConfig", Map.of("LogGroup", ref("logs:" + spec.logicalName())))
                    .doesNotContainKey("ReservedConcurrentExecutions")
                    .doesNotContainKey("TracingConfig");
            Map<String, Object> vars = (Map<String, Object>) ((Map<String, Object>) p.get("Environment")).get("Variables");
            Set<String> expected = new TreeSet<>(env);
            boolean c1 = !EngineFunctions.FULL_JIT.contains(spec.logicalName());
            if (c1) expected.add("JAVA_TOOL_OPTIONS");
            assertThat(vars.keySet()).as(spec.logicalName()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(labels.render(vars.get(ResourceCatalog.Env.PROFILES_TABLE))).isEqualTo("table:profiles");
            assertThat(labels.render(vars.get(ResourceCatalog.Env.ENGINE_TABLE))).isEqualTo("table:engine");
            assertThat(labels.render(vars.get(ResourceCatalog.Env.ACTIONS_TABLE))).isEqualTo("table:actions");
            assertThat(labels.render(vars.get(ResourceCatalog.Env.BUCKET))).isEqualTo("bucket");
            assertThat(labels.render(vars.get(ResourceCatalog.Env.EVENT_BUS))).isEqualTo("bus");
            assertThat(labels.render(vars.get(ResourceCatalog.Env.DAILY_WORK_QUEUE_URL))).isEqualTo("queue:daily-work");
            assertThat(labels.render(vars.get(ResourceCatalog.Env.DAILY_REDUCE_QUEUE_URL))).isEqualTo("queue:daily-reduce");
            assertThat(vars.get(ResourceCatalog.Env.METRICS_NAMESPACE)).isEqualTo(ResourceCatalog.DEFAULT_METRICS_NAMESPACE);
            if (c1) assertThat(vars.get("JAVA_TOOL_OPTIONS")).isEqualTo("-XX:+TieredCompilation -XX:TieredStopAtLevel=1");

            Map<String, Object> alias = props("alias:" + spec.logicalName());
            assertThat(alias.get("Name")).isEqualTo("live");
            assertThat(alias.get("FunctionName")).isEqualTo(ref("function:" + spec.logicalName()));
            assertThat(props("logs:" + spec.logicalName()).get("RetentionInDays")).isEqualTo(30);
        }
        t.resourceCountIs("AWS::Lambda::Version", deployed.size());
        t.resourceCountIs("AWS::Lambda::Alias", deployed.size());
        // no function role carries an AWS-managed policy
        t.allResourcesProperties("AWS::IAM::Role", Map.of("ManagedPolicyArns", Match.absent()));
    }

    // ---- bus ------------------------------------------------------------------------------------

    @Test
    void busWithArchive() {
        t.resourceCountIs("AWS::Events::EventBus", 1);
        t.hasResourceProperties("AWS::Events::Archive", Map.of(
                "SourceArn", arn("bus"),
                "RetentionDays", 30,
                "EventPattern", Map.of("source", List.of(ResourceCatalog.EVENT_SOURCE))));
    }

    // ---- alarms, dashboard ----------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> alarms() {
        return resources.values().stream().map(v -> (Map<String, Object>) v)
                .filter(v -> v.get("Type").equals("AWS::CloudWatch::Alarm"))
                .map(v -> (Map<String, Object>) v.get("Properties")).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void alarmsOnDlqsErrorsThrottlesIteratorAgeAndAlertRules() {
        List<String> actual = new ArrayList<>();
        for (Map<String, Object> a : alarms()) {
            List<Map<String, Object>> dims = (List<Map<String, Object>>) a.get("Dimensions");
            String d = dims.stream().map(x -> x.get("Name") + "=" + labels.render(x.get("Value"))).sorted().toList().toString();
            actual.add(a.get("Namespace") + "/" + a.get("MetricName") + " " + d + " " + a.get("Statistic") + " "
                    + a.get("ComparisonOperator") + " " + a.get("Threshold"));
            assertThat(a.get("AlarmActions")).isEqualTo(List.of(ref("topic")));
            assertThat(a.get("TreatMissingData")).isEqualTo("notBreaching");
        }
        List<String> expected = new ArrayList<>();
        for (String q : List.of("dlq:ingest", "dlq:daily-work", "dlq:daily-reduce", "queue:profile-stream-failures",
                "queue:daily-trigger-failures")) {
            expected.add("AWS/SQS/ApproximateNumberOfMessagesVisible [QueueName=" + q + ".QueueName] Maximum GreaterThanThreshold 0");
        }
        for (String fn : r.stack().functions().all().keySet()) {
            expected.add("AWS/Lambda/Errors [FunctionName=function:" + fn + "] Sum GreaterThanOrEqualToThreshold 1");
            expected.add("AWS/Lambda/Throttles [FunctionName=function:" + fn + "] Sum GreaterThanOrEqualToThreshold 1");
        }
        expected.add("AWS/Lambda/IteratorAge [FunctionName=function:profile-stream] Maximum GreaterThanThreshold 600000");
        List<AlertsConfig.AlertRule> rules = ConfigLoader.defaults().alerts().rules();
        assertThat(rules).extracting(AlertsConfig.AlertRule::name)
                .containsExactlyInAnyOrder("dau-drop", "asset-churn", "ltv-cac", "value-migration");
        for (AlertsConfig.AlertRule rule : rules) {
            expected.add("UserAssetEngine/AlertFired [Rule=" + rule.name() + "] Sum GreaterThanOrEqualToThreshold 1");
        }
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void alarmTopicIsEncryptedAndTlsOnly() {
        t.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", Match.anyValue()));
        t.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Effect", "Deny", "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
        t.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Effect", "Allow", "Action", "sns:Publish",
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"))))))));
        t.resourceCountIs("AWS::SNS::Subscription", 0);
        t.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    }

    @Test
    void oneDashboardShowingThePipeline() {
        t.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) resources.values().stream().map(v -> (Map<String, Object>) v)
                .filter(v -> v.get("Type").equals("AWS::CloudWatch::Dashboard")).findFirst().orElseThrow().get("Properties");
        String body = labels.render(d.get("DashboardBody"));
        for (String m : List.of("EventsApplied", "EventsDuplicate", "EventsRejected", "EventsFailed", "EventsLate", "BatchLatency",
                "ApproximateNumberOfMessagesVisible", "Errors", "Duration", "Throttles", "IteratorAge",
                "ConsumedReadCapacityUnits", "ConsumedWriteCapacityUnits", "ReadThrottleEvents", "WriteThrottleEvents", "AlertFired")) {
            assertThat(body).as(m).contains("\"" + m + "\"");
        }
        assertThat(body).contains("\"UserAssetEngine\"", "\"Function\"", "\"ingest-sqs\"", "\"Rule\"", "\"dau-drop\"");
    }
}
