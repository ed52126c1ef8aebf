package io.github.orderevents.redrive;

import io.github.orderevents.aws.JsonLog;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run's hold on a FIFO dead-letter queue: receives messages (hiding them for a while), and either
 * deletes them or makes them visible again at once. It remembers what it holds, so
 * {@link #releaseHeld()} can give back everything not deleted, whatever went wrong in between.
 */
final class DeadLetterQueue {
    private static final JsonLog LOG = JsonLog.of(DeadLetterQueue.class);

    private final FifoQueues queues;
    private final String url;
    private final Map<String, DlqMessage> held = new LinkedHashMap<>();

    DeadLetterQueue(FifoQueues queues, String url) {
        this.queues = queues;
        this.url = url;
    }

    /** Receives up to {@code max} messages, hidden for {@code visibility}, as {@link FifoQueues#receive} does. */
    List<DlqMessage> receive(int max, Duration visibility) {
        List<DlqMessage> received = queues.receive(url, max, visibility);
        received.forEach(message -> held.put(message.messageId(), message));
        return received;
    }

    /**
     * Makes these messages visible again at once. Never throws: a message this cannot release comes back
     * by itself when its visibility timeout ends; that is logged.
     */
    void release(Collection<DlqMessage> messages) {
        List<DlqMessage> toRelease = messages.stream().filter(m -> held.remove(m.messageId()) != null).toList();
        if (toRelease.isEmpty()) {
            return;
        }
        queues.release(url, toRelease).forEach((messageId, reason) -> LOG.warn(
                "message not released; visible again after its visibility timeout",
                "queueUrl", url, "messageId", messageId, "reason", reason));
    }

    /** Releases every message received and neither deleted nor released yet. */
    void releaseHeld() {
        release(List.copyOf(held.values()));
    }

    /**
     * Deletes these messages; answers the reason for each one that was not deleted, by message id. Never
     * throws: the messages are already in their source queue by then, and the report must say so.
     */
    Map<String, String> delete(List<DlqMessage> messages) {
        if (messages.isEmpty()) {
            return Map.of();
        }
        Map<String, String> failures = queues.delete(url, messages);
        messages.stream().filter(m -> !failures.containsKey(m.messageId())).forEach(m -> held.remove(m.messageId()));
        return failures;
    }
}
