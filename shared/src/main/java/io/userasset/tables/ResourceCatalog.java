package io.userasset.tables;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * THE definition of every table, queue, bucket prefix, bus and function. The CDK app deploys
 * exactly these; the local cloud creates exactly these; handlers find them by the environment
 * variables named here. Change a key or a redrive setting here, and both follow.
 */
public final class ResourceCatalog {
    private ResourceCatalog() {}

    // ---- tables -------------------------------------------------------------------------------

    /** One item per user (pk "u#userId") or not-yet-identified visitor (pk "a#anonymousId"). */
    public static final TableSpec PROFILES = new TableSpec("profiles", "pk", Optional.empty(),
            Optional.of(TableSpec.StreamView.NEW_AND_OLD_IMAGES), Optional.of("ttl"), List.of());

    /**
     * Engine state: fitted models, daily-run bookkeeping, latest metrics, alert history, action
     * budgets. Small, keyed by (pk, sk); TTL cleans transient items.
     */
    public static final TableSpec ENGINE = new TableSpec("engine", "pk", Optional.of("sk"),
            Optional.empty(), Optional.of("ttl"), List.of());

    /**
     * Action log: one item per decision, for caps, cooldowns, idempotency and attribution. The byDay
     * index lists a day's sent and held-out decisions for attribution; it is sparse (only those
     * carry its key, attributionDay), so the other decisions cost it no writes.
     */
    public static final TableSpec ACTIONS = new TableSpec("actions", "pk", Optional.of("sk"),
            Optional.empty(), Optional.of("ttl"),
            List.of(new TableSpec.IndexSpec("byDay", "attributionDay", Optional.of("actionId"))));

    public static final List<TableSpec> TABLES = List.of(PROFILES, ENGINE, ACTIONS);

    // ---- queues -------------------------------------------------------------------------------

    /** Where apps send events. Visibility 6 × the ingest timeout; 5 receives then the DLQ. */
    public static final QueueSpec INGEST = new QueueSpec("ingest", Duration.ofMinutes(3), Duration.ofDays(4), 5,
            Duration.ofDays(14), false, false);

    /** Daily-job fan-out: one message per scan segment and phase. */
    public static final QueueSpec DAILY_WORK = new QueueSpec("daily-work", Duration.ofMinutes(90), Duration.ofDays(2), 3,
            Duration.ofDays(14), false, false);

    /** Daily-job reductions: one message per phase once every segment is done. */
    public static final QueueSpec DAILY_REDUCE = new QueueSpec("daily-reduce", Duration.ofMinutes(90), Duration.ofDays(2), 3,
            Duration.ofDays(14), false, false);

    /** Local stand-in for the EventBridge bus: actions land here in a local run. */
    public static final QueueSpec LOCAL_ACTIONS = new QueueSpec("actions-out", Duration.ofSeconds(30), Duration.ofDays(4), 1000,
            Duration.ofDays(14), false, true);

    /** Local stand-in for the EventBridge bus: alerts land here in a local run. */
    public static final QueueSpec LOCAL_ALERTS = new QueueSpec("alerts-out", Duration.ofSeconds(30), Duration.ofDays(4), 1000,
            Duration.ofDays(14), false, true);

    public static final List<QueueSpec> QUEUES = List.of(INGEST, DAILY_WORK, DAILY_REDUCE, LOCAL_ACTIONS, LOCAL_ALERTS);

    // ---- bucket, bus ----------------------------------------------------------------------------

    /** One bucket; these prefixes partition it (Hive-style dt=YYYY-MM-DD below each). */
    public static final String SNAPSHOT_PREFIX = "snapshots/";
    public static final String METRICS_PREFIX = "metrics/";
    public static final String PARTIALS_PREFIX = "partials/";
    public static final String REJECTS_PREFIX = "rejects/";
    /** Fitted model parameters and cut points as written by the daily reducer (a copy of the engine-table state, for audit). */
    public static final String MODELS_PREFIX = "models/";

    /** EventBridge: source and detail-type of what the engine publishes. */
    public static final String EVENT_SOURCE = "userasset";
    public static final String ACTION_DETAIL_TYPE = "UserAction";
    public static final String ALERT_DETAIL_TYPE = "AssetAlert";

    // ---- functions ------------------------------------------------------------------------------

