package io.github.orderevents.redrive;

import io.github.orderevents.aws.JsonLog;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One run's hold on a FIFO dead-letter queue: receives messages (hiding them for a while), and either
 * deletes them or makes them visible again at once. It remembers what it holds, so
 * {@link #releaseHeld()} can give back everything not deleted, whatever went wrong in between.
 */
final class DeadLetterQueue {
    private static final JsonLog LOG = JsonLog.of(DeadLetterQueue.class);
    private static final int MAX_PER_CALL = 10;

    private final SqsClient sqs;
    private final String url;
    private final Map<String, DlqMessage> held = new LinkedHashMap<>();

    DeadLetterQueue(SqsClient sqs, String url) {
        this.sqs = sqs;
        this.url = url;
    }

    String url() {
        return url;
    }

    /**
     * Receives up to {@code max} messages, hidden for {@code visibility}, in the order SQS hands them out
     * (each group in its order). A FIFO queue hands out no more messages of a group while some of it is
     * in flight, so one run sees, per group, what the first receive that reached the group returned.
     */
    List<DlqMessage> receive(int max, Duration visibility) {
        List<DlqMessage> received = new ArrayList<>();
        boolean confirmingEmpty = false;
        while (received.size() < max) {
            int wanted = Math.min(MAX_PER_CALL, max - received.size());
            // Short polls sample a subset of SQS's servers and may answer empty while a small queue still
            // has messages (ReceiveMessage docs); one long poll over all servers confirms the end.
            int waitSeconds = confirmingEmpty ? 1 : 0;
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url)
                    .maxNumberOfMessages(wanted)
                    .waitTimeSeconds(waitSeconds)
                    .visibilityTimeout((int) visibility.toSeconds())
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            if (messages.isEmpty()) {
                if (confirmingEmpty) {
                    break;
                }
                confirmingEmpty = true;
                continue;
            }
            confirmingEmpty = false;
            for (Message message : messages) {
                DlqMessage dlqMessage = DlqMessage.from(message);
                held.put(dlqMessage.messageId(), dlqMessage);
                received.add(dlqMessage);
            }
        }
        return received;
    }

    /**
     * Makes these messages visible again at once (visibility 0). Never throws: a message this cannot
     * release comes back by itself when its visibility timeout ends; that is logged.
     */
    void release(Collection<DlqMessage> messages) {
        List<DlqMessage> toRelease = messages.stream().filter(m -> held.remove(m.messageId()) != null).toList();
        for (int from = 0; from < toRelease.size(); from += MAX_PER_CALL) {
            List<DlqMessage> chunk = toRelease.subList(from, Math.min(from + MAX_PER_CALL, toRelease.size()));
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id("m" + i).receiptHandle(chunk.get(i).receiptHandle()).visibilityTimeout(0).build());
            }
            try {
                var response = sqs.changeMessageVisibilityBatch(r -> r.queueUrl(url).entries(entries));
                response.failed().forEach(failed -> LOG.warn("message not released; visible again after its visibility timeout",
                        "queueUrl", url, "messageId", chunk.get(Integer.parseInt(failed.id().substring(1))).messageId(),
                        "reason", failed.code() + ": " + failed.message()));
            } catch (SdkException e) {
                LOG.error("messages not released; visible again after their visibility timeout", e,
                        "queueUrl", url, "messages", chunk.size());
            }
        }
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
        Map<String, String> failures = new HashMap<>();
        for (int from = 0; from < messages.size(); from += MAX_PER_CALL) {
            List<DlqMessage> chunk = messages.subList(from, Math.min(from + MAX_PER_CALL, messages.size()));
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id("m" + i).receiptHandle(chunk.get(i).receiptHandle()).build());
            }
            DeleteMessageBatchResponse response;
            try {
                response = sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(entries));
            } catch (SdkException e) {
                chunk.forEach(m -> failures.put(m.messageId(), "DeleteMessageBatch: " + e.getMessage()));
                continue;
            }
            Set<String> deleted = new HashSet<>();
            response.successful().forEach(ok -> deleted.add(ok.id()));
            Map<String, String> failed = new HashMap<>();
            response.failed().forEach(f -> failed.put(f.id(), f.code() + ": " + f.message()));
            for (int i = 0; i < chunk.size(); i++) {
                String id = "m" + i;
                if (deleted.contains(id)) {
                    held.remove(chunk.get(i).messageId());
                } else {
                    failures.put(chunk.get(i).messageId(),
                            failed.getOrDefault(id, "entry missing from the DeleteMessageBatch response"));
                }
            }
        }
        return failures;
    }
}
