package io.github.orderevents.aws.testing;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import java.util.List;

/** SQS batches for consumer tests: an event of given messages, and the message ids an answer reports failed. */
public final class SqsBatches {
    private SqsBatches() {
    }

    public static SQSEvent batchOf(List<SQSEvent.SQSMessage> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    public static SQSEvent batchOf(SQSEvent.SQSMessage... messages) {
        return batchOf(List.of(messages));
    }

    public static List<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }
}
