package io.userasset.local.pipeline;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userasset.adapters.dynamodb.ProfileStreamFilter;
import io.userasset.adapters.sqs.SqsEventPublisher;
import io.userasset.application.RecordOutcome;
import io.userasset.config.EngineConfig;
import io.userasset.domain.time.Days;
import io.userasset.events.EventBatches;
import io.userasset.functions.Engine;
import io.userasset.functions.actions.ProfileStreamHandler;
import io.userasset.functions.daily.DailyCoordinatorHandler;
import io.userasset.functions.daily.DailyReducerHandler;
import io.userasset.functions.daily.DailyWorkerHandler;
import io.userasset.functions.ingest.SqsIngestHandler;
import io.userasset.localcloud.LocalCloud;
import io.userasset.localcloud.LocalDynamoStreamEventSource;
import io.userasset.localcloud.LocalSqsEventSource;
import io.userasset.localcloud.QueueDepth;
import io.userasset.observability.EmfMetrics;
import io.userasset.observability.JsonLog;
import io.userasset.ports.EventPublisher;
import io.userasset.tables.FunctionSpec;
import io.userasset.tables.QueueSpec;
import io.userasset.tables.ResourceCatalog;
import io.userasset.tables.TableSpec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;

/**
 * The whole engine embedded, driven the way AWS drives it: events go to the ingest queue with the
 * SDK's SendMessageBatch; an SQS event source invokes the ingest handler with real SQSEvent batches
 * (batch item failures, retry delay and the DLQ honoured); the profile table's stream feeds the
 * actions handler; and at every day boundary of event time the daily job runs as in AWS —
 * coordinator → daily-work queue → workers → daily-reduce queue → reducer. The engine's clock is
 * simulated: the end of each day while its events arrive, the schedule's hour of the next day while
 * the daily job runs.
 *
 * <p>Everything the engine calls is counted for the cost report: DynamoDB units as DynamoDB reports
 * them, SQS and S3 requests through counting clients, published actions and alerts (EventBridge
 * PutEvents entries in AWS), Lambda invocations and handler time per function.
 */
