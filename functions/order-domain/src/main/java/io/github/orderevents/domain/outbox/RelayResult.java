package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.OrderEvent;

import java.util.List;
import java.util.Optional;

/**
 * What a relay run achieved: the leading events that reached every destination, the first one that
 * did not (with why), and the rows whose last publish attempt this was (now FAILED). Every event from
 * {@code firstUnpublished} on must be relayed again.
 */
public record RelayResult(List<OrderEvent> published, Optional<SendFailure> firstUnpublished,
                          List<FailedOutboxRow> nowFailed) {
    public RelayResult {
        published = List.copyOf(published);
        nowFailed = List.copyOf(nowFailed);
    }

    /** Nothing to relay: nothing published, nothing failed. */
    public static RelayResult nothing() {
        return new RelayResult(List.of(), Optional.empty(), List.of());
    }

    public boolean complete() {
        return firstUnpublished.isEmpty();
    }
}
