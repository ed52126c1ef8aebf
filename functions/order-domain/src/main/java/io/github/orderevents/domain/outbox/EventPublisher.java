package io.github.orderevents.domain.outbox;

import java.util.List;

/** Sends events to a FIFO destination: message group as given, deduplication id = event id. */
public interface EventPublisher {
    int MAX_BATCH = 10;

    /**
     * Sends {@code batch} (at most {@link #MAX_BATCH} messages, in order, at most one per group) to
     * {@code destination}. Never throws for a failed send: every entry that was not accepted comes back
     * as a {@link SendFailure}, and an empty list means every entry was accepted.
     */
    List<SendFailure> publish(String destination, List<OutboundMessage> batch);
}
