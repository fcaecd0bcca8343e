package io.userasset.infra;

import io.userasset.config.AlertsConfig;
import io.userasset.tables.ResourceCatalog;
import io.userasset.tables.ResourceCatalog.Metrics;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alarms, their SNS topic and the pipeline dashboard.
 *
 * <p>Alarms (all notify the topic): every dead-letter and failure queue holding a message; every
 * function's errors and throttles; the iterator age of the stream event sources (profile stream,
 * Kinesis); one alarm per daily-job alert rule of the engine configuration ({@code alerts.rules}) on
 * the reducer's {@code AlertFired} metric.
 */
public final class Observability extends Construct {
    static final String NAMESPACE = ResourceCatalog.DEFAULT_METRICS_NAMESPACE;
    /** Stream records older than this mean the consumer is falling behind (DynamoDB streams keep 24 h). */
    static final Duration ITERATOR_AGE_THRESHOLD = Duration.minutes(10);
    static final Duration PERIOD = Duration.minutes(5);

    private final Topic topic;
    private final Map<String, Alarm> alarms = new LinkedHashMap<>();

    public Observability(Construct scope, String id, DeploymentSettings settings, Optional<IKey> key,
                         ProfileStore store, MessageQueues queues, EngineFunctions functions,
                         IngestPipeline ingest, ActionBus actions, DailyJob daily) {
        super(scope, id);
        IKey topicKey = key.orElseGet(() -> {
            // CloudWatch cannot publish to a topic under the AWS-managed aws/sns key (its policy
            // cannot admit cloudwatch.amazonaws.com), so the alarm topic gets a small key of its own.
            Key k = Key.Builder.create(this, "TopicKey")
                    .description("User Asset Engine alarm topic (" + settings.stackName() + ")")
                    .enableKeyRotation(true)
                    .pendingWindow(Duration.days(7))
                    .removalPolicy(RemovalPolicy.DESTROY) // encrypts only messages in flight; nothing at rest outlives the topic
                    .build();
            Encryption.allowCloudWatchAlarms(k);
            return k;
        });
        topic = Topic.Builder.create(this, "AlarmTopic")
                .displayName("User Asset Engine alarms")
                .masterKey(topicKey)
                .enforceSsl(true)
                .build();
        // The topic policy that enforceSsl creates replaces SNS's default one, so CloudWatch needs an explicit allow
        // (only for alarms of this account and region).
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarmsPublish")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID),
                        "ArnLike", Map.of("aws:SourceArn", "arn:" + Aws.PARTITION + ":cloudwatch:" + Aws.REGION + ":"
                                + Aws.ACCOUNT_ID + ":alarm:*")))
                .build());
        settings.alarmEmail().ifPresent(email -> topic.addSubscription(new EmailSubscription(email)));

        // ---- dead-letter and failure queues --------------------------------------------------
        Map<String, Queue> failureQueues = new LinkedHashMap<>();
        queues.dlqs().forEach((name, q) -> failureQueues.put(name + "-dlq", q));
        failureQueues.put("profile-stream-failures", actions.streamFailures());
        ingest.kinesisFailures().ifPresent(q -> failureQueues.put("kinesis-failures", q));
        failureQueues.put("daily-trigger-failures", daily.triggerFailures());
        failureQueues.forEach((name, q) -> alarm("Dlq-" + name,
                q.metricApproximateNumberOfMessagesVisible(opts("Maximum")), 0,
                ComparisonOperator.GREATER_THAN_THRESHOLD,
                name + " holds messages that failed processing; inspect them, fix the cause, redrive"));

        // ---- functions ----------------------------------------------------------------------
        functions.all().forEach((name, f) -> {
            alarm("Errors-" + name, f.function().metricErrors(opts("Sum")), 1,
                    ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, name + " invocations failed");
            alarm("Throttles-" + name, f.function().metricThrottles(opts("Sum")), 1,
                    ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, name + " invocations were throttled");
        });
        List<String> streamConsumers = new ArrayList<>(List.of(ResourceCatalog.PROFILE_STREAM.logicalName()));
        if (settings.kinesis()) streamConsumers.add(ResourceCatalog.INGEST_KINESIS.logicalName());
        for (String name : streamConsumers) {
            alarm("IteratorAge-" + name, iteratorAge(functions.all().get(name)), ITERATOR_AGE_THRESHOLD.toMilliseconds().doubleValue(),
                    ComparisonOperator.GREATER_THAN_THRESHOLD, name + " is falling behind its stream (oldest record older than "
                            + ITERATOR_AGE_THRESHOLD.toMinutes() + " minutes)");
        }

        // ---- the daily job's alert rules ----------------------------------------------------
        for (AlertsConfig.AlertRule rule : settings.config().alerts().rules()) {
            alarm("Alert-" + rule.name(), alertFired(rule.name()), 1,
                    ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                    "Daily job alert " + rule.name() + " (" + rule.severity() + "): " + rule.metric() + " "
                            + rule.condition() + " " + rule.threshold()
                            + (rule.days() > 1 ? " for " + rule.days() + " days" : ""));
        }

        dashboard(settings, store, queues, functions, failureQueues, streamConsumers);
    }

    private Alarm alarm(String id, IMetric metric, double threshold, ComparisonOperator op, String description) {
        Alarm a = Alarm.Builder.create(this, id)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(op)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmDescription(description)
                .build();
        a.addAlarmAction(new SnsAction(topic));
        alarms.put(id, a);
        return a;
    }

    private static MetricOptions opts(String statistic) {
        return MetricOptions.builder().statistic(statistic).period(PERIOD).build();
    }

    private static IMetric iteratorAge(EngineFunctions.EngineFunction f) {
        return f.function().metric("IteratorAge", opts("Maximum"));
    }

    /** The reducer's EMF metric: value 1 per firing of a rule, dimension set [Rule]. Hourly, so the alarm stays up a while. */
    static Metric alertFired(String rule) {
        return Metric.Builder.create()
                .namespace(NAMESPACE)
                .metricName(Metrics.ALERT_FIRED)
                .dimensionsMap(Map.of(Metrics.RULE_DIMENSION, rule))
                .statistic("Sum")
                .period(Duration.hours(1))
                .build();
    }

    private static Metric emf(String metricName, String function, String statistic) {
        return Metric.Builder.create()
                .namespace(NAMESPACE)
                .metricName(metricName)
                .dimensionsMap(Map.of(Metrics.FUNCTION_DIMENSION, function))
                .statistic(statistic)
                .label(function + " " + metricName)
                .period(PERIOD)
                .build();
    }

    private static Metric dynamo(String metricName, Table table, String label, String statistic) {
        return Metric.Builder.create()
                .namespace("AWS/DynamoDB")
                .metricName(metricName)
                .dimensionsMap(Map.of("TableName", table.getTableName()))
                .statistic(statistic)
                .label(label)
                .period(PERIOD)
                .build();
    }

    private void dashboard(DeploymentSettings settings, ProfileStore store, MessageQueues queues, EngineFunctions functions,
                           Map<String, Queue> failureQueues, List<String> streamConsumers) {
        List<String> ingestFunctions = new ArrayList<>(List.of(ResourceCatalog.INGEST_SQS.logicalName()));
        if (settings.kinesis()) ingestFunctions.add(ResourceCatalog.INGEST_KINESIS.logicalName());

        List<IMetric> outcomes = new ArrayList<>();
        List<IMetric> latency = new ArrayList<>();
        for (String fn : ingestFunctions) {
            for (String m : Metrics.INGEST_OUTCOMES) outcomes.add(emf(m, fn, "Sum"));
            latency.add(emf(Metrics.BATCH_LATENCY, fn, "p50"));
            latency.add(emf(Metrics.BATCH_LATENCY, fn, "p99"));
        }
        List<IMetric> depth = new ArrayList<>();
        List<IMetric> oldest = new ArrayList<>();
        ResourceCatalog.QUEUES.stream().filter(q -> !q.localOnly()).forEach(spec -> {
            Queue q = queues.queue(spec);
            depth.add(q.metricApproximateNumberOfMessagesVisible(MetricOptions.builder().statistic("Maximum")
                    .label(spec.logicalName()).period(PERIOD).build()));
            oldest.add(q.metricApproximateAgeOfOldestMessage(MetricOptions.builder().statistic("Maximum")
                    .label(spec.logicalName()).period(PERIOD).build()));
        });
        List<IMetric> dlqDepth = new ArrayList<>();
        failureQueues.forEach((name, q) -> dlqDepth.add(q.metricApproximateNumberOfMessagesVisible(
                MetricOptions.builder().statistic("Maximum").label(name).period(PERIOD).build())));
        List<IMetric> errors = new ArrayList<>();
        List<IMetric> throttles = new ArrayList<>();
        List<IMetric> duration = new ArrayList<>();
        List<IMetric> concurrency = new ArrayList<>();
        functions.all().forEach((name, f) -> {
            errors.add(f.function().metricErrors(MetricOptions.builder().statistic("Sum").label(name).period(PERIOD).build()));
            throttles.add(f.function().metricThrottles(MetricOptions.builder().statistic("Sum").label(name).period(PERIOD).build()));
            duration.add(f.function().metricDuration(MetricOptions.builder().statistic("p99").label(name + " p99").period(PERIOD).build()));
            concurrency.add(f.function().metric("ConcurrentExecutions", MetricOptions.builder().statistic("Maximum").label(name).period(PERIOD).build()));
        });
        List<IMetric> iteratorAges = new ArrayList<>();
        for (String name : streamConsumers) {
            iteratorAges.add(functions.all().get(name).function().metric("IteratorAge",
                    MetricOptions.builder().statistic("Maximum").label(name).period(PERIOD).build()));
        }
        List<IMetric> capacity = new ArrayList<>();
        List<IMetric> tableThrottles = new ArrayList<>();
        store.tables().forEach((name, t) -> {
            capacity.add(dynamo("ConsumedReadCapacityUnits", t, name + " read", "Sum"));
            capacity.add(dynamo("ConsumedWriteCapacityUnits", t, name + " write", "Sum"));
            tableThrottles.add(dynamo("ReadThrottleEvents", t, name + " read throttles", "Sum"));
            tableThrottles.add(dynamo("WriteThrottleEvents", t, name + " write throttles", "Sum"));
        });
        List<IMetric> alerts = new ArrayList<>();
        for (AlertsConfig.AlertRule rule : settings.config().alerts().rules()) alerts.add(alertFired(rule.name()));

        List<List<IWidget>> rows = List.of(
                List.of(TextWidget.Builder.create().width(24).height(2).markdown("# User Asset Engine — "
                        + settings.stackName() + "\nIngest outcomes and latency are EMF metrics in namespace `" + NAMESPACE
                        + "` (dimension `" + Metrics.FUNCTION_DIMENSION + "`); daily-job alerts are `" + Metrics.ALERT_FIRED
                        + "` by `" + Metrics.RULE_DIMENSION + "`.").build()),
                List.of(graph("Ingest events by outcome", outcomes, true, 12), graph("Ingest batch latency (ms)", latency, false, 12)),
                List.of(graph("Queue depth", depth, false, 8), graph("Age of oldest message (s)", oldest, false, 8),
                        graph("Dead-letter / failure queue depth", dlqDepth, false, 8)),
                List.of(graph("Function errors", errors, false, 8), graph("Function throttles", throttles, false, 8),
                        graph("Function duration p99 (ms)", duration, false, 8)),
                List.of(graph("Concurrent executions", concurrency, false, 8), graph("Stream iterator age (ms)", iteratorAges, false, 8),
                        graph("Daily-job alerts fired", alerts, true, 8)),
                List.of(graph("DynamoDB consumed capacity", capacity, false, 12), graph("DynamoDB throttle events", tableThrottles, false, 12)));
        Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(settings.stackName() + "-pipeline")
                .widgets(rows)
                .build();
    }

    private static GraphWidget graph(String title, List<IMetric> metrics, boolean stacked, int width) {
        return GraphWidget.Builder.create().title(title).left(metrics).stacked(stacked).width(width).height(6).build();
    }

    public Topic topic() { return topic; }
    public Map<String, Alarm> alarms() { return alarms; }
}
