package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.OrderEvent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one sweep did: the rows it found PENDING from before {@code cutoff}, the events it published
 * again (and marked), and the first one that did not reach every destination (the next sweep retries
 * it and everything after it).
 */
public record SweepResult(Instant cutoff, int found, List<OrderEvent> published, Optional<SendFailure> firstFailure) {
    public SweepResult {
        published = List.copyOf(published);
    }

    public boolean complete() {
        return firstFailure.isEmpty();
    }
}
