package io.github.orderevents.domain.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * An outbox row that the relay gave up on after its publish attempts ran out: status FAILED, out of the
 * pending rows, so neither the sweeper nor anything later of its order is published until an operator
 * puts it back ({@link Outbox#requeue}). {@code eventType} is the row's text, whether or not it is a type
 * this code knows: a row is listed even when it cannot be read as an event.
 */
public record FailedOutboxRow(String aggregateId, long sequence, String eventId, String eventType,
                              int attempts, String lastError, Instant failedAt) {
    public FailedOutboxRow {
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(eventId, "eventId");
    }
}
