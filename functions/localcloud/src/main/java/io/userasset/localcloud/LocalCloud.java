package io.userasset.localcloud;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import io.userasset.tables.QueueSpec;
import io.userasset.tables.ResourceCatalog;
import io.userasset.tables.ResourceNames;
import io.userasset.tables.TableSpec;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The engine's AWS stand-ins, in-process, on loopback: DynamoDB Local (in-process client, with
 * streams; {@link DirectDynamoDbClients} spares its data-plane calls a JSON round trip), ElasticMQ
 * (SQS protocol over HTTP) and S3Proxy (S3 protocol over HTTP, in memory).
 * Tables, queues and DLQs are created from {@link ResourceCatalog}, the same definitions the CDK
 * app deploys. Close it to stop every server and free every port.
 */
public final class LocalCloud implements AutoCloseable {
    public static final String PREFIX = "ua-";
    public static final String BUCKET = "ua-data";
    public static final String EVENT_BUS = "ua-local-bus";
    private static final Region REGION = Region.US_EAST_1;
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private AmazonDynamoDBLocal dynamoLocal;
    private SQSRestServer sqsServer;
    private final S3Proxy s3Proxy;
    private final BlobStoreContext blobStoreContext;
    private final SdkHttpClient httpClient;
    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;
    private final SqsClient sqs;
    private final S3Client s3;
    private final int sqsPort;
    private final int s3Port;
    private final Map<String, String> queueUrls = new LinkedHashMap<>();
    private final java.util.Set<Thread> threadsBefore = java.util.Set.copyOf(Thread.getAllStackTraces().keySet());
    private java.util.Set<Thread> ownThreads = java.util.Set.of();

