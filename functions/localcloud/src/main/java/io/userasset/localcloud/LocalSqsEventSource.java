package io.userasset.localcloud;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What Lambda's SQS event source mapping does, over the real SQS protocol: receive a batch, invoke
 * the handler with a real {@link SQSEvent}, delete the messages it did not report as failed, and
 * leave the failed ones to be received again — until the queue's redrive policy moves them to the
 * DLQ. One difference, for speed: a failed message becomes visible again after {@code retryDelay}
 * instead of the queue's visibility timeout. A handler that throws fails the whole batch, as in Lambda;
 * so does a killed invocation ({@link FaultyDynamoDbClient.SimulatedCrash}).
 *
 * <p>For fault drills, {@link #loseAcknowledgementsOfNextBatches(int)} makes whole handled batches
 * come back, as when the deletes are lost or the invocation times out after doing its work: SQS
 * delivers at least once, and the handler must not count such a batch twice.
 */
public final class LocalSqsEventSource {
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private final int batchSize;
    private final Duration retryDelay;
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong crashed = new AtomicLong();
    private final AtomicLong redelivered = new AtomicLong();
    private final AtomicInteger loseAcknowledgements = new AtomicInteger();
    private volatile ExecutorService io;
    private volatile int parallelism = 1;
    private volatile Duration batchingWindow = Duration.ZERO;

    public LocalSqsEventSource(SqsClient sqs, String queueUrl, RequestHandler<SQSEvent, SQSBatchResponse> handler,
                               int batchSize, Duration retryDelay) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        this.handler = handler;
        this.batchSize = batchSize;
        this.retryDelay = retryDelay;
    }

    /**
     * Receives and deletes with up to {@code threads} concurrent SQS calls (as Lambda's pollers do),
     * which matters for large batches: a batch of 10,000 takes 1,000 ReceiveMessage and 1,000
     * DeleteMessageBatch calls of at most ten messages each. The handler is still invoked once per batch.
     */
    public LocalSqsEventSource parallelism(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
        this.parallelism = threads;
        if (threads > 1 && io == null) {
            io = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "sqs-event-source");
                t.setDaemon(true);
                return t;
            });
        }
        return this;
    }

    /** Receives up to one batch and hands it to the handler; returns the number of messages received. */
    public int pollOnce() {
        List<Message> batch = receiveUpTo(batchSize);
        if (batch.isEmpty()) return 0;
        if (!batchingWindow.isZero()) fillWithinWindow(batch);
        received.addAndGet(batch.size());
        invocations.incrementAndGet();
        Set<String> failedIds = new HashSet<>();
        try {
            SQSBatchResponse response = handler.handleRequest(toEvent(batch), null);
            if (response != null && response.getBatchItemFailures() != null) {
                response.getBatchItemFailures().forEach(f -> failedIds.add(f.getItemIdentifier()));
            }
        } catch (RuntimeException | FaultyDynamoDbClient.SimulatedCrash e) {
            if (killedBy(e)) crashed.incrementAndGet();
            batch.forEach(m -> failedIds.add(m.messageId()));
        }
        boolean acknowledgementLost = loseAcknowledgements.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        if (acknowledgementLost) redelivered.addAndGet(batch.size() - failedIds.size());
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        List<ChangeMessageVisibilityBatchRequestEntry> retry = new ArrayList<>();
        for (Message m : batch) {
            if (failedIds.contains(m.messageId())) failed.incrementAndGet();
            if (acknowledgementLost || failedIds.contains(m.messageId())) {
                retry.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(retry.size()))
                        .receiptHandle(m.receiptHandle()).visibilityTimeout((int) retryDelay.toSeconds()).build());
            } else {
                done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size()))
                        .receiptHandle(m.receiptHandle()).build());
            }
        }
        List<Runnable> acknowledgements = new ArrayList<>();
        for (int from = 0; from < done.size(); from += 10) {
            List<DeleteMessageBatchRequestEntry> chunk = done.subList(from, Math.min(done.size(), from + 10));
            acknowledgements.add(() -> sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(chunk)));
        }
        for (int from = 0; from < retry.size(); from += 10) {
            List<ChangeMessageVisibilityBatchRequestEntry> chunk = retry.subList(from, Math.min(retry.size(), from + 10));
            acknowledgements.add(() -> sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(chunk)));
        }
        runAll(acknowledgements);
        return batch.size();
    }

    /** A crash in one of the handler's own threads reaches it wrapped. */
    private static boolean killedBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FaultyDynamoDbClient.SimulatedCrash) return true;
        }
        return false;
    }

    private List<Message> receiveUpTo(int limit) {
        return parallelism > 1 ? receiveInParallel(limit) : receiveInTurn(limit);
    }

    /**
     * Lambda's batching window: keep gathering until the batch is full or the window has passed —
     * here only while more messages are on their way (in flight beyond this batch, e.g. a failed
     * batch about to become visible again), so that a drained queue costs no waiting.
     */
    private void fillWithinWindow(List<Message> batch) {
        long deadline = System.nanoTime() + batchingWindow.toNanos();
        while (batch.size() < batchSize && System.nanoTime() < deadline && moreOnTheWay(batch.size())) {
            List<Message> more = receiveUpTo(batchSize - batch.size());
            if (!more.isEmpty()) {
                batch.addAll(more);
                continue;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean moreOnTheWay(int held) {
        QueueDepth depth = QueueDepth.of(sqs, queueUrl);
        return depth.visible() > 0 || depth.inFlight() > held;
    }

    private List<Message> receiveInTurn(int limit) {
        List<Message> batch = new ArrayList<>();
        while (batch.size() < limit) {
            int want = Math.min(10, limit - batch.size());
            List<Message> got = receive(want);
            if (got.isEmpty()) break;
            batch.addAll(got);
        }
        return batch;
    }

    private List<Message> receive(int want) {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(want).waitTimeSeconds(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    /** Several receivers fill one batch; each reserves its share first, so the batch never exceeds batchSize. */
    private List<Message> receiveInParallel(int limit) {
        List<Message> batch = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger reserved = new AtomicInteger();
        AtomicBoolean empty = new AtomicBoolean();
        List<Runnable> receivers = new ArrayList<>();
        for (int i = 0; i < parallelism; i++) {
            receivers.add(() -> {
                while (!empty.get()) {
                    int want = reserve(reserved, 10, limit);
                    if (want == 0) return;
                    List<Message> got = receive(want);
                    reserved.addAndGet(got.size() - want);
                    if (got.isEmpty()) {
                        empty.set(true);
                        return;
                    }
                    batch.addAll(got);
                }
            });
        }
        runAll(receivers);
        return new ArrayList<>(batch);
    }

    private int reserve(AtomicInteger reserved, int max, int limit) {
        while (true) {
            int now = reserved.get();
            int want = Math.min(max, limit - now);
            if (want <= 0) return 0;
            if (reserved.compareAndSet(now, now + want)) return want;
        }
    }

    private void runAll(List<Runnable> calls) {
        if (parallelism <= 1 || calls.size() <= 1) {
            calls.forEach(Runnable::run);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(calls.size());
        for (Runnable call : calls) futures.add(io.submit(call));
        RuntimeException failure = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while polling " + queueUrl, e);
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                if (failure == null) failure = cause;
                else failure.addSuppressed(cause);
            }
        }
        if (failure != null) throw failure;
    }

    /** Lambda's MaximumBatchingWindow (zero: invoke with what one pass of receives found). */
    public LocalSqsEventSource batchingWindow(Duration window) {
        this.batchingWindow = window;
        return this;
    }

    /** Stops the receive/delete threads of {@link #parallelism(int)}, if any. */
    public void close() {
        if (io != null) io.shutdownNow();
    }

    /** Polls until the queue holds no message, visible or in flight. */
    public void drain() {
        while (true) {
            // the depth, not another round of receives, tells that a handled batch was the last
            int handled = pollOnce();
            if (QueueDepth.of(sqs, queueUrl).total() == 0) return;
            if (handled > 0) continue;
            try {
                Thread.sleep(Math.max(20, Math.min(200, retryDelay.toMillis() / 4)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public long invocations() {
        return invocations.get();
    }

    public long received() {
        return received.get();
    }

    public long failed() {
        return failed.get();
    }

    /** Invocations killed mid-batch (their whole batch was retried). */
    public long crashed() {
        return crashed.get();
    }

    /** Messages handled but delivered again because their batch's acknowledgement was lost. */
    public long redelivered() {
        return redelivered.get();
    }

    /** The next {@code batches} handled batches are not deleted: every message in them comes back. */
    public void loseAcknowledgementsOfNextBatches(int batches) {
        loseAcknowledgements.set(batches);
    }

    private SQSEvent toEvent(List<Message> batch) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>(batch.size());
        for (Message m : batch) {
            SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
            r.setMessageId(m.messageId());
            r.setReceiptHandle(m.receiptHandle());
            r.setBody(m.body());
            r.setMd5OfBody(m.md5OfBody());
            Map<String, String> attributes = new HashMap<>();
            m.attributesAsStrings().forEach(attributes::put);
            r.setAttributes(attributes);
            r.setEventSource("aws:sqs");
            r.setEventSourceArn(queueArn);
            r.setAwsRegion("us-east-1");
            records.add(r);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
