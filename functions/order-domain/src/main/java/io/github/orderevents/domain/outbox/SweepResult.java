package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.OrderEvent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one sweep did: the rows it found PENDING from before {@code cutoff}, the events it published
 * again (and marked), the first one that did not reach every destination (the next sweep retries
 * it and everything after it), the events it held back because an earlier row of their order is FAILED,
 * and the rows whose last publish attempt this sweep was (now FAILED).
 */
public record SweepResult(Instant cutoff, int found, List<OrderEvent> published, Optional<SendFailure> firstFailure,
                          List<OrderEvent> heldBack, List<FailedOutboxRow> nowFailed) {
    public SweepResult {
        published = List.copyOf(published);
        heldBack = List.copyOf(heldBack);
        nowFailed = List.copyOf(nowFailed);
    }

    public boolean complete() {
        return firstFailure.isEmpty();
    }
}
