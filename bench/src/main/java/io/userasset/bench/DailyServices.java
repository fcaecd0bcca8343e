package io.userasset.bench;

import io.userasset.tables.ResourceCatalog;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.util.Properties;

/**
 * The daily benchmark's S3 and SQS stand-ins in their OWN process, so the measured worker's heap
 * holds only the worker: S3Proxy (in-memory "transient" blob store) and ElasticMQ on loopback, the
 * bucket "ua-data" and the daily work and reduce queues created. Prints
 * {@code services s3=PORT sqs=PORT workQueue=URL reduceQueue=URL} and runs until killed.
 * (DynamoDB Local cannot share this JVM: its server mode needs Jetty 12, S3Proxy Jetty 11.)
 */
public final class DailyServices {
    public static void main(String[] args) throws Exception {
        SQSRestServer sqsServer = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int sqsPort = sqsServer.waitUntilStarted().localAddress().getPort();
        Properties props = new Properties();
        props.setProperty("jclouds.provider", "transient");
        BlobStoreContext blobs = ContextBuilder.newBuilder("transient").overrides(props).build(BlobStoreContext.class);
        S3Proxy s3Proxy = S3Proxy.builder().blobStore(blobs.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0")).build();
        s3Proxy.start();
        while (!"STARTED".equals(s3Proxy.getState())) Thread.sleep(5);
        int s3Port = s3Proxy.getPort();

        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        var http = UrlConnectionHttpClient.create();
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + s3Port)).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(http).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
             SqsClient sqs = SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + sqsPort))
                     .region(Region.US_EAST_1).credentialsProvider(credentials).httpClient(http).build()) {
            s3.createBucket(b -> b.bucket("ua-data"));
            String work = sqs.createQueue(b -> b.queueName("ua-" + ResourceCatalog.DAILY_WORK.logicalName())).queueUrl();
            String reduce = sqs.createQueue(b -> b.queueName("ua-" + ResourceCatalog.DAILY_REDUCE.logicalName())).queueUrl();
            System.out.printf("services s3=%d sqs=%d workQueue=%s reduceQueue=%s%n", s3Port, sqsPort, work, reduce);
            System.out.flush();
        }
        Thread.currentThread().join(); // until killed
    }
}
