package io.userasset.infra;

import io.userasset.tables.FunctionSpec;
import io.userasset.tables.ResourceCatalog;
import io.userasset.tables.ResourceCatalog.Env;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole engine in one stack, one construct per concern, every table, queue and function taken
 * from {@link ResourceCatalog}:
 * <ul>
 *   <li>{@link Encryption}: the optional customer-managed key</li>
 *   <li>{@link ProfileStore}: the DynamoDB tables</li>
 *   <li>{@link MessageQueues}: the SQS queues and their DLQs</li>
 *   <li>{@link SnapshotLake}: bucket, Glue database and snapshot table, Athena workgroup</li>
 *   <li>{@link ActionBus}: the EventBridge bus and archive; profile stream → profile-stream</li>
 *   <li>{@link EngineFunctions}: the Lambda functions (SnapStart, arm64) and their roles</li>
 *   <li>{@link IngestPipeline}: ingest queue → ingest-sqs; optional Kinesis → ingest-kinesis</li>
 *   <li>{@link DailyJob}: schedule → coordinator → workers → reducer</li>
 *   <li>{@link Observability}: alarms, alarm topic, dashboard</li>
 * </ul>
 * and the least-privilege grants of each function, statement by statement, in {@link #grant}.
 */
public final class UserAssetStack extends Stack {
    private final DeploymentSettings settings;
    private final ProfileStore store;
    private final MessageQueues queues;
    private final SnapshotLake lake;
    private final ActionBus actions;
    private final EngineFunctions functions;
    private final IngestPipeline ingest;
    private final DailyJob daily;
    private final Observability observability;

    public UserAssetStack(Construct scope, DeploymentSettings settings, Path functionJar) {
        super(scope, settings.stackName(), StackProps.builder()
                .description("User Asset Engine: user value and lifecycle from app events (SPEC §7)")
                .build());
        this.settings = settings;
        Encryption encryption = new Encryption(this, "Encryption", settings);
        var key = encryption.key();
        store = new ProfileStore(this, "ProfileStore", settings, key);
        queues = new MessageQueues(this, "Queues", key, settings.fifoIngest());
        lake = new SnapshotLake(this, "SnapshotLake", settings, key);
        actions = new ActionBus(this, "ActionBus", settings.stackName() + "-actions", key);
        functions = new EngineFunctions(this, "Functions", settings, key, deployedFunctions(settings), environment(), functionJar);
        ingest = new IngestPipeline(this, "IngestPipeline", settings, key, queues, functions);
        actions.attachProfileStream(table(ResourceCatalog.PROFILES), functions.get(ResourceCatalog.PROFILE_STREAM), queues);
        daily = new DailyJob(this, "DailyJob", settings, key, queues, functions);
        grant();
        observability = new Observability(this, "Observability", settings, key, store, queues, functions, ingest, actions, daily);
        outputs();
    }

    /** Every catalog function; ingest-kinesis only with its stream (context kinesis=true). */
    public static List<FunctionSpec> deployedFunctions(DeploymentSettings settings) {
        return ResourceCatalog.FUNCTIONS.stream()
                .filter(f -> settings.kinesis() || !f.logicalName().equals(ResourceCatalog.INGEST_KINESIS.logicalName()))
                .toList();
    }

    /** What every handler finds its resources by ({@link ResourceCatalog.Env}, read by ResourceNames.fromEnvironment). */
    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(Env.PROFILES_TABLE, table(ResourceCatalog.PROFILES).getTableName());
        env.put(Env.ENGINE_TABLE, table(ResourceCatalog.ENGINE).getTableName());
        env.put(Env.ACTIONS_TABLE, table(ResourceCatalog.ACTIONS).getTableName());
        env.put(Env.BUCKET, lake.bucket().getBucketName());
        env.put(Env.EVENT_BUS, actions.bus().getEventBusName());
        env.put(Env.DAILY_WORK_QUEUE_URL, queues.queue(ResourceCatalog.DAILY_WORK).getQueueUrl());
        env.put(Env.DAILY_REDUCE_QUEUE_URL, queues.queue(ResourceCatalog.DAILY_REDUCE).getQueueUrl());
        env.put(Env.METRICS_NAMESPACE, ResourceCatalog.DEFAULT_METRICS_NAMESPACE);
        settings.overrideJson().ifPresent(json -> env.put(Env.CONFIG, json));
        return env;
    }

    /**
     * Least privilege, one function at a time. Event sources add what consuming their source
     * needs (receive/delete on the consumed queue, stream reads) and what their failure destination
     * needs (send to that queue) on top of this.
     */
    private void grant() {
        var profiles = ResourceCatalog.PROFILES;
        var engine = ResourceCatalog.ENGINE;
        var actionsT = ResourceCatalog.ACTIONS;
        var bucket = lake.bucket();

        for (FunctionSpec ingestFn : List.of(ResourceCatalog.INGEST_SQS, ResourceCatalog.INGEST_KINESIS)) {
            if (!functions.all().containsKey(ingestFn.logicalName())) continue;
            functions.get(ingestFn).access()
                    .readWrite(table(profiles), profiles)                 // fold events into profiles (conditional writes)
                    .readWrite(table(engine), engine)                     // acquisition costs; the latest model
                    .putObjects(bucket, ResourceCatalog.REJECTS_PREFIX);  // rejected events with their reason
        }
        functions.get(ResourceCatalog.PROFILE_STREAM).access()
                .readWrite(table(actionsT), actionsT)                     // caps, cooldowns, idempotency, holdout log
                .readWrite(table(engine), engine)                         // daily budgets
                .putEvents(actions.bus());
        functions.get(ResourceCatalog.DAILY_COORDINATOR).access()
                .describe(table(profiles))                                // item count → number of scan segments
                .readWrite(table(engine), engine)                         // the run's bookkeeping
                .sendMessages(queues.queue(ResourceCatalog.DAILY_WORK));
        functions.get(ResourceCatalog.DAILY_WORKER).access()
                .readWrite(table(profiles), profiles)                     // parallel Scan + conditional re-score writes
                .readWrite(table(engine), engine)                         // run bookkeeping, models, cut points
                .readWrite(table(actionsT), actionsT)                     // daily actions' guards
                .putObjects(bucket, ResourceCatalog.SNAPSHOT_PREFIX, ResourceCatalog.PARTIALS_PREFIX)
                .sendMessages(queues.queue(ResourceCatalog.DAILY_REDUCE));
        functions.get(ResourceCatalog.DAILY_REDUCER).access()
                .readWrite(table(engine), engine)                         // models, cut points, metrics, alert history
                .readWrite(table(actionsT), actionsT)                     // attribution of action outcomes
                .read(table(profiles), profiles)
                .getObjects(bucket, ResourceCatalog.PARTIALS_PREFIX)
                .putObjects(bucket, ResourceCatalog.METRICS_PREFIX, ResourceCatalog.MODELS_PREFIX)
                .putEvents(actions.bus())                                 // alerts and daily actions
                .sendMessages(queues.queue(ResourceCatalog.DAILY_WORK));  // fans out the second phase
        functions.all().values().forEach(f -> f.access().suppressWildcards());
        EventSourceGrants.suppress(this, settings, functions);
    }

    private void outputs() {
        CfnOutput.Builder.create(this, "IngestQueueUrl").value(ingest.queue().getQueueUrl())
                .description("Send events here (SQS SendMessage / SendMessageBatch)").build();
        ingest.stream().ifPresent(s -> CfnOutput.Builder.create(this, "IngestStreamName").value(s.getStreamName())
                .description("Or put events here (Kinesis PutRecord(s), partition key = userId)").build());
        CfnOutput.Builder.create(this, "EventBusName").value(actions.bus().getEventBusName())
                .description("Actions (detail-type " + ResourceCatalog.ACTION_DETAIL_TYPE + ") and alerts ("
                        + ResourceCatalog.ALERT_DETAIL_TYPE + "), source " + ResourceCatalog.EVENT_SOURCE).build();
        CfnOutput.Builder.create(this, "BucketName").value(lake.bucket().getBucketName()).build();
        CfnOutput.Builder.create(this, "GlueDatabase").value(lake.databaseName()).build();
        CfnOutput.Builder.create(this, "AthenaWorkGroup").value(lake.workGroup().getName()).build();
        CfnOutput.Builder.create(this, "AlarmTopicArn").value(observability.topic().getTopicArn()).build();
        store.tables().forEach((name, t) -> CfnOutput.Builder.create(this, "Table" + capitalize(name))
                .value(t.getTableName()).build());
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private Table table(io.userasset.tables.TableSpec spec) {
        return store.table(spec);
    }

    public DeploymentSettings settings() { return settings; }
    public ProfileStore store() { return store; }
    public MessageQueues queues() { return queues; }
    public SnapshotLake lake() { return lake; }
    public ActionBus actions() { return actions; }
    public EngineFunctions functions() { return functions; }
    public IngestPipeline ingest() { return ingest; }
    public DailyJob daily() { return daily; }
    public Observability observability() { return observability; }
}
