package io.userasset.infra;

import io.userasset.tables.ResourceCatalog;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The context switches: Kinesis ingestion, the customer-managed key, destroy-on-remove, a configuration file. */
class VariantsTest {

    @SuppressWarnings("unchecked")
    static Map<String, Object> resources(Synth.Result r) {
        return (Map<String, Object>) r.template().toJSON().get("Resources");
    }

    @Test
    void kinesisStreamFeedsIngestKinesis() {
        Synth.Result r = Synth.of(Synth.KINESIS);
        Template t = r.template();
        Labels labels = new Labels(r.stack(), resources(r));
        t.resourceCountIs("AWS::Lambda::Function", ResourceCatalog.FUNCTIONS.size());
        t.hasResourceProperties("AWS::Kinesis::Stream", Map.of(
                "StreamModeDetails", Map.of("StreamMode", "ON_DEMAND"),
                "RetentionPeriodHours", 168,
                "StreamEncryption", Map.of("EncryptionType", "KMS", "KeyId", "alias/aws/kinesis")));
        t.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "EventSourceArn", Map.of("Fn::GetAtt", List.of(labels.logicalId("stream"), "Arn")),
                "StartingPosition", "TRIM_HORIZON",
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "BisectBatchOnFunctionError", true,
                "MaximumRetryAttempts", 5,
                "MaximumRecordAgeInSeconds", 86400,
                "DestinationConfig", Map.of("OnFailure", Map.of("Destination",
                        Map.of("Fn::GetAtt", List.of(labels.logicalId("queue:kinesis-failures"), "Arn"))))));
        assertThat(t.findResources("AWS::Lambda::EventSourceMapping", Map.of("Properties", Map.of(
                "EventSourceArn", Map.of("Fn::GetAtt", List.of(labels.logicalId("stream"), "Arn"))))).values())
                .singleElement().asString().contains(labels.logicalId("alias:ingest-kinesis"));
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "IteratorAge",
                "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", labels.logicalId("function:ingest-kinesis"))))));
        t.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "ops@example.com"));
        t.allResourcesProperties("AWS::Lambda::Function", Map.of("TracingConfig", Map.of("Mode", "Active")));
    }

    @Test
    void fifoIngestMakesTheIngestQueueAndItsDlqFifoWithoutABatchingWindow() {
        Synth.Result r = Synth.of(Synth.FIFO);
        Template t = r.template();
        assertThat(t.findResources("AWS::SQS::Queue", Map.of("Properties", Map.of("FifoQueue", true)))).hasSize(2);
        var mappings = t.findResources("AWS::Lambda::EventSourceMapping", Map.of("Properties", Map.of("BatchSize", 10)));
        assertThat(mappings).hasSize(1);
        assertThat(mappings.values().iterator().next().toString()).doesNotContain("MaximumBatchingWindowInSeconds");
    }

    @Test
    void kmsKeyEncryptsEverythingAndDestroyOnRemoveDeletes() {
        Synth.Result r = Synth.of(Synth.KMS);
        Template t = r.template();
        Labels labels = new Labels(r.stack(), resources(r));
        Map<String, Object> keyArn = Map.of("Fn::GetAtt", List.of(labels.logicalId("key"), "Arn"));
        t.resourceCountIs("AWS::KMS::Key", 1); // the app key also serves the alarm topic
        t.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
        t.allResourcesProperties("AWS::DynamoDB::Table", Map.of("SSESpecification",
                Map.of("SSEEnabled", true, "SSEType", "KMS", "KMSMasterKeyId", keyArn)));
        t.allResourcesProperties("AWS::SQS::Queue", Map.of("KmsMasterKeyId", keyArn));
        t.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketEncryption", Map.of("ServerSideEncryptionConfiguration",
                List.of(Map.of("BucketKeyEnabled", true, "ServerSideEncryptionByDefault",
                        Map.of("SSEAlgorithm", "aws:kms", "KMSMasterKeyID", keyArn))))));
        t.hasResourceProperties("AWS::Kinesis::Stream", Map.of("StreamEncryption", Map.of("EncryptionType", "KMS", "KeyId", keyArn)));
        t.hasResourceProperties("AWS::Events::EventBus", Map.of("KmsKeyIdentifier", keyArn));
        t.hasResourceProperties("AWS::Events::Archive", Map.of("KmsKeyIdentifier", keyArn));
        t.allResourcesProperties("AWS::Logs::LogGroup", Map.of("KmsKeyId", keyArn));
        t.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", keyArn));
        t.hasResourceProperties("AWS::Scheduler::Schedule", Map.of("KmsKeyArn", keyArn));
        // environment variables and the SnapStart snapshots are encrypted with the key too
        r.stack().functions().all().keySet().forEach(fn ->
                assertThat(props(r, labels, "function:" + fn).get("KmsKeyArn")).as(fn).isEqualTo(keyArn));
        // destroyOnRemove: data resources go with the stack, the bucket is emptied first
        t.allResources("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Delete"));
        t.allResourcesProperties("AWS::DynamoDB::Table", Map.of("DeletionProtectionEnabled", false));
        t.allResources("AWS::S3::Bucket", Map.of("DeletionPolicy", "Delete"));
        t.allResources("AWS::Logs::LogGroup", Map.of("DeletionPolicy", "Delete"));
        t.resourceCountIs("Custom::S3AutoDeleteObjects", 2);
        // reservedConcurrency: the daily worker and reducer reserve their maxima
        assertThat(props(r, labels, "function:daily-worker").get("ReservedConcurrentExecutions"))
                .isEqualTo(ResourceCatalog.DAILY_WORKER_MAX_CONCURRENCY);
        assertThat(props(r, labels, "function:daily-reducer").get("ReservedConcurrentExecutions"))
                .isEqualTo(ResourceCatalog.DAILY_REDUCER_MAX_CONCURRENCY);
        assertThat(props(r, labels, "function:ingest-sqs")).doesNotContainKey("ReservedConcurrentExecutions");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> props(Synth.Result r, Labels labels, String label) {
        return (Map<String, Object>) ((Map<String, Object>) resources(r).get(labels.logicalId(label))).get("Properties");
    }

    static final Path CONFIG = Path.of("target", "test-config", "override.yaml").toAbsolutePath();

    static Synth.Result withConfig() throws IOException {
        Files.createDirectories(CONFIG.getParent());
        Files.writeString(CONFIG, """
                # a deployment's overrides: comments are dropped before the functions see them
                daily:
                  cronHourLocal: 5
                alerts:
                  rules:
                    - name: dau-drop
                      metric: dau
                      condition: dropPctFromPrevious
                      threshold: 20
                      days: 2
                      severity: warning
                """);
        return Synth.of(Map.of("configFile", CONFIG.toString(), "timeZone", "Asia/Shanghai", "stackName", "UaeTest"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void configFileAndTimeZoneReachTheScheduleAlarmsAndFunctions() throws IOException {
        Synth.Result r = withConfig();
        Template t = r.template();
        Labels labels = new Labels(r.stack(), resources(r));
        t.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", "cron(0 5 * * ? *)", "ScheduleExpressionTimezone", "Asia/Shanghai"));
        // one alarm per configured rule: the override replaced the rule list
        assertThat(r.template().findResources("AWS::CloudWatch::Alarm", Map.of("Properties",
                Map.of("MetricName", "AlertFired")))).hasSize(1);
        Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) props(r, labels, "function:daily-worker")
                .get("Environment")).get("Variables");
        assertThat(env.get(ResourceCatalog.Env.CONFIG)).isEqualTo("{\"daily\":{\"cronHourLocal\":5},\"alerts\":{\"rules\":[{\"name\":"
                + "\"dau-drop\",\"metric\":\"dau\",\"condition\":\"dropPctFromPrevious\",\"threshold\":20,\"days\":2,"
                + "\"severity\":\"warning\"}]},\"time\":{\"zone\":\"Asia/Shanghai\"}}");
        t.hasResourceProperties("AWS::Glue::Database", Map.of("DatabaseInput", Match.objectLike(Map.of("Name", "uaetest"))));
        t.hasResourceProperties("AWS::Events::EventBus", Map.of("Name", "UaeTest-actions"));
    }
}
