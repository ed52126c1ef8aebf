package io.github.orderevents.domain.inventory;

import io.github.orderevents.domain.OrderEvent;

import java.util.Map;

/**
 * Stock, orders and outbox, changed together when inventory handles an order.
 *
 * <p>Each call is its own duplicate check, which the inventory consumer relies on instead of an
 * idempotency record: the order's version is the sequence of its last event, and an event id always
 * names one (order, sequence). So a repeat of a call that was applied answers
 * {@link ReservationOutcome.AlreadyApplied} and writes nothing, never applies twice; two identical
 * calls at the same moment apply once, and the one that loses answers AlreadyApplied too.
 */
public interface InventoryStore {

    /**
     * In one transaction: takes {@code quantities} (SKU -> units) from available stock into reserved,
     * sets the order CONFIRMED at version {@code confirmed.sequence()} with {@code confirmed} appended to
     * its history, and writes {@code confirmed} to the outbox. Only if every SKU has enough available
     * stock and the order is PENDING at version {@code placed.sequence()}.
     *
     * @return Applied; AlreadyApplied or OutOfSequence by the order's version, whatever the stock (the order
     * is checked first); Shortage naming every unknown or short SKU (then nothing is written)
     */
    ReservationOutcome confirm(OrderEvent placed, Map<String, Integer> quantities, OrderEvent confirmed);

    /**
     * In one transaction, touching no stock: sets the order REJECTED with {@code reason} at version
     * {@code rejected.sequence()}, appends {@code rejected} to its history and writes it to the outbox;
     * only if the order is PENDING at version {@code placed.sequence()}.
     *
     * @return Applied, AlreadyApplied or OutOfSequence (never Shortage)
     */
    ReservationOutcome reject(OrderEvent placed, String reason, OrderEvent rejected);
}
