package io.github.orderevents.domain.testing;

import io.github.orderevents.domain.DuplicateOrderException;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderStore;
import io.github.orderevents.domain.outbox.FailedAttempt;
import io.github.orderevents.domain.outbox.FailedOutboxRow;
import io.github.orderevents.domain.outbox.Outbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Orders and outbox in memory; passes {@code OrderStoreContract}; its outbox rows are an {@link InMemoryPendingOutbox}'s. */
public final class InMemoryOrderStore implements OrderStore, Outbox {
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final List<OrderEvent> outbox = new ArrayList<>();
    private final InMemoryPendingOutbox rows = new InMemoryPendingOutbox();

    @Override
    public synchronized void create(Order order, OrderEvent event) {
        if (orders.containsKey(order.orderId())) {
            throw new DuplicateOrderException(order.orderId());
        }
        orders.put(order.orderId(), order);
        outbox.add(event);
        rows.add(event);
    }

    @Override
    public synchronized Optional<Order> find(String orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    /** Replaces a stored order and adds the outbox row of {@code event}, together (as a transaction would). */
    public synchronized void update(Order order, OrderEvent event) {
        orders.put(order.orderId(), order);
        outbox.add(event);
        rows.add(event);
    }

    /** Replaces a stored order (tests use it to move an order along). */
    public synchronized void put(Order order) {
        orders.put(order.orderId(), order);
    }

    public synchronized List<Order> orders() {
        return List.copyOf(orders.values());
    }

    public synchronized List<OrderEvent> outboxRows() {
        return List.copyOf(outbox);
    }

    @Override
    public int markPublished(List<OrderEvent> events) {
        return rows.markPublished(events);
    }

    @Override
    public List<FailedOutboxRow> recordFailedAttempts(List<FailedAttempt> attempts, int maxAttempts) {
        return rows.recordFailedAttempts(attempts, maxAttempts);
    }

    @Override
    public boolean requeue(FailedOutboxRow row) {
        return rows.requeue(row);
    }

    public boolean isPublished(String eventId) {
        return rows.published().contains(eventId);
    }
}