public final class LocalPipeline implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param ingestBatchSize  messages per ingest invocation (Lambda allows up to 10,000 with a batching window)
     * @param segments         daily-job scan segments (workers running at once)
     * @param retryDelay       how long a failed ingest message stays invisible before its retry
     * @param ioThreads        concurrent SQS calls for sending and for the ingest poller's receives/deletes
     * @param streamBatchSize  stream records per actions-handler invocation
     * @param eventsPerMessage events a sender packs into one queue message (a JSON array), 1 for one per message
     */
    public record Settings(int ingestBatchSize, int segments, Duration retryDelay, int ioThreads, int streamBatchSize,
                           int eventsPerMessage) {
        public static Settings defaults() {
            return new Settings(10_000, 2, Duration.ofSeconds(1), 4, 1_000, 25);
        }
    }

    /** The two phases of a simulated day. */
    public enum Phase { INGEST, DAILY_JOB }

    /**
     * What a fault drill changes in the wiring: the engine's DynamoDB client and the client behind
     * the actions bus, each wrapped (e.g. with fault injection); whether the operator redrives the
     * ingest DLQ once a day's queue is drained (as after a DLQ alarm, before the daily job); and a
     * hook called as each phase of a day starts (to arm faults for that phase).
     */
    public record Wiring(UnaryOperator<DynamoDbClient> dynamoDb, UnaryOperator<SqsClient> actionsBus, boolean redriveDeadLetters,
                         BiConsumer<LocalDate, Phase> phaseStarts) {
        public static Wiring production() {
            return new Wiring(UnaryOperator.identity(), UnaryOperator.identity(), false, (day, phase) -> { });
        }
    }

    /** How one sent input ended: exactly one of these (SPEC §2). */
    public enum InputOutcome { APPLIED, DUPLICATE, REJECTED, DEAD_LETTERED }

    /**
     * Every sent input by how it ended, from the outcomes of its deliveries (a retried or redelivered
     * message counts once); {@code redriven} inputs went to the DLQ and were sent again by the redrive.
     */
    public record Accounting(long sent, long applied, long duplicate, long rejected, long deadLettered, long redriven) {
        public boolean balanced() {
            return sent == applied + duplicate + rejected + deadLettered;
        }
    }

    /** Invocations and handler time of one function. */
    public static final class FunctionStats {
        public final FunctionSpec spec;
        final AtomicLong invocations = new AtomicLong();
        final AtomicLong nanos = new AtomicLong();

        FunctionStats(FunctionSpec spec) {
            this.spec = spec;
        }

        public long invocations() { return invocations.get(); }
        public double seconds() { return nanos.get() / 1e9; }
        public double gbSeconds() { return seconds() * spec.memoryMb() / 1024.0; }
    }

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private final LocalCloud cloud;
    private final SdkHttpClient http;
    private final EngineConfig config;
    private final Settings settings;
    private final SimulatedClock clock;
    private final Days days;
    private final LogTap log;
    private final PrintStream previousOut;
    private final RequestCounter sqsCounter = new RequestCounter();
    private final RequestCounter s3Counter = new RequestCounter();
    private final SqsClient sqs;
    private final Engine engine;
    private final CountingPublisher actionsOut;
    private final CountingPublisher alertsOut;
    private final LocalSqsEventSource ingest;
    private final List<LocalSqsEventSource> workers = new ArrayList<>();
    private final LocalSqsEventSource reducer;
    private final LocalDynamoStreamEventSource stream;
    private final DailyCoordinatorHandler coordinator;
    private final Map<String, FunctionStats> functions = new LinkedHashMap<>();
    private final ExecutorService io;
    private final String ingestUrl;
    private final Timers timers;
    private final AtomicLong sent = new AtomicLong();
    private final Set<String> seenRejectObjects = new HashSet<>();
    private final List<InputRejection> engineRejections = new ArrayList<>();
    private final Set<String> rejectedMessagesSeen = new HashSet<>();
    private final Map<String, String> redrivenAs = new ConcurrentHashMap<>();
    private final Wiring wiring;
    private final Map<String, RecordOutcome> settledOutcome = new ConcurrentHashMap<>();
    private final Map<InputOutcome, AtomicLong> outcomes = new java.util.EnumMap<>(InputOutcome.class);
    private final AtomicLong redriven = new AtomicLong();
    private BiConsumer<OutboundEvent, InputOutcome> onInputSettled = (input, outcome) -> { };

    public LocalPipeline(EngineConfig config, Settings settings, LocalDate firstDay, LogTap log, Timers timers) {
        this(config, settings, firstDay, log, timers, Wiring.production());
    }

    public LocalPipeline(EngineConfig config, Settings settings, LocalDate firstDay, LogTap log, Timers timers, Wiring wiring) {
        this.config = config;
        this.wiring = wiring;
        for (InputOutcome o : InputOutcome.values()) outcomes.put(o, new AtomicLong());
        this.settings = settings;
        this.log = log;
        this.timers = timers;
        this.days = new Days(config.time().zoneId());
        this.clock = new SimulatedClock(endOfDay(firstDay.minusDays(1)));
        this.previousOut = System.out;
        JsonLog.sendTo(log);
        EmfMetrics.sendTo(log);
        this.cloud = timers.get("startup", LocalCloud::start);
        try {
            disableTimeToLive(cloud);
            this.http = ApacheHttpClient.builder().maxConnections(32).build();
            this.sqs = sqsCounter.wrap(SqsClient.class, SqsClient.builder()
                    .endpointOverride(URI.create("http://127.0.0.1:" + cloud.sqsPort())).region(Region.US_EAST_1)
                    .credentialsProvider(CREDENTIALS).httpClient(http).build());
            S3Client s3 = s3Counter.wrap(S3Client.class, S3Client.builder()
                    .endpointOverride(URI.create("http://127.0.0.1:" + cloud.s3Port())).region(Region.US_EAST_1)
                    .credentialsProvider(CREDENTIALS).httpClient(http).forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build());
            // The bus stand-ins are queues; what is counted is what EventBridge would bill: events put.
            this.actionsOut = new CountingPublisher(new SqsEventPublisher(wiring.actionsBus().apply(cloud.sqs()),
                    cloud.queueUrl(ResourceCatalog.LOCAL_ACTIONS), clock));
            this.alertsOut = new CountingPublisher(new SqsEventPublisher(cloud.sqs(), cloud.queueUrl(ResourceCatalog.LOCAL_ALERTS), clock));
            this.engine = new Engine(config, cloud.resourceNames(),
                    new Engine.Clients(wiring.dynamoDb().apply(cloud.dynamoDb()), s3, sqs, actionsOut, alertsOut), clock,
                    "UserAssetEngineLocal");
            engine.onIngestReport(report -> report.outcomes().forEach((id, outcome) -> settledOutcome.merge(id, outcome, LocalPipeline::decisive)));
            for (FunctionSpec f : List.of(ResourceCatalog.INGEST_SQS, ResourceCatalog.PROFILE_STREAM,
                    ResourceCatalog.DAILY_COORDINATOR, ResourceCatalog.DAILY_WORKER, ResourceCatalog.DAILY_REDUCER)) {
                functions.put(f.logicalName(), new FunctionStats(f));
            }
            this.ingestUrl = cloud.queueUrl(ResourceCatalog.INGEST);
            this.io = Executors.newFixedThreadPool(settings.ioThreads(), r -> {
                Thread t = new Thread(r, "local-sender");
                t.setDaemon(true);
                return t;
            });
            this.ingest = new LocalSqsEventSource(sqs, ingestUrl,
                    timed(new SqsIngestHandler(engine), ResourceCatalog.INGEST_SQS), settings.ingestBatchSize(), settings.retryDelay())
                    .parallelism(settings.ioThreads())
                    // as the event source mapping's window: retried messages come back in one batch
                    .batchingWindow(settings.retryDelay().multipliedBy(2));
            DailyWorkerHandler worker = new DailyWorkerHandler(engine);
            for (int i = 0; i < settings.segments(); i++) {
                workers.add(new LocalSqsEventSource(sqs, cloud.queueUrl(ResourceCatalog.DAILY_WORK),
                        timed(worker, ResourceCatalog.DAILY_WORKER), 1, Duration.ZERO));
            }
            this.reducer = new LocalSqsEventSource(sqs, cloud.queueUrl(ResourceCatalog.DAILY_REDUCE),
                    timed(new DailyReducerHandler(engine), ResourceCatalog.DAILY_REDUCER), 1, Duration.ZERO);
            String streamArn = cloud.dynamoDb().describeTable(b -> b.tableName(cloud.tableName(ResourceCatalog.PROFILES)))
                    .table().latestStreamArn();
            this.stream = new LocalDynamoStreamEventSource(cloud.dynamoDbStreams(), streamArn,
                    timed(new ProfileStreamHandler(engine), ResourceCatalog.PROFILE_STREAM), settings.streamBatchSize(),
                    ResourceCatalog.PROFILE_STREAM_RETRY_ATTEMPTS).filter(ProfileStreamFilter::matches);
            this.coordinator = new DailyCoordinatorHandler(engine);
        } catch (RuntimeException | Error e) {
            cloud.close();
            restoreLogs();
            throw e;
        }
    }

    /**
     * DynamoDB expires TTL items by wall-clock time, but a local run lives in simulated event time
     * (CDNOW's 1997, a demo's March): its action-log entries and anonymous profiles would expire as
     * soon as written and be deleted under the engine's feet. In AWS event time and wall time agree.
     */
    private static void disableTimeToLive(LocalCloud cloud) {
        for (TableSpec table : ResourceCatalog.TABLES) {
            if (table.ttlAttribute().isEmpty()) continue;
            cloud.dynamoDb().updateTimeToLive(b -> b.tableName(cloud.tableName(table))
                    .timeToLiveSpecification(t -> t.enabled(false).attributeName(table.ttlAttribute().get())));
        }
    }

    /** What the local cloud holds (for exports, which are not counted as engine requests). */
    public LocalCloud cloud() { return cloud; }
    public Engine engine() { return engine; }
    public EngineConfig config() { return config; }
    public Days days() { return days; }
    public SimulatedClock clock() { return clock; }
    public LogTap log() { return log; }
    public Settings settings() { return settings; }
    public RequestCounter sqsRequests() { return sqsCounter; }
    public RequestCounter s3Requests() { return s3Counter; }
    public CountingPublisher actionsPublished() { return actionsOut; }
    public CountingPublisher alertsPublished() { return alertsOut; }
    public Map<String, FunctionStats> functions() { return functions; }
    public long sent() { return sent.get(); }

    /** The last instant of a day in the engine's zone: "as of" that day. */
    public Instant endOfDay(LocalDate day) {
        return days.endOf(Days.day(day)).minusMillis(1);
    }

    /**
     * One day of event time: the day's events to the ingest queue, the queue drained through the
     * ingest handler, then the daily job for the day, with the stream drained through the actions
     * handler alongside the daily workers (they write only re-scores, which raise no stream actions)
     * and before the reducer (whose ranked actions must see the day's stream actions, as in AWS
     * where the stream is processed within seconds and the daily job runs hours later).
     *
     * @param next       the next day's events, sent to the queue while this day's job runs, or null
     * @param onRejected called for every input the engine rejected today (and inputs SQS refused)
     */
    public void runDay(LocalDate day, List<OutboundEvent> events, List<OutboundEvent> next, Consumer<InputRejection> onRejected) {
        clock.set(endOfDay(day));
        wiring.phaseStarts().accept(day, Phase.INGEST);
        Map<String, OutboundEvent> byMessageId = present != null ? awaitPresend() : timers.get("send", () -> send(events, onRejected));
        timers.time("ingest", ingest::drain);
        if (wiring.redriveDeadLetters()) timers.time("redrive", () -> redriveUntilEmpty(byMessageId));
        if (settle(byMessageId) > 0) timers.time("rejects", () -> collectRejects(day, events, byMessageId, onRejected));
        if (next != null && !next.isEmpty()) presend(next, onRejected);
        wiring.phaseStarts().accept(day, Phase.DAILY_JOB);
        timers.time("daily", () -> dailyJob(day));
    }

    /**
     * Of two deliveries of one message, the outcome that says what happened to the event: applied
     * once applied (a delivery again after a lost acknowledgement finds it a duplicate), and a
     * failure only when no delivery did better ({@link RecordOutcome} is declared in that order).
     */
    private static RecordOutcome decisive(RecordOutcome earlier, RecordOutcome later) {
        return earlier.ordinal() <= later.ordinal() ? earlier : later;
    }

    /**
     * Every input of the day by how it ended, from its deliveries' outcomes; one that no delivery
     * settled (all failed, or none finished) is in the DLQ now. Returns the rejected count.
     */
    private long settle(Map<String, OutboundEvent> byMessageId) {
        long rejected = 0;
        for (Map.Entry<String, OutboundEvent> sentInput : byMessageId.entrySet()) {
            RecordOutcome last = settledOutcome.remove(sentInput.getKey());
            InputOutcome outcome = last == null || last == RecordOutcome.FAILED ? InputOutcome.DEAD_LETTERED
                    : InputOutcome.valueOf(last.name());
            if (outcome == InputOutcome.REJECTED) rejected++;
            outcomes.get(outcome).incrementAndGet();
            onInputSettled.accept(sentInput.getValue(), outcome);
        }
        return rejected;
    }

    /** Called once for every sent input when its day's queue is drained. */
    public void onInputSettled(BiConsumer<OutboundEvent, InputOutcome> listener) {
        this.onInputSettled = listener;
    }

    public Accounting accounting() {
        return new Accounting(sent.get(), outcomes.get(InputOutcome.APPLIED).get(), outcomes.get(InputOutcome.DUPLICATE).get(),
                outcomes.get(InputOutcome.REJECTED).get(), outcomes.get(InputOutcome.DEAD_LETTERED).get(), redriven.get());
    }

    public LocalSqsEventSource ingestSource() {
        return ingest;
    }

    /**
     * The operator's redrive: what the ingest DLQ holds goes back to the ingest queue (as SQS's
     * StartMessageMoveTask does) and is drained again, a few rounds at most while faults persist.
     */
    private void redriveUntilEmpty(Map<String, OutboundEvent> byMessageId) {
        String dlq = cloud.dlqUrl(ResourceCatalog.INGEST);
        for (int round = 0; round < 5 && deadLettered(ResourceCatalog.INGEST) > 0; round++) {
            while (true) {
                var messages = cloud.sqs().receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
                if (messages.isEmpty()) break;
                for (var m : messages) {
                    String id = cloud.sqs().sendMessage(b -> b.queueUrl(ingestUrl).messageBody(m.body())).messageId();
                    List<byte[]> packed = EventBatches.split(m.body().getBytes(StandardCharsets.UTF_8));
                    int inputs = packed == null ? 1 : packed.size();
                    for (int k = 0; k < inputs; k++) {
                        String before = EventBatches.sourceId(m.messageId(), k, packed != null);
                        String after = EventBatches.sourceId(id, k, packed != null);
                        OutboundEvent input = byMessageId.remove(before);
                        // an input of a packed message may have been applied before its message failed
                        RecordOutcome earlier = settledOutcome.remove(before);
                        if (earlier != null) settledOutcome.put(after, earlier);
                        if (input != null) byMessageId.put(after, input);
                        redrivenAs.put(before, after);
                    }
                    cloud.sqs().deleteMessage(b -> b.queueUrl(dlq).receiptHandle(m.receiptHandle()));
                    redriven.addAndGet(inputs);
                }
            }
            ingest.drain();
        }
    }

    /** Messages sent ahead (the next day's), with what SQS refused of them. */
    private Future<Map<String, OutboundEvent>> present;
    private final List<InputRejection> presendRefused = java.util.Collections.synchronizedList(new ArrayList<>());
    private Consumer<InputRejection> presendReport;

    private void presend(List<OutboundEvent> next, Consumer<InputRejection> onRejected) {
        presendReport = onRejected;
        presendRefused.clear();
        present = background().submit(() -> {
            long start = System.nanoTime();
            try {
                return send(next, presendRefused::add);
            } finally {
                timers.add("send (overlapped)", System.nanoTime() - start);
            }
        });
    }

    private Map<String, OutboundEvent> awaitPresend() {
        try {
            Map<String, OutboundEvent> ids = timers.get("send", () -> join(present));
            new ArrayList<>(presendRefused).forEach(presendReport);
            return ids;
        } finally {
            present = null;
        }
    }

    private ExecutorService background;

    private ExecutorService background() {
        if (background == null) {
            background = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "local-background");
                t.setDaemon(true);
                return t;
            });
        }
        return background;
    }

    private static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * The inputs packed into messages ({@link MessagePacker}), sent with SendMessageBatch of ten from
     * several threads; returns source id (message id, or message id#index in a packed message) → input.
     */
    private Map<String, OutboundEvent> send(List<OutboundEvent> events, Consumer<InputRejection> onRejected) {
        Map<String, OutboundEvent> ids = new ConcurrentHashMap<>(events.size() * 2);
        List<MessagePacker.Message> messages = MessagePacker.pack(events, settings.eventsPerMessage());
        List<Future<List<InputRejection>>> futures = new ArrayList<>();
        for (int from = 0; from < messages.size(); from += 10) {
            List<MessagePacker.Message> chunk = messages.subList(from, Math.min(messages.size(), from + 10));
            futures.add(io.submit(() -> sendChunk(chunk, ids)));
        }
        for (Future<List<InputRejection>> f : futures) {
            try {
                f.get().forEach(onRejected);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        return ids;
    }

    private List<InputRejection> sendChunk(List<MessagePacker.Message> chunk, Map<String, OutboundEvent> ids) {
        List<InputRejection> refused = new ArrayList<>();
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) pending.add(i);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(pending.size());
            for (int i : pending) entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(chunk.get(i).body()).build());
            SendMessageBatchResponse response;
            try {
                response = sqs.sendMessageBatch(b -> b.queueUrl(ingestUrl).entries(entries));
            } catch (SqsException e) {
                if (pending.size() == 1 || e.statusCode() >= 500) {
                    if (attempt < 3 && e.statusCode() >= 500) continue;
                    if (pending.size() == 1) return refusedWhole(chunk.get(pending.get(0)), "", e.awsErrorDetails().errorMessage(), ids);
                    throw e;
                }
                // One bad entry fails the whole request: send them one by one to find it.
                for (int i : pending) refused.addAll(sendChunk(List.of(chunk.get(i)), ids));
                return refused;
            }
            for (SendMessageBatchResultEntry ok : response.successful()) {
                MessagePacker.Message m = chunk.get(Integer.parseInt(ok.id()));
                for (int k = 0; k < m.inputs().size(); k++) ids.put(EventBatches.sourceId(ok.messageId(), k, m.packed()), m.inputs().get(k));
                sent.addAndGet(m.inputs().size());
            }
            List<Integer> retry = new ArrayList<>();
            for (BatchResultErrorEntry failed : response.failed()) {
                int i = Integer.parseInt(failed.id());
                if (Boolean.TRUE.equals(failed.senderFault()) || attempt >= 5) {
                    refused.addAll(refusedWhole(chunk.get(i), " (" + failed.code() + ")", failed.message(), ids));
                } else {
                    retry.add(i);
                }
            }
            pending = retry;
        }
        return refused;
    }

    /** A message SQS refused: a packed one is sent again input by input, so only the input at fault is refused. */
    private List<InputRejection> refusedWhole(MessagePacker.Message m, String code, String message, Map<String, OutboundEvent> ids) {
        if (m.packed()) {
            List<MessagePacker.Message> singles = new ArrayList<>();
            for (OutboundEvent e : m.inputs()) singles.add(new MessagePacker.Message(List.of(e), e.body()));
            List<InputRejection> refused = new ArrayList<>();
            for (int from = 0; from < singles.size(); from += 10) {
                refused.addAll(sendChunk(singles.subList(from, Math.min(singles.size(), from + 10)), ids));
            }
            return refused;
        }
        OutboundEvent x = m.inputs().get(0);
        return List.of(InputRejection.input(x.origin(), "sqs_refused", "", "the SQS queue refused the message" + code + ": "
                + message, x.body()));
    }

    /** Reads today's new reject objects (the engine's rejects/ prefix) and maps them back to their inputs. */
    private void collectRejects(LocalDate day, List<OutboundEvent> events, Map<String, OutboundEvent> byMessageId,
                                Consumer<InputRejection> onRejected) {
        S3Client s3 = cloud.s3();
        // S3RejectSink files them under the day the engine received them: today, by the simulated clock.
        String p = ResourceCatalog.REJECTS_PREFIX + "dt=" + LocalDate.ofInstant(clock.instant(), days.zone()) + "/";
        List<S3Object> objects = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(LocalCloud.BUCKET).prefix(p)).contents().forEach(objects::add);
        Map<OutboundEvent, Integer> sentAt = new HashMap<>();
        for (int i = 0; i < events.size(); i++) sentAt.putIfAbsent(events.get(i), i);
        List<Map.Entry<Integer, InputRejection>> found = new ArrayList<>();
        for (S3Object o : objects) {
            if (!seenRejectObjects.add(o.key())) continue;
            try (InputStream in = new GZIPInputStream(s3.getObject(b -> b.bucket(LocalCloud.BUCKET).key(o.key())))) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.isBlank()) continue;
                    JsonNode r = JSON.readTree(line);
                    String source = latestSourceOf(r.path("source").asText());
                    // a batch retried after a crash stores its rejects again, and so does a redriven message
                    // (an input rejected in a message that another of its inputs made fail)
                    if (!rejectedMessagesSeen.add(source)) continue;
                    OutboundEvent input = byMessageId.get(source);
                    String payload = r.hasNonNull("payload") ? r.get("payload").asText() : null;
                    InputRejection rejection = new InputRejection(input == null ? "message " + source : input.origin(),
                            InputRejection.ENGINE, r.path("code").asText(), r.path("path").asText(), r.path("message").asText(),
                            InputRejection.excerpt(payload));
                    found.add(Map.entry(input == null ? Integer.MAX_VALUE : sentAt.getOrDefault(input, Integer.MAX_VALUE), rejection));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read rejects " + o.key(), e);
            }
        }
        // in the order the inputs were sent, whichever batch each landed in: the same run reports the same way
        found.sort(Map.Entry.comparingByKey());
        for (Map.Entry<Integer, InputRejection> r : found) {
            engineRejections.add(r.getValue());
            onRejected.accept(r.getValue());
        }
    }

    /** The source id an input has now: a redrive sends its message again under a new id. */
    private String latestSourceOf(String source) {
        for (String next = redrivenAs.get(source); next != null; next = redrivenAs.get(source)) source = next;
        return source;
    }

    public List<InputRejection> engineRejections() {
        return engineRejections;
    }

    /** The daily job of {@code day}, scheduled at cronHourLocal of the next day, as in AWS. */
    private void dailyJob(LocalDate day) {
        Instant scheduled = day.plusDays(1).atTime(config.daily().cronHourLocal(), 0).atZone(days.zone()).toInstant();
        Future<?> streamDrain = background().submit(() -> {
            long start = System.nanoTime();
            stream.drain();
            timers.add("stream (overlapped)", System.nanoTime() - start);
        });
        FunctionStats c = functions.get(ResourceCatalog.DAILY_COORDINATOR.logicalName());
        long start = System.nanoTime();
        coordinator.handleRequest(Map.of("date", day.toString(), "segments", settings.segments()), null);
        c.invocations.incrementAndGet();
        c.nanos.addAndGet(System.nanoTime() - start);
        // the segments until their queue is empty (a failed segment comes back after the retry delay)
        do {
            if (pollWorkers() == 0) pause();
        } while (pending(ResourceCatalog.DAILY_WORK));
        // the stream's actions before the reducer's, whose budget, cooldowns and caps they count in
        timers.time("stream wait", () -> join(streamDrain));
        clock.set(scheduled);
        // nothing sends segment work any more: only the reducer's own retries can keep it going
        do {
            if (reducer.pollOnce() == 0) pause();
        } while (pending(ResourceCatalog.DAILY_REDUCE));
    }

    /** While a failed message waits out its retry delay. */
    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the daily job", e);
        }
    }

    /** The segments run side by side, as concurrent Lambda invocations would; returns the messages handled. */
    private int pollWorkers() {
        if (workers.size() == 1) return workers.get(0).pollOnce();
        List<Future<Integer>> running = new ArrayList<>();
        ExecutorService pool = dailyPool();
        for (LocalSqsEventSource w : workers) running.add(pool.submit(w::pollOnce));
        int handled = 0;
        for (Future<Integer> f : running) {
            try {
                handled += f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during the daily job", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        return handled;
    }

    private ExecutorService dailyPool;

    private ExecutorService dailyPool() {
        if (dailyPool == null) {
            dailyPool = Executors.newFixedThreadPool(workers.size(), r -> {
                Thread t = new Thread(r, "daily-worker");
                t.setDaemon(true);
                return t;
            });
        }
        return dailyPool;
    }

    private boolean pending(QueueSpec queue) {
        return QueueDepth.of(cloud.sqs(), cloud.queueUrl(queue)).total() > 0;
    }

    /** Drains what is left on the stream (the last daily job's writes). */
    public void finish() {
        timers.time("stream", stream::drain);
    }

    /** Messages in a queue's DLQ now. */
    public long deadLettered(QueueSpec queue) {
        return QueueDepth.of(cloud.sqs(), cloud.dlqUrl(queue)).total();
    }

    public long streamRecordsGivenUp() {
        return stream.givenUp();
    }

    private <I, O> RequestHandler<I, O> timed(RequestHandler<I, O> handler, FunctionSpec spec) {
        FunctionStats stats = functions.get(spec.logicalName());
        return (input, context) -> {
            long start = System.nanoTime();
            try {
                return handler.handleRequest(input, context);
            } finally {
                stats.invocations.incrementAndGet();
                stats.nanos.addAndGet(System.nanoTime() - start);
            }
        };
    }

    private void restoreLogs() {
        log.flush();
        JsonLog.sendTo(previousOut);
        EmfMetrics.sendTo(previousOut);
    }

    @Override
    public void close() {
        try {
            ingest.close();
            io.shutdownNow();
            if (background != null) background.shutdownNow();
            http.close();
            if (dailyPool != null) dailyPool.shutdownNow();
            cloud.close();
        } finally {
            restoreLogs();
        }
    }

    /** An event publisher that counts what it publishes (EventBridge bills per event put). */
    public static final class CountingPublisher implements EventPublisher {
        private final EventPublisher delegate;
        private final AtomicLong events = new AtomicLong();
        private final AtomicLong calls = new AtomicLong();

        CountingPublisher(EventPublisher delegate) {
            this.delegate = delegate;
        }

        @Override
        public void publish(String detailType, List<String> documents) {
            delegate.publish(detailType, documents);
            calls.addAndGet((documents.size() + 9) / 10);
            events.addAndGet(documents.size());
        }

        public long events() { return events.get(); }

        /** PutEvents calls in AWS: at most 10 entries each. */
        public long putEventsCalls() { return calls.get(); }
    }
}
