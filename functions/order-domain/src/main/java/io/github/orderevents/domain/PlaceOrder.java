package io.github.orderevents.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The request to place an order, already parsed; {@link OrderRules#validate} says whether it may be placed.
 * {@code priority} is the order's lane (a request that names none is {@link Priority#STANDARD}).
 */
public record PlaceOrder(String customerId, List<OrderItem> items, String currency, Priority priority) {
    public PlaceOrder {
        items = List.copyOf(items);
        Objects.requireNonNull(priority, "priority");
    }

    public BigDecimal total() {
        return items.stream().map(OrderItem::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
