package io.userasset.adapters.sqs;

import io.userasset.adapters.BatchRetry;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** SendMessageBatch in batches of ten, failed entries re-sent. */
public final class SqsBatches {
    static final int MAX_ATTEMPTS = 6;

    private SqsBatches() {}

    public static void send(SqsClient sqs, String queueUrl, List<String> bodies) {
        BatchRetry.send("SQS SendMessageBatch", bodies, 10, MAX_ATTEMPTS, batch -> {
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl)
                    .entries(SqsWorkQueue.entries(batch, 0)));
            Set<Integer> failed = new HashSet<>();
            for (BatchResultErrorEntry e : response.failed()) failed.add(Integer.parseInt(e.id()));
            return failed;
        });
    }
}
