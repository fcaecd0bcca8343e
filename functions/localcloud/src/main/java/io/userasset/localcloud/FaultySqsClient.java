package io.userasset.localcloud;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection in front of a real SQS (ElasticMQ) client: the next {@code failBatches}
 * SendMessageBatch calls deliver only every other entry and report the rest as failed, the way the
 * service reports a partial failure. Delivered entries really reach the queue.
 */
public final class FaultySqsClient implements SqsClient {
    private final SqsClient delegate;
    private final AtomicInteger failBatches = new AtomicInteger();
    private final AtomicInteger injected = new AtomicInteger();

    public FaultySqsClient(SqsClient delegate) {
        this.delegate = delegate;
    }

    public void failNextBatches(int batches) {
        failBatches.set(batches);
    }

    public int injected() {
        return injected.get();
    }

    @Override
    public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
        if (failBatches.getAndUpdate(n -> Math.max(0, n - 1)) == 0 || request.entries().size() < 2) {
            return delegate.sendMessageBatch(request);
        }
        List<SendMessageBatchRequestEntry> keep = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (int i = 0; i < request.entries().size(); i++) {
            SendMessageBatchRequestEntry e = request.entries().get(i);
            if (i % 2 == 0) {
                keep.add(e);
            } else {
                failed.add(BatchResultErrorEntry.builder().id(e.id()).code("InternalError").senderFault(false)
                        .message("injected partial failure").build());
                injected.incrementAndGet();
            }
        }
        SendMessageBatchResponse sent = delegate.sendMessageBatch(request.toBuilder().entries(keep).build());
        List<BatchResultErrorEntry> allFailed = new ArrayList<>(sent.failed());
        allFailed.addAll(failed);
        return sent.toBuilder().failed(allFailed).build();
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
