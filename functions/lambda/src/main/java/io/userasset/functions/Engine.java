package io.userasset.functions;

import io.userasset.adapters.dynamodb.CapacityMeter;
import io.userasset.adapters.dynamodb.DynamoAcquisitionCostStore;
import io.userasset.adapters.dynamodb.DynamoActionBudget;
import io.userasset.adapters.dynamodb.DynamoActionLog;
import io.userasset.adapters.dynamodb.ProfileItems;
import io.userasset.adapters.dynamodb.DynamoMetricsStore;
import io.userasset.adapters.dynamodb.DynamoKeyArchiveStore;
import io.userasset.adapters.dynamodb.DynamoModelStore;
import io.userasset.adapters.dynamodb.DynamoProfileScanner;
import io.userasset.adapters.dynamodb.DynamoRunLedger;
import io.userasset.adapters.eventbridge.EventBridgePublisher;
import io.userasset.adapters.s3.S3DailyFiles;
import io.userasset.adapters.sqs.SqsWorkQueue;
import io.userasset.application.daily.DailyCoordinator;
import io.userasset.application.daily.DailyReducer;
import io.userasset.application.daily.DailyWorker;
import io.userasset.adapters.dynamodb.DynamoProfileStore;
import io.userasset.adapters.dynamodb.MeteredDynamoDbClient;
import io.userasset.adapters.s3.S3RejectSink;
import io.userasset.application.ActionService;
import io.userasset.application.CurrentModels;
import io.userasset.application.IngestService;
import io.userasset.application.ProfileWriter;
import io.userasset.config.ConfigLoader;
import io.userasset.config.EngineConfig;
import io.userasset.domain.profile.ProfileFold;
import io.userasset.domain.time.Days;
import io.userasset.events.EventParser;
import io.userasset.tables.ResourceCatalog;
import io.userasset.tables.ResourceNames;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import io.userasset.ports.EventPublisher;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The composition root: configuration, AWS clients, adapters and application services, built once
 * per Lambda container (or per local run) and shared by the handlers. The same code path runs in
 * Lambda (from the environment) and locally (from the local cloud's clients).
 */
public final class Engine {
    private final EngineConfig config;
    private final ResourceNames names;
    private final Clock clock;
    private final Days days;
    private final CapacityMeter capacity = new CapacityMeter();
    private final DynamoDbClient dynamoDb;
    private final S3Client s3;
    private final String metricsNamespace;
    private final DynamoModelStore modelStore;
    private final CurrentModels models;
    private final IngestService ingest;
    private volatile java.util.function.Consumer<io.userasset.application.IngestReport> ingestListener = report -> { };
    private final Clients clients;
    private final DynamoProfileStore profiles;
    private final DynamoProfileStore dailyProfiles;
    private final ActionService actions;
    private final DynamoActionLog actionLog;
    private final DynamoProfileScanner scanner;
    private final S3DailyFiles dailyFiles;
    private final DynamoRunLedger runLedger;
    private final SqsWorkQueue workQueue;
    private final DynamoAcquisitionCostStore costs;

    public Engine(EngineConfig config, ResourceNames names, Clients clients, Clock clock, String metricsNamespace) {
        this.config = config;
        this.names = names;
        this.clock = clock;
        this.metricsNamespace = metricsNamespace;
        this.days = new Days(config.time().zoneId());
        this.dynamoDb = new MeteredDynamoDbClient(clients.dynamoDb(), capacity);
        this.s3 = clients.s3();
        this.clients = clients;
        ProfileFold fold = new ProfileFold(days, config.profile().dedupHorizonDays(), config.rfm().windowDays());
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb)
                .extensions(VersionedRecordExtension.builder().build()).build();
        this.profiles = new DynamoProfileStore(enhanced, names.profilesTable(), fold.windowWeeks(), ProfileItems.INGEST);
        this.dailyProfiles = new DynamoProfileStore(enhanced, names.profilesTable(), fold.windowWeeks(), ProfileItems.DAILY);
        this.actionLog = new DynamoActionLog(dynamoDb, names.actionsTable(), config.actions().logTtlDays());
        this.actions = new ActionService(config.actions(), actionLog, new DynamoActionBudget(dynamoDb, names.engineTable()),
                clients.actions(), clock);
        this.scanner = new DynamoProfileScanner(dynamoDb, names.profilesTable(), fold.windowWeeks());
        this.dailyFiles = new S3DailyFiles(s3, names.bucket());
        this.runLedger = new DynamoRunLedger(dynamoDb, names.engineTable());
        this.workQueue = new SqsWorkQueue(clients.sqs(), names.dailyWorkQueueUrl(), names.dailyReduceQueueUrl());
        this.costs = new DynamoAcquisitionCostStore(dynamoDb, names.engineTable());
        this.modelStore = new DynamoModelStore(dynamoDb, names.engineTable());
        this.models = new CurrentModels(config, modelStore, clock, MODEL_REFRESH);
        EventParser parser = new EventParser(config.events(), clock);
        var keyArchives = new DynamoKeyArchiveStore(dynamoDb, names.engineTable());
        this.ingest = new IngestService(parser::parse, fold,
                new ProfileWriter(profiles, keyArchives, fold, models, clock, config.profile().inlineDedupKeys(),
                        config.profile().anonymousTtlDays()),
                profiles, keyArchives, new S3RejectSink(s3, names.bucket(), days),
                costs, WRITE_POOL, clock);
    }

    /** Models change once a day; re-reading them every few minutes costs one read per container. */
    private static final Duration MODEL_REFRESH = Duration.ofMinutes(5);

    /** Threads for concurrent per-profile writes: DynamoDB calls are I/O-bound, one vCPU serves many. */
    private static final ExecutorService WRITE_POOL = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "profile-writer");
        t.setDaemon(true);
        return t;
    });

    /**
     * What the engine talks through: AWS clients, and where actions and alerts are published
     * (the EventBridge bus in AWS, local queues in a local run).
     */
    public record Clients(DynamoDbClient dynamoDb, S3Client s3, SqsClient sqs, EventPublisher actions,
                          EventPublisher alerts) {}

    /** Built from the Lambda environment the CDK app sets. */
    public static Engine fromEnvironment() {
        Map<String, String> env = System.getenv();
        EngineConfig config = ConfigLoader.withOverrides(env.get(ResourceCatalog.Env.CONFIG));
        Region region = Region.of(env.getOrDefault("AWS_REGION", "us-east-1"));
        var http = UrlConnectionHttpClient.create();
        // Not the environment-variable provider: under SnapStart, credentials come from the container endpoint.
        var credentials = DefaultCredentialsProvider.builder().build();
        EventPublisher bus = new EventBridgePublisher(EventBridgeClient.builder().region(region)
                .credentialsProvider(credentials).httpClient(http).build(), env.get(ResourceCatalog.Env.EVENT_BUS));
        Clients clients = new Clients(
                DynamoDbClient.builder().region(region).credentialsProvider(credentials).httpClient(http).build(),
                S3Client.builder().region(region).credentialsProvider(credentials).httpClient(http).build(),
                SqsClient.builder().region(region).credentialsProvider(credentials).httpClient(http).build(),
                bus, bus);
        return new Engine(config, ResourceNames.fromEnvironment(env), clients, Clock.systemUTC(),
                env.getOrDefault(ResourceCatalog.Env.METRICS_NAMESPACE, ResourceCatalog.DEFAULT_METRICS_NAMESPACE));
    }

    public EngineConfig config() { return config; }
    public ResourceNames names() { return names; }
    public Clock clock() { return clock; }
    public Days days() { return days; }
    public CapacityMeter capacity() { return capacity; }
    public IngestService ingest() { return ingest; }

    /**
     * Receives every ingest batch's report (the outcome of each input), after its metrics are out.
     * Nothing listens in Lambda; the local runner and the reliability suite account per input with it.
     */
    public void onIngestReport(java.util.function.Consumer<io.userasset.application.IngestReport> listener) {
        this.ingestListener = listener;
    }

    public void reportIngest(io.userasset.application.IngestReport report) {
        ingestListener.accept(report);
    }

    public DailyCoordinator dailyCoordinator() {
        return new DailyCoordinator(config.daily(), scanner, dailyFiles, runLedger, workQueue);
    }

    public DailyWorker dailyWorker() {
        return new DailyWorker(config, scanner, dailyProfiles, modelStore, dailyFiles, runLedger, workQueue,
                Path.of(System.getProperty("java.io.tmpdir")), WRITE_POOL);
    }

    public DailyReducer dailyReducer() {
        return new DailyReducer(config, modelStore, dailyFiles, new DynamoMetricsStore(dynamoDb, names.engineTable()),
                costs, clients.alerts(), actions, actionLog, profiles);
    }

    public Clients clients() { return clients; }
    public ActionService actions() { return actions; }
    public DynamoActionLog actionLog() { return actionLog; }
    public CurrentModels models() { return models; }
    public DynamoModelStore modelStore() { return modelStore; }
    public String metricsNamespace() { return metricsNamespace; }
}
