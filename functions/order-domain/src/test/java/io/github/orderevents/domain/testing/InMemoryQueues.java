package io.github.orderevents.domain.testing;

import io.github.orderevents.domain.outbox.EventPublisher;
import io.github.orderevents.domain.outbox.OutboundMessage;
import io.github.orderevents.domain.outbox.SendFailure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * FIFO queues in memory, as SQS keeps them: a destination exists only once created, a repeated event id is
 * accepted and dropped (deduplication), and a message group id SQS would refuse fails that entry alone.
 * Passes {@code EventPublisherContract}.
 */
public final class InMemoryQueues implements EventPublisher {
    /** What SQS accepts as a MessageGroupId: 1 to 128 printable ASCII characters. */
    private static final Pattern GROUP_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private final Map<String, List<OutboundMessage>> queues = new HashMap<>();
    private final Map<String, Set<String>> eventIds = new HashMap<>();

    /** Creates an empty queue; returns its destination name. */
    public synchronized String createQueue(String name) {
        queues.put(name, new ArrayList<>());
        eventIds.put(name, new HashSet<>());
        return name;
    }

    @Override
    public synchronized List<SendFailure> publish(String destination, List<OutboundMessage> batch) {
        if (batch.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " messages per batch, got " + batch.size());
        }
        List<SendFailure> failures = new ArrayList<>();
        for (OutboundMessage message : batch) {
            String eventId = message.event().eventId();
            if (!queues.containsKey(destination)) {
                failures.add(new SendFailure(eventId, "no such destination: " + destination));
            } else if (!GROUP_ID.matcher(message.groupId()).matches()) {
                failures.add(new SendFailure(eventId, "invalid message group id"));
            } else if (eventIds.get(destination).add(eventId)) {
                queues.get(destination).add(message);
            }
        }
        return failures;
    }

    /** Everything the queue holds, in the order accepted. */
    public synchronized List<OutboundMessage> received(String destination) {
        return List.copyOf(queues.get(destination));
    }
}
