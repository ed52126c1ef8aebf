package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.OrderEvent;

import java.util.List;
import java.util.Optional;

/**
 * What a relay run achieved: the leading events that reached every destination, and the first one that
 * did not (with why). Every event from {@code firstUnpublished} on must be relayed again.
 */
public record RelayResult(List<OrderEvent> published, Optional<SendFailure> firstUnpublished) {
    public RelayResult {
        published = List.copyOf(published);
    }

    public boolean complete() {
        return firstUnpublished.isEmpty();
    }
}
