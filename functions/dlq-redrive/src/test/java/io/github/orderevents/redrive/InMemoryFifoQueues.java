package io.github.orderevents.redrive;

import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * {@link FifoQueues} in memory, with the FIFO rules the redrive relies on: each group handed out oldest
 * first, nothing of a group while one of its messages is hidden, deduplication by id. A hidden message
 * stays hidden until released or deleted (there is no clock: a test never outlives a visibility timeout).
 * Chosen sends and deletes can be refused, as SQS refuses single entries of a batch.
 */
final class InMemoryFifoQueues implements FifoQueues {
    private static final int MAX_PER_RECEIVE = 10;

    /** A message in a queue; {@code receiptHandle} is null while it is visible. */
    record Stored(String messageId, String groupId, String deduplicationId, String body,
                  Map<String, MessageAttributeValue> attributes, Instant sentAt, int receiveCount, String receiptHandle) {
        Stored received(String handle) {
            return new Stored(messageId, groupId, deduplicationId, body, attributes, sentAt, receiveCount + 1, handle);
        }

        Stored visible() {
            return new Stored(messageId, groupId, deduplicationId, body, attributes, sentAt, receiveCount, null);
        }
    }

    private final Map<String, List<Stored>> queues = new HashMap<>();
    private final Map<String, Map<String, String>> sentDeduplicationIds = new HashMap<>();
    private Predicate<Resend> refuseSend = resend -> false;
    private final Set<String> refusedDeletes = new HashSet<>();
    /** The groups of each batch sent, in order. */
    final List<List<String>> sentBatches = new ArrayList<>();

    /** Creates the FIFO queue {@code name}.fifo; returns its URL. */
    synchronized String createQueue(String name) {
        String url = "https://sqs.in-memory/000000000000/" + name + ".fifo";
        queues.putIfAbsent(url, new ArrayList<>());
        sentDeduplicationIds.putIfAbsent(url, new HashMap<>());
        return url;
    }

    /** Puts a message straight into a queue, as SQS or a parking consumer would; returns its id. */
    synchronized String put(String queueUrl, String groupId, String body, Map<String, MessageAttributeValue> attributes) {
        String messageId = UUID.randomUUID().toString();
        queue(queueUrl).add(new Stored(messageId, groupId, UUID.randomUUID().toString(), body, Map.copyOf(attributes),
                Instant.now(), 0, null));
        return messageId;
    }

    /** Removes and answers every visible message of a queue, in order. */
    synchronized List<Stored> drain(String queueUrl) {
        List<Stored> visible = queue(queueUrl).stream().filter(m -> m.receiptHandle() == null).toList();
        queue(queueUrl).removeAll(visible);
        return visible;
    }

    /** From now on, entries for which {@code refuse} holds are refused by every send. */
    synchronized void refuseSendIf(Predicate<Resend> refuse) {
        this.refuseSend = refuse;
    }

    /** From now on, the message {@code messageId} is refused by every delete. */
    synchronized void refuseDeleteOf(String messageId) {
        refusedDeletes.add(messageId);
    }

    @Override
    public synchronized List<DlqMessage> receive(String queueUrl, int max, Duration visibility) {
        List<Stored> queue = queue(queueUrl);
        List<DlqMessage> received = new ArrayList<>();
        // In rounds of one ReceiveMessage each: a group hidden by an earlier round hands out nothing more.
        while (received.size() < max) {
            Set<String> hiddenGroups = new HashSet<>();
            queue.stream().filter(m -> m.receiptHandle() != null).forEach(m -> hiddenGroups.add(m.groupId()));
            int round = 0;
            for (int i = 0; i < queue.size() && round < Math.min(MAX_PER_RECEIVE, max - received.size()); i++) {
                Stored message = queue.get(i);
                if (message.receiptHandle() == null && !hiddenGroups.contains(message.groupId())) {
                    Stored hidden = message.received(UUID.randomUUID().toString());
                    queue.set(i, hidden);
                    received.add(dlqMessage(hidden));
                    round++;
                }
            }
            if (round == 0) {
                break;
            }
        }
        return received;
    }

    @Override
    public synchronized Map<String, String> release(String queueUrl, List<DlqMessage> messages) {
        return forEachHeld(queueUrl, messages, false);
    }

    @Override
    public synchronized Map<String, String> delete(String queueUrl, List<DlqMessage> messages) {
        return forEachHeld(queueUrl, messages, true);
    }

    @Override
    public synchronized Sent send(String queueUrl, List<Resend> batch) {
        if (batch.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " messages per batch, got " + batch.size());
        }
        sentBatches.add(batch.stream().map(Resend::groupId).toList());
        Map<String, String> accepted = new HashMap<>();
        Map<String, String> failed = new HashMap<>();
        if (!queues.containsKey(queueUrl)) {
            batch.forEach(resend -> failed.put(resend.original().messageId(),
                    "SendMessageBatch: The specified queue does not exist."));
            return new Sent(accepted, failed);
        }
        Map<String, String> deduplication = sentDeduplicationIds.get(queueUrl);
        for (Resend resend : batch) {
            String dlqMessageId = resend.original().messageId();
            if (refuseSend.test(resend)) {
                failed.put(dlqMessageId, "InternalError: refused by the test");
                continue;
            }
            String earlier = deduplication.get(resend.deduplicationId());
            if (earlier != null) {
                accepted.put(dlqMessageId, earlier);
                continue;
            }
            String messageId = UUID.randomUUID().toString();
            queue(queueUrl).add(new Stored(messageId, resend.groupId(), resend.deduplicationId(), resend.body(),
                    resend.attributes(), Instant.now(), 0, null));
            deduplication.put(resend.deduplicationId(), messageId);
            accepted.put(dlqMessageId, messageId);
        }
        return new Sent(accepted, failed);
    }

    private Map<String, String> forEachHeld(String queueUrl, List<DlqMessage> messages, boolean delete) {
        List<Stored> queue = queue(queueUrl);
        Map<String, String> failures = new LinkedHashMap<>();
        for (DlqMessage message : messages) {
            int index = indexOf(queue, message.receiptHandle());
            if (delete && refusedDeletes.contains(message.messageId())) {
                failures.put(message.messageId(), "InternalError: refused by the test");
            } else if (index < 0) {
                failures.put(message.messageId(), "ReceiptHandleIsInvalid: the message is not held by this receipt handle");
            } else if (delete) {
                queue.remove(index);
            } else {
                queue.set(index, queue.get(index).visible());
            }
        }
        return failures;
    }

    private static int indexOf(List<Stored> queue, String receiptHandle) {
        for (int i = 0; i < queue.size(); i++) {
            if (receiptHandle != null && receiptHandle.equals(queue.get(i).receiptHandle())) {
                return i;
            }
        }
        return -1;
    }

    private List<Stored> queue(String queueUrl) {
        List<Stored> queue = queues.get(queueUrl);
        if (queue == null) {
            throw new IllegalStateException("The specified queue does not exist: " + queueUrl);
        }
        return queue;
    }

    /** The message as SQS would hand it out, read the way the SQS adapter reads it. */
    private static DlqMessage dlqMessage(Stored stored) {
        return DlqMessage.from(Message.builder().messageId(stored.messageId()).receiptHandle(stored.receiptHandle())
                .body(stored.body()).messageAttributes(stored.attributes())
                .attributes(Map.of(MessageSystemAttributeName.MESSAGE_GROUP_ID, stored.groupId(),
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, String.valueOf(stored.receiveCount()),
                        MessageSystemAttributeName.SENT_TIMESTAMP, String.valueOf(stored.sentAt().toEpochMilli())))
                .build());
    }
}
