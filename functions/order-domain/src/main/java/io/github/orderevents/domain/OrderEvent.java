package io.github.orderevents.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An event of an order aggregate: an outbox row, and the envelope every queue message carries.
 * {@code sequence} counts the aggregate's events from 1 without gaps; {@code eventId} is the key for
 * deduplication and idempotency everywhere (never the SQS message id); {@code correlationId} may be null.
 * The envelope fields are what the outbox, the relay and the routing need; only consumers look into the
 * {@link EventPayload}, and its kind is the event's type. {@code priority} is the order's lane: every event
 * of an order carries its order's, so all of them travel the same queues.
 */
public record OrderEvent(String eventId, String aggregateId, String customerId, long sequence, Instant occurredAt,
                         String correlationId, Priority priority, EventPayload payload) {

    public OrderEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(payload, "payload");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1, was " + sequence);
        }
    }

    public EventType eventType() {
        return payload.eventType();
    }
}
