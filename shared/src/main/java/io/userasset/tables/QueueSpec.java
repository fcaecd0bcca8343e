package io.userasset.tables;

import java.time.Duration;

/**
 * One SQS queue with its dead-letter queue, as both the CDK app and the local cloud create it.
 *
 * @param logicalName       short stable name
 * @param visibilityTimeout how long a received message stays hidden (≥ 6 × the consumer's timeout, per AWS guidance)
 * @param retention         how long an undelivered message is kept
 * @param maxReceiveCount   receives before the message moves to the DLQ
 * @param dlqRetention      how long the DLQ keeps messages (the maximum, to leave time to redrive)
 * @param fifo              FIFO queue (message groups = users) instead of standard
 * @param localOnly         exists only in the local cloud (stands in for an EventBridge target)
 */
public record QueueSpec(String logicalName, Duration visibilityTimeout, Duration retention, int maxReceiveCount,
                        Duration dlqRetention, boolean fifo, boolean localOnly) {

    public String dlqName() {
        return logicalName + "-dlq";
    }
}