    private static final String FN = "io.userasset.functions.";
    public static final FunctionSpec INGEST_SQS = new FunctionSpec("ingest-sqs", FN + "ingest.SqsIngestHandler", 1024, Duration.ofSeconds(30));
    public static final FunctionSpec INGEST_KINESIS = new FunctionSpec("ingest-kinesis", FN + "ingest.KinesisIngestHandler", 1024, Duration.ofSeconds(60));
    public static final FunctionSpec PROFILE_STREAM = new FunctionSpec("profile-stream", FN + "actions.ProfileStreamHandler", 1024, Duration.ofSeconds(60));
    public static final FunctionSpec DAILY_COORDINATOR = new FunctionSpec("daily-coordinator", FN + "daily.DailyCoordinatorHandler", 512, Duration.ofMinutes(2));
    public static final FunctionSpec DAILY_WORKER = new FunctionSpec("daily-worker", FN + "daily.DailyWorkerHandler", 1769, Duration.ofMinutes(15));
    public static final FunctionSpec DAILY_REDUCER = new FunctionSpec("daily-reducer", FN + "daily.DailyReducerHandler", 1769, Duration.ofMinutes(15));

    public static final List<FunctionSpec> FUNCTIONS = List.of(INGEST_SQS, INGEST_KINESIS, PROFILE_STREAM,
            DAILY_COORDINATOR, DAILY_WORKER, DAILY_REDUCER);

    /**
     * Default number of daily workers running at once (the daily-work event source's maximum
     * concurrency). Bounds the Scan + write load the daily job puts on the profiles table next to
     * live ingest; a deployment may change it (CDK context {@code dailyWorkerConcurrency}).
     */
    public static final int DAILY_WORKER_MAX_CONCURRENCY = 10;

    /**
     * Retries of a profile-stream record whose actions failed, before it goes to the on-failure
     * destination (the event source reports batch item failures, so a retry starts at that record).
     */
    public static final int PROFILE_STREAM_RETRY_ATTEMPTS = 5;

    /** Reductions merge every segment's partial results: at most this many run at once (2 is Lambda's minimum). */
    public static final int DAILY_REDUCER_MAX_CONCURRENCY = 2;

    // ---- environment variables the handlers read ---------------------------------------------

    public static final class Env {
        private Env() {}
        public static final String PROFILES_TABLE = "PROFILES_TABLE";
        public static final String ENGINE_TABLE = "ENGINE_TABLE";
        public static final String ACTIONS_TABLE = "ACTIONS_TABLE";
        public static final String BUCKET = "BUCKET";
        public static final String EVENT_BUS = "EVENT_BUS";
        public static final String DAILY_WORK_QUEUE_URL = "DAILY_WORK_QUEUE_URL";
        public static final String DAILY_REDUCE_QUEUE_URL = "DAILY_REDUCE_QUEUE_URL";
        /** Deployment overrides of the configuration file (YAML or JSON text). */
        public static final String CONFIG = "USERASSET_CONFIG";
        /** Metric namespace for Embedded Metric Format lines. */
        public static final String METRICS_NAMESPACE = "USERASSET_METRICS_NAMESPACE";
    }

    public static final String DEFAULT_METRICS_NAMESPACE = "UserAssetEngine";

    /**
     * The Embedded Metric Format metrics the handlers emit (namespace from
     * {@link Env#METRICS_NAMESPACE}) and the CDK app's alarms and dashboard read. Renaming one
     * here and not in the emitter leaves an alarm silently without data.
     */
    public static final class Metrics {
        private Metrics() {}
        /** Dimension of every handler metric: the function's {@link FunctionSpec#logicalName()}. */
        public static final String FUNCTION_DIMENSION = "Function";
        /** Ingest outcomes per batch (dimension Function = ingest-sqs / ingest-kinesis). */
        public static final String EVENTS_APPLIED = "EventsApplied";
        public static final String EVENTS_DUPLICATE = "EventsDuplicate";
        public static final String EVENTS_REJECTED = "EventsRejected";
        public static final String EVENTS_FAILED = "EventsFailed";
        public static final String EVENTS_LATE = "EventsLate";
        public static final String BATCH_LATENCY = "BatchLatency";
        public static final List<String> INGEST_OUTCOMES = List.of(EVENTS_APPLIED, EVENTS_DUPLICATE, EVENTS_REJECTED,
                EVENTS_FAILED, EVENTS_LATE);
        /**
         * Emitted by the daily reducer, value 1, once per alert rule that fires, with the dimension
         * set exactly [Rule] (Rule = the rule's name in {@code alerts.rules}); one alarm per rule.
         */
        public static final String ALERT_FIRED = "AlertFired";
        public static final String RULE_DIMENSION = "Rule";
    }
}
