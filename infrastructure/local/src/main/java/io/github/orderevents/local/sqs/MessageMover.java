package io.github.orderevents.local.sqs;

import io.github.orderevents.local.sqs.QueueDirectory.QueueArn;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves the messages of one task out of its dead-letter queue, in the background, as SQS's DLQ redrive
 * does: receive a batch, send each message to its destination, delete it from the DLQ only once the send
 * succeeded, at most MaxNumberOfMessagesPerSecond; done when the DLQ has nothing more to give.
 */
final class MessageMover implements Runnable {
    /** The rate when none is given: SQS's upper limit, which the local backend sustains. */
    static final int DEFAULT_RATE = 500;
    /** SQS's FailureReason when a destination queue is gone (recorded on AWS, see SqsApiException). */
    static final String NON_EXISTENT_QUEUE = "AWS.SimpleQueueService.NonExistentQueue";
    private static final String DEAD_LETTER_QUEUE_SOURCE_ARN = "DeadLetterQueueSourceArn";
    private static final String AWS_TRACE_HEADER = "AWSTraceHeader";
    private static final int COMPLETION_WAIT_SECONDS = 1;

    private final TaskState task;
    private final SqsClient backend;
    private final QueueDirectory queues;
    private final int batchSize;
    private final int visibilityTimeout;
    private final long intervalNanos;
    private final Map<String, String> urlsByArn = new HashMap<>();
    /** Ids of the messages this task sent: one of them back in the DLQ failed again after the task started. */
    private final Set<String> sentIds = new HashSet<>();
    private final List<Message> held = new ArrayList<>();
    private long nextSendNanos;

    MessageMover(TaskState task, SqsClient backend, QueueDirectory queues) {
        this.task = task;
        this.backend = backend;
        this.queues = queues;
        int rate = task.rate().orElse(DEFAULT_RATE);
        this.batchSize = Math.min(10, rate);
        // Long enough that no received message returns to the DLQ before its turn comes at this rate.
        this.visibilityTimeout = 30 + (batchSize + rate - 1) / rate;
        this.intervalNanos = 1_000_000_000L / rate;
    }

    @Override
    public void run() {
        try {
            moveAll();
            task.finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.fail("Interrupted: the local SQS endpoint stopped");
        } catch (RuntimeException e) {
            task.fail(failureReason(e));
        }
    }

    private void moveAll() throws InterruptedException {
        nextSendNanos = System.nanoTime();
        try {
            while (!task.cancelRequested()) {
                List<Message> batch = receive(0);
                if (batch.isEmpty()) {
                    // Looks empty: wait once for messages that are in flight elsewhere or just arriving.
                    batch = receive(COMPLETION_WAIT_SECONDS);
                    if (batch.isEmpty()) {
                        return;
                    }
                }
                moveBatch(batch);
            }
        } finally {
            release(held);
        }
    }

