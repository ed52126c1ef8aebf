package io.github.orderevents.aws.priming;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.util.List;

/** SQS calls that go through the SDK's marshalling and the HTTP connection like a function's own, and send nothing. */
public final class SqsWarmUps {
    private SqsWarmUps() {
    }

    /**
     * A SendMessageBatch of no entries: SQS refuses it (EmptyBatchRequest) and sends nothing. It is
     * authorised by sqs:SendMessage, which every function that sends already has on its queues.
     */
    public static SnapStartPriming.Action emptyBatch(SqsClient sqs, String queueUrl) {
        return () -> {
            SendMessageBatchResponse response;
            try {
                response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(List.of()));
            } catch (SqsException e) {
                String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
                if (code != null && code.endsWith("EmptyBatchRequest")) {
                    return;
                }
                throw e;
            }
            // An answer that lists no entry, sent or failed, says the same: nothing was sent.
            if (!response.successful().isEmpty() || !response.failed().isEmpty()) {
                throw new IllegalStateException("an empty batch was answered with entries: " + response);
            }
        };
    }
}
