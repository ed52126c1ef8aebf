package io.github.orderevents.redrive;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The FIFO queues a redrive moves messages between, as its logic uses them: receive from a dead-letter
 * queue and give back or delete, send to a source queue. On SQS: {@link SqsFifoQueues}. Every method
 * that takes messages answers for each message on its own.
 */
interface FifoQueues {
    /** Messages per {@link #send} call. */
    int MAX_BATCH = 10;

    /**
     * Receives up to {@code max} visible messages, hiding each for {@code visibility}, in the order the queue
     * hands them out: each group oldest first, and nothing of a group one of whose messages is hidden from an
     * earlier receive (so a run sees, per group, what the first receive that reached the group returned).
     * Answers fewer than {@code max} only when no more are visible.
     *
     * @throws RuntimeException when the queue cannot be read at all (it does not exist, access is denied)
     */
    List<DlqMessage> receive(String queueUrl, int max, Duration visibility);

    /**
     * Makes these received messages visible again at once. Never throws; answers, by message id, why each one
     * that could not be released was not (it comes back by itself when its visibility timeout ends).
     */
    Map<String, String> release(String queueUrl, List<DlqMessage> messages);

    /** Deletes these received messages. Never throws; answers, by message id, why each one not deleted was not. */
    Map<String, String> delete(String queueUrl, List<DlqMessage> messages);

    /**
     * Sends {@code batch} (at most {@value #MAX_BATCH} messages, at most one per group) with each message's
     * group, deduplication id and attributes. A message whose deduplication id was sent before (within
     * SQS's 5 minutes) is accepted and not delivered again. Never throws for a failed send: a queue that
     * cannot be written fails every message with a reason starting {@code "SendMessageBatch: "}.
     */
    Sent send(String queueUrl, List<Resend> batch);

    /**
     * What a queue did with a batch, by dead-letter message id ({@code resend.original().messageId()}): the
     * new message id of each accepted message, the reason for each other one; every message is in one of them.
     */
    record Sent(Map<String, String> accepted, Map<String, String> failed) {
        public Sent {
            accepted = Map.copyOf(accepted);
            failed = Map.copyOf(failed);
        }
    }
}
