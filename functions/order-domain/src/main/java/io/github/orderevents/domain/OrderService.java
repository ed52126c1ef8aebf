package io.github.orderevents.domain;

import java.time.Clock;
import java.time.Instant;

/** Places orders: one order and its OrderPlaced outbox row, written together. Never talks to a queue. */
public final class OrderService {
    private final OrderStore store;
    private final Ids ids;
    private final Clock clock;

    public OrderService(OrderStore store, Ids ids, Clock clock) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Validates and places {@code request}. With an idempotency key the order id derives from it, so a
     * repeat of the same request returns the order placed first.
     *
     * @throws InvalidRequestException      if the request breaks a rule; nothing is written
     * @throws IdempotencyConflictException if the key was used before for a different request
     */
    public Order place(PlaceOrder request, RequestContext context) {
        return place(new ValidPlaceOrder(request), context);
    }

    /** Places a request already validated, for a caller that validates before deciding whether to place. */
    public Order place(ValidPlaceOrder valid, RequestContext context) {
        PlaceOrder request = valid.request();
        String orderId = context.idempotencyKey()
                .map(key -> ids.orderIdFor(request.customerId(), key))
                .orElseGet(ids::newOrderId);
        Instant now = clock.instant();
        OrderEvent placed = new OrderEvent(ids.newEventId(), orderId, request.customerId(), 1, now,
                context.correlationId(), request.priority(), OrderPlaced.of(request));
        Order order = Order.placed(orderId, request, placed);
        try {
            store.create(order, placed);
            return order;
        } catch (DuplicateOrderException e) {
            // Only a derived id can collide: this is a retry whose idempotency record is gone.
            Order existing = store.find(orderId).orElseThrow(() -> e);
            if (!existing.sameRequestAs(request)) {
                throw new IdempotencyConflictException(
                        "the Idempotency-Key was already used for a different request");
            }
            return existing;
        }
    }
}
