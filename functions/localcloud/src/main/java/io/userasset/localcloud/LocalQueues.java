package io.userasset.localcloud;

import io.userasset.tables.QueueSpec;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.Map;

/** Creates a catalogued queue and its DLQ in ElasticMQ with the catalogued redrive settings. */
final class LocalQueues {
    private LocalQueues() {}

    record QueuePair(String queueUrl, String dlqUrl) {}

    static QueuePair create(SqsClient sqs, String name, QueueSpec spec) {
        String suffix = spec.fifo() ? ".fifo" : "";
        Map<QueueAttributeName, String> dlqAttributes = new java.util.HashMap<>();
        dlqAttributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, Long.toString(spec.dlqRetention().toSeconds()));
        if (spec.fifo()) dlqAttributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        String dlqUrl = sqs.createQueue(b -> b.queueName(name + "-dlq" + suffix).attributes(dlqAttributes)).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);

        Map<QueueAttributeName, String> attributes = new java.util.HashMap<>();
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(spec.visibilityTimeout().toSeconds()));
        attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, Long.toString(spec.retention().toSeconds()));
        attributes.put(QueueAttributeName.REDRIVE_POLICY,
                "{\"maxReceiveCount\":\"" + spec.maxReceiveCount() + "\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}");
        if (spec.fifo()) attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        String url = sqs.createQueue(b -> b.queueName(name + suffix).attributes(attributes)).queueUrl();
        return new QueuePair(url, dlqUrl);
    }
}
