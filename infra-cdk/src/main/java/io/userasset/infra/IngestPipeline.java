package io.userasset.infra;

import io.userasset.tables.ResourceCatalog;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamMode;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.KinesisEventSource;
import software.amazon.awscdk.services.lambda.eventsources.KinesisEventSourceProps;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

import java.util.Optional;

/**
 * Where events enter: the catalog's ingest queue → ingest-sqs (batches of up to
 * {@value #SQS_BATCH_SIZE}, gathered for up to 5 s, partial-batch responses, bounded concurrency so
 * a burst cannot take all of DynamoDB's or the account's capacity); optionally (context kinesis=true)
 * an encrypted on-demand Kinesis stream → ingest-kinesis, partition key = userId.
 */
public final class IngestPipeline extends Construct {
    static final int SQS_BATCH_SIZE = 100;
    static final Duration SQS_BATCHING_WINDOW = Duration.seconds(5);
    static final int KINESIS_BATCH_SIZE = 500;
    static final int KINESIS_RETRY_ATTEMPTS = 5;
    static final Duration KINESIS_MAX_RECORD_AGE = Duration.days(1);
    static final int KINESIS_PARALLELIZATION = 2;
    /** Longer than the one-day default so a failed batch (recorded in the failure queue) can still be re-read. */
    static final Duration KINESIS_RETENTION = Duration.days(7);

    private final Queue queue;
    private Stream stream;
    private Queue kinesisFailures;

    static final int FIFO_BATCH_SIZE = 10;

    public IngestPipeline(Construct scope, String id, DeploymentSettings settings, Optional<IKey> key,
                          MessageQueues queues, EngineFunctions functions) {
        super(scope, id);
        queue = queues.queue(ResourceCatalog.INGEST);
        // FIFO event sources take at most 10 messages and no batching window (AWS limits).
        SqsEventSourceProps.Builder source = SqsEventSourceProps.builder()
                .reportBatchItemFailures(true)
                .maxConcurrency(settings.ingestMaxConcurrency());
        if (settings.fifoIngest()) source.batchSize(FIFO_BATCH_SIZE);
        else source.batchSize(SQS_BATCH_SIZE).maxBatchingWindow(SQS_BATCHING_WINDOW);
        functions.get(ResourceCatalog.INGEST_SQS).alias().addEventSource(new SqsEventSource(queue, source.build()));

        if (settings.kinesis()) {
            Stream.Builder sb = Stream.Builder.create(this, "Stream")
                    .streamMode(StreamMode.ON_DEMAND)
                    .retentionPeriod(KINESIS_RETENTION)
                    .removalPolicy(settings.destroyOnRemove() ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN);
            if (key.isPresent()) sb.encryption(StreamEncryption.KMS).encryptionKey(key.get());
            else sb.encryption(StreamEncryption.MANAGED);
            stream = sb.build();
            if (key.isPresent()) {
                Nag.suppress(stream, "KDS3", "With kmsKey=true the stream deliberately uses the app's customer-managed "
                        + "key (one key policy, rotation, CloudTrail per use) instead of the AWS-managed aws/kinesis key.");
            }
            kinesisFailures = queues.failureQueue(this, "KinesisFailures");
            functions.get(ResourceCatalog.INGEST_KINESIS).alias().addEventSource(new KinesisEventSource(stream, KinesisEventSourceProps.builder()
                    .startingPosition(StartingPosition.TRIM_HORIZON)
                    .batchSize(KINESIS_BATCH_SIZE)
                    .maxBatchingWindow(Duration.seconds(1))
                    .reportBatchItemFailures(true)
                    .bisectBatchOnError(true)
                    .retryAttempts(KINESIS_RETRY_ATTEMPTS)
                    .maxRecordAge(KINESIS_MAX_RECORD_AGE)
                    .parallelizationFactor(KINESIS_PARALLELIZATION)
                    .onFailure(new SqsDlq(kinesisFailures))
                    .build()));
        }
    }

    public Queue queue() { return queue; }
    public Optional<Stream> stream() { return Optional.ofNullable(stream); }
    public Optional<Queue> kinesisFailures() { return Optional.ofNullable(kinesisFailures); }
}
