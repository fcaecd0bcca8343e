package io.userasset.infra;

import io.userasset.tables.QueueSpec;
import io.userasset.tables.ResourceCatalog;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every deployed queue of {@link ResourceCatalog#QUEUES} with its dead-letter queue, as specified
 * there (visibility timeout, retention, maxReceiveCount, DLQ retention, FIFO). Local-only queues
 * (stand-ins for the EventBridge bus in a local run) are not deployed. Encrypted (SQS-managed or the
 * app's key) and TLS-only. Also makes the AWS-only failure queues (stream and schedule failure
 * destinations), which hold failure records rather than redriven messages.
 */
public final class MessageQueues extends Construct {
    /** How long failure destinations keep what they receive: SQS's maximum, to leave time to investigate. */
    static final Duration FAILURE_RETENTION = Duration.days(14);

    private final Optional<IKey> key;
    private final Map<String, Queue> queues = new LinkedHashMap<>();
    private final Map<String, Queue> dlqs = new LinkedHashMap<>();

    /** @param fifoIngest make the ingest queue (and its DLQ) FIFO, whatever the catalog says */
    public MessageQueues(Construct scope, String id, Optional<IKey> key, boolean fifoIngest) {
        super(scope, id);
        this.key = key;
        for (QueueSpec spec : ResourceCatalog.QUEUES) {
            if (spec.localOnly()) continue;
            boolean fifo = spec.fifo() || (fifoIngest && spec == ResourceCatalog.INGEST);
            Queue dlq = encrypted(Queue.Builder.create(this, "Dlq-" + spec.logicalName())
                    .retentionPeriod(duration(spec.dlqRetention()))
                    .fifo(fifo ? true : null))
                    .build();
            Queue queue = encrypted(Queue.Builder.create(this, "Queue-" + spec.logicalName())
                    .visibilityTimeout(duration(spec.visibilityTimeout()))
                    .retentionPeriod(duration(spec.retention()))
                    .fifo(fifo ? true : null)
                    .deadLetterQueue(DeadLetterQueue.builder().queue(dlq).maxReceiveCount(spec.maxReceiveCount()).build()))
                    .build();
            queues.put(spec.logicalName(), queue);
            dlqs.put(spec.logicalName(), dlq);
        }
    }

    /** A queue that receives failure records (Lambda on-failure destinations, Scheduler DLQ). */
    Queue failureQueue(Construct scope, String id) {
        Queue q = encrypted(Queue.Builder.create(scope, id).retentionPeriod(FAILURE_RETENTION)).build();
        Nag.suppress(q, "SQS3", "This queue is itself a dead-letter/failure destination (Lambda on-failure "
                + "destination or EventBridge Scheduler DLQ); a DLQ of a DLQ would only move the same records again.");
        return q;
    }

    private Queue.Builder encrypted(Queue.Builder b) {
        b.enforceSsl(true);
        if (key.isPresent()) {
            b.encryption(QueueEncryption.KMS).encryptionMasterKey(key.get());
        } else {
            b.encryption(QueueEncryption.SQS_MANAGED);
        }
        return b;
    }

    private static Duration duration(java.time.Duration d) {
        return Duration.seconds(d.toSeconds());
    }

    public Queue queue(QueueSpec spec) {
        return require(queues, spec);
    }

    public Queue dlq(QueueSpec spec) {
        return require(dlqs, spec);
    }

    /** Every dead-letter queue by the logical name of its source queue. */
    public Map<String, Queue> dlqs() {
        return dlqs;
    }

    private static Queue require(Map<String, Queue> m, QueueSpec spec) {
        Queue q = m.get(spec.logicalName());
        if (q == null) throw new IllegalArgumentException("queue " + spec.logicalName() + " is not deployed");
        return q;
    }
}
