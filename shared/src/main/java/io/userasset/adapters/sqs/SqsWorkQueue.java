package io.userasset.adapters.sqs;

import io.userasset.ports.WorkQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.ArrayList;
import java.util.List;

/** The daily job's fan-out over two SQS queues; batches of 10, failed entries retried. */
public final class SqsWorkQueue implements WorkQueue {
    private final SqsClient sqs;
    private final String workQueueUrl;
    private final String reduceQueueUrl;

    public SqsWorkQueue(SqsClient sqs, String workQueueUrl, String reduceQueueUrl) {
        this.sqs = sqs;
        this.workQueueUrl = workQueueUrl;
        this.reduceQueueUrl = reduceQueueUrl;
    }

    @Override
    public void sendWork(List<String> messages) {
        SqsBatches.send(sqs, workQueueUrl, messages);
    }

    @Override
    public void sendReduce(String message) {
        sqs.sendMessage(b -> b.queueUrl(reduceQueueUrl).messageBody(message));
    }

    static List<SendMessageBatchRequestEntry> entries(List<String> bodies, int offset) {
        List<SendMessageBatchRequestEntry> out = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            out.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(offset + i)).messageBody(bodies.get(i)).build());
        }
        return out;
    }
}
