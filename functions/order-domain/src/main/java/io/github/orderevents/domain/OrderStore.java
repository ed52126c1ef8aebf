package io.github.orderevents.domain;

/** Where orders live, together with their outbox. */
public interface OrderStore extends OrderReader {

    /**
     * Stores {@code order} and the outbox row of {@code event} atomically: both or neither.
     *
     * @throws DuplicateOrderException if an order with this id exists; nothing is written then
     */
    void create(Order order, OrderEvent event);
}
