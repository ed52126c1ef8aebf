package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.OrderEvent;

import java.util.List;

/**
 * The outbox rows' publication state: PENDING (in the pending rows the sweeper reads), PUBLISHED, or
 * FAILED (its publish attempts ran out; out of the pending rows until an operator requeues it). Every
 * change is conditional on the row's event id: none creates a row that is gone, none touches another event
 * stored under the same (order, sequence).
 */
public interface Outbox {

    /**
     * Marks these rows PUBLISHED (and no longer pending, nor failed) where they still exist: every
     * destination has the event, so that is what the row says, whatever it said before. A row that is gone
     * is left gone; a row that cannot be marked keeps its state, which only means the sweeper publishes it
     * again (deduplicated downstream by event id). Never throws for that.
     *
     * @return how many rows were marked
     */
    int markPublished(List<OrderEvent> events);

    /**
     * Counts one failed publish attempt on the row of each of these events that is still PENDING: its
     * {@code attempts} go up by one and its {@code lastError} becomes the attempt's reason. A row whose
     * attempts reach {@code maxAttempts} becomes FAILED and leaves the pending rows. A PUBLISHED or FAILED row,
     * or one that is gone, is left as it is. Never throws: an attempt that cannot be recorded is reported by
     * the implementation and only means the row is tried again before it counts as FAILED.
     *
     * @param maxAttempts at least 1
     * @return the rows this call made FAILED
     */
    List<FailedOutboxRow> recordFailedAttempts(List<FailedAttempt> attempts, int maxAttempts);

    /**
     * Puts a FAILED row back: PENDING again with no attempts counted, in the pending rows, where the
     * sweeper finds it (its event is as old as it was, so the next sweep takes it).
     *
     * @return false when the row is not FAILED (any more): requeued already, published, or gone
     * @throws RuntimeException when the store cannot be reached (the row is then unchanged)
     */
    boolean requeue(FailedOutboxRow row);
}
