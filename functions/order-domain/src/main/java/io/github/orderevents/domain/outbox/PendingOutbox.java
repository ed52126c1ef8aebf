package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.OrderEvent;

import java.time.Instant;
import java.util.List;

/** The outbox rows not yet published, oldest first: what the sweeper looks for, and the ones it gave up on. */
public interface PendingOutbox {

    /**
     * The events of rows still PENDING whose {@code occurredAt} is before {@code cutoff}, oldest first,
     * at most {@code limit} of them (the oldest ones when there are more). FAILED rows are not among them.
     * <p>
     * The answer may be slightly stale: a row marked PUBLISHED a moment ago can still be in it, which
     * only means it is published twice (SQS deduplicates by event id, consumers are idempotent). A row
     * that cannot be read as an event is left out (and reported by the implementation), never thrown for,
     * so that one bad row does not stop every other row from being swept.
     *
     * @param limit at least 1
     */
    List<OrderEvent> pendingSince(Instant cutoff, int limit);

    /**
     * The FAILED rows, oldest event first, at most {@code limit} of them. Like {@link #pendingSince} the
     * answer may be slightly stale (a row requeued a moment ago may still be listed).
     *
     * @param limit at least 1
     */
    List<FailedOutboxRow> failed(int limit);
}
