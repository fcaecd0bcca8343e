package io.userasset.localcloud;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection in front of a real SQS (ElasticMQ) client: the next {@code failBatches}
 * SendMessageBatch calls deliver only every other entry and report the rest as failed, the way the
 * service reports a partial failure (PutEvents reports it the same way; the actions bus stand-in is a
 * queue). Delivered entries really reach the queue.
 */
public final class FaultySqsClient implements SqsClient {
    private final SqsClient delegate;
    private final AtomicInteger failBatches = new AtomicInteger();
    private final AtomicInteger injected = new AtomicInteger();
    private final AtomicInteger refuseBatches = new AtomicInteger();
    private final AtomicInteger batchCalls = new AtomicInteger();
    private volatile boolean everyOther;
    private boolean passNext;

    public FaultySqsClient(SqsClient delegate) {
        this.delegate = delegate;
    }

    public void failNextBatches(int batches) {
        failBatches.set(batches);
        everyOther = false;
    }

    /**
     * Of the next {@code 2 × batches} calls, every other one fails partially (a single-entry call
     * fails whole), so that a sender's retry of the failed entries goes through.
     */
    public void failEveryOtherBatch(int batches) {
        failBatches.set(batches);
        everyOther = true;
    }

    public int injected() {
        return injected.get();
    }

    /** The next {@code calls} SendMessageBatch calls fail whole, as when SQS is unavailable. */
    public void refuseNextBatches(int calls) {
        refuseBatches.set(calls);
    }

    /** SendMessageBatch calls made through this client, refused and partly failed ones included. */
    public int batchCalls() {
        return batchCalls.get();
    }

    @Override
    public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
        batchCalls.incrementAndGet();
        if (refuseBatches.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            injected.incrementAndGet();
            throw (SqsException) SqsException.builder().statusCode(503).message("injected: service unavailable").build();
        }
        if (everyOther) {
            synchronized (this) {
                boolean pass = passNext || failBatches.get() == 0;
                passNext = !pass;
                if (pass) return delegate.sendMessageBatch(request);
                failBatches.decrementAndGet();
            }
        } else if (failBatches.getAndUpdate(n -> Math.max(0, n - 1)) == 0 || request.entries().size() < 2) {
            return delegate.sendMessageBatch(request);
        }
        boolean single = request.entries().size() == 1;
        List<SendMessageBatchRequestEntry> keep = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (int i = 0; i < request.entries().size(); i++) {
            SendMessageBatchRequestEntry e = request.entries().get(i);
            if (i % 2 == 0 && !single) {
                keep.add(e);
            } else {
                failed.add(BatchResultErrorEntry.builder().id(e.id()).code("InternalError").senderFault(false)
                        .message("injected partial failure").build());
                injected.incrementAndGet();
            }
        }
        if (keep.isEmpty()) return SendMessageBatchResponse.builder().failed(failed).successful(List.of()).build();
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