    private LocalCloud() throws Exception {
        List<AutoCloseable> started = new ArrayList<>();
        // The three servers start side by side (each takes seconds, mostly class loading).
        java.util.concurrent.ExecutorService boot = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "local-cloud-start");
            t.setDaemon(true);
            return t;
        });
        // Telemetry off: no call to AWS from a local run, no metadata file in the working directory.
        java.util.concurrent.Future<AmazonDynamoDBLocal> dynamoStart = boot.submit(() -> DynamoDBEmbedded.create(true));
        java.util.concurrent.Future<SQSRestServer> sqsStart = boot.submit(() ->
                SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start());
        boot.shutdown();
        try {
            Properties props = new Properties();
            props.setProperty("jclouds.provider", "transient");
            BlobStoreContext context;
            S3Proxy proxy;
            try {
                context = ContextBuilder.newBuilder("transient").overrides(props).build(BlobStoreContext.class);
                started.add(context::close);
                proxy = S3Proxy.builder().blobStore(context.getBlobStore())
                        .endpoint(URI.create("http://127.0.0.1:0")).build();
                proxy.start();
                started.add(proxy::stop);
                while (!"STARTED".equals(proxy.getState())) {
                    Thread.sleep(5);
                }
            } finally {
                // whatever happens, keep hold of what the other threads started, to stop it
                dynamoLocal = await(dynamoStart, started, d -> d::shutdown);
                sqsServer = await(sqsStart, started, q -> q::stopAndWait);
            }
            blobStoreContext = context;
            s3Proxy = proxy;
            if (dynamoLocal == null || sqsServer == null) throw new IllegalStateException("local cloud failed to start");
            dynamoDb = DirectDynamoDbClients.dynamoDb(dynamoLocal.amazonDynamoDB(), dynamoLocal.dynamoDbClient());
            streams = DirectDynamoDbClients.streams(dynamoLocal.amazonDynamoDBStreams(), dynamoLocal.dynamoDbStreamsClient());
            sqsPort = sqsServer.waitUntilStarted().localAddress().getPort();
            s3Port = s3Proxy.getPort();

            httpClient = UrlConnectionHttpClient.create();
            sqs = SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + sqsPort))
                    .region(REGION).credentialsProvider(CREDENTIALS).httpClient(httpClient).build();
            s3 = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + s3Port))
                    .region(REGION).credentialsProvider(CREDENTIALS).httpClient(httpClient)
                    .forcePathStyle(true)
                    // S3Proxy does not implement the SDK's default flexible checksums.
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .build();
        } catch (Exception | Error e) {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** The server a start thread produced (registered for cleanup), or null if it failed to start. */
    private static <T> T await(java.util.concurrent.Future<T> start, List<AutoCloseable> started,
                               java.util.function.Function<T, AutoCloseable> stopper) throws InterruptedException {
        try {
            T server = start.get();
            started.add(stopper.apply(server));
            return server;
        } catch (java.util.concurrent.ExecutionException e) {
            started.add(() -> {
                throw new IllegalStateException("a local server failed to start", e.getCause());
            });
            return null;
        }
    }

    /** Starts the servers and creates every catalogued table, queue (with its DLQ) and the bucket. */
    public static LocalCloud start() {
        try {
            LocalCloud cloud = new LocalCloud();
            try {
                cloud.createResources();
            } catch (RuntimeException e) {
                cloud.close();
                throw e;
            }
            return cloud;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("local cloud failed to start: " + e.getMessage(), e);
        }
    }

    private void createResources() {
        for (TableSpec table : ResourceCatalog.TABLES) {
            LocalTables.create(dynamoDb, tableName(table), table);
        }
        for (QueueSpec queue : ResourceCatalog.QUEUES) {
            LocalQueues.QueuePair pair = LocalQueues.create(sqs, PREFIX + queue.logicalName(), queue);
            queueUrls.put(queue.logicalName(), pair.queueUrl());
            queueUrls.put(queue.dlqName(), pair.dlqUrl());
        }
        s3.createBucket(b -> b.bucket(BUCKET));
        java.util.Set<Thread> now = new java.util.HashSet<>(Thread.getAllStackTraces().keySet());
        now.removeAll(threadsBefore);
        ownThreads = now;
    }

    public String tableName(TableSpec table) {
        return PREFIX + table.logicalName();
    }

    public String queueUrl(QueueSpec queue) {
        return queueUrls.get(queue.logicalName());
    }

    public String dlqUrl(QueueSpec queue) {
        return queueUrls.get(queue.dlqName());
    }

    /** The names the handlers are configured with, as the CDK app would set them in the environment. */
    public ResourceNames resourceNames() {
        return new ResourceNames(tableName(ResourceCatalog.PROFILES), tableName(ResourceCatalog.ENGINE),
                tableName(ResourceCatalog.ACTIONS), BUCKET, EVENT_BUS,
                queueUrl(ResourceCatalog.DAILY_WORK), queueUrl(ResourceCatalog.DAILY_REDUCE));
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public DynamoDbStreamsClient dynamoDbStreams() {
        return streams;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public S3Client s3() {
        return s3;
    }

    public int sqsPort() {
        return sqsPort;
    }

    public int s3Port() {
        return s3Port;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable step : List.<AutoCloseable>of(sqs, s3, httpClient, s3Proxy::stop, blobStoreContext::close,
                sqsServer::stopAndWait, dynamoLocal::shutdown, this::wakeDynamoLocalJobs)) {
            try {
                step.close();
            } catch (Exception e) {
                if (failure == null) failure = new IllegalStateException("local cloud did not stop cleanly", e);
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }

    /**
     * DynamoDB Local's background jobs (stream shard rollover) sleep through shutdown and check
     * their stop flag only on waking, keeping a non-daemon thread alive for a long time. Their
     * sleep treats an interrupt as the end of the job, so wake them (only the threads this instance started).
     */
    private void wakeDynamoLocalJobs() {
        for (Thread thread : ownThreads) {
            for (StackTraceElement frame : thread.getStackTrace()) {
                if (frame.getClassName().startsWith("com.amazonaws.services.dynamodbv2.local.shared.jobs.")) {
                    thread.interrupt();
                    break;
                }
            }
        }
    }
}