    /** The next messages to move; messages this task already moved once are held back until it ends. */
    private List<Message> receive(int waitSeconds) {
        List<Message> messages = backend.receiveMessage(r -> r.queueUrl(task.sourceUrl)
                .maxNumberOfMessages(batchSize)
                .waitTimeSeconds(waitSeconds)
                .visibilityTimeout(visibilityTimeout)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        List<Message> movable = new ArrayList<>();
        for (Message message : messages) {
            // Moving it again would loop for ever with a consumer that keeps failing it.
            (sentIds.contains(message.messageId()) ? held : movable).add(message);
        }
        return movable;
    }

    private void moveBatch(List<Message> batch) throws InterruptedException {
        for (int i = 0; i < batch.size(); i++) {
            if (!awaitTurn()) {
                release(batch.subList(i, batch.size()));
                return;
            }
            Message message = batch.get(i);
            try {
                send(destination(message), message);
                backend.deleteMessage(r -> r.queueUrl(task.sourceUrl).receiptHandle(message.receiptHandle()));
            } catch (RuntimeException e) {
                // FIFO: the rest of a group must not overtake this message, so the whole task stops here.
                release(batch.subList(i, batch.size()));
                throw e;
            }
            task.countMoved();
        }
    }

    /** Waits for this message's slot at the task's rate; false if the task was cancelled meanwhile. */
    private boolean awaitTurn() throws InterruptedException {
        long wait = nextSendNanos - System.nanoTime();
        if (task.awaitCancel(wait) || task.cancelRequested()) {
            return false;
        }
        nextSendNanos = Math.max(nextSendNanos, System.nanoTime()) + intervalNanos;
        return true;
    }

    /**
     * The DestinationArn's queue; without one, the queue the message came from: SQS sends each message
     * back to its own source, which ElasticMQ records (as SQS does) in DeadLetterQueueSourceArn. A message
     * without it can only go back if the DLQ has exactly one source queue.
     */
    private String destination(Message message) {
        if (task.destinationUrl.isPresent()) {
            return task.destinationUrl.get();
        }
        String origin = message.attributesAsStrings().get(DEAD_LETTER_QUEUE_SOURCE_ARN);
        if (origin != null) {
            return urlsByArn.computeIfAbsent(origin, arn -> QueueArn.parse(arn).flatMap(queues::url)
                    .orElseThrow(() -> new MoveFailure(NON_EXISTENT_QUEUE)));
        }
        if (task.redriveSources.size() == 1) {
            return task.redriveSources.getFirst();
        }
        throw new MoveFailure("Message " + message.messageId() + " does not say which of the "
                + task.redriveSources.size() + " queues redriving to this DLQ it came from "
                + "(no DeadLetterQueueSourceArn): start the task with a DestinationArn");
    }

    private void send(String destinationUrl, Message message) {
        Map<String, String> system = message.attributesAsStrings();
        SendMessageRequest.Builder send = SendMessageRequest.builder().queueUrl(destinationUrl).messageBody(message.body());
        if (message.hasMessageAttributes() && !message.messageAttributes().isEmpty()) {
            send.messageAttributes(message.messageAttributes());
        }
        if (system.containsKey(AWS_TRACE_HEADER)) {
            send.messageSystemAttributes(Map.of(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
                    MessageSystemAttributeValue.builder().dataType("String").stringValue(system.get(AWS_TRACE_HEADER)).build()));
        }
        if (task.fifo) {
            // Same group keeps the order within the group. A new deduplication id, derived from the id the
            // message has in the DLQ: the original send's id (deduplicated for 5 minutes) cannot swallow
            // it, and a re-run after a crash between send and delete is deduplicated. A message that fails
            // again arrives in the DLQ under the id of this send, so a later redrive gets a new id again.
            send.messageGroupId(system.get(MessageSystemAttributeName.MESSAGE_GROUP_ID.toString()))
                    .messageDeduplicationId("redrive-" + message.messageId());
        }
        sentIds.add(backend.sendMessage(send.build()).messageId());
    }

    /** Makes received messages visible in the DLQ again at once (best effort: they return anyway later). */
    private void release(List<Message> messages) {
        for (int from = 0; from < messages.size(); from += 10) {
            List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + 10));
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle()).visibilityTimeout(0).build());
            }
            try {
                backend.changeMessageVisibilityBatch(r -> r.queueUrl(task.sourceUrl).entries(entries));
            } catch (SdkException e) {
                // The visibility timeout brings them back.
            }
        }
        messages.clear();
    }

    private static String failureReason(RuntimeException e) {
        if (e instanceof MoveFailure) {
            return e.getMessage();
        }
        if (e instanceof QueueDoesNotExistException) {
            return NON_EXISTENT_QUEUE;
        }
        if (e instanceof SqsException sqs && sqs.awsErrorDetails() != null) {
            return sqs.awsErrorDetails().errorCode() + ": " + sqs.awsErrorDetails().errorMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Ends the task as FAILED with its message as FailureReason. */
    private static final class MoveFailure extends RuntimeException {
        MoveFailure(String reason) {
            super(reason);
        }
    }
}
