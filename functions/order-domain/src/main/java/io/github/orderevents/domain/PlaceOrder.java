package io.github.orderevents.domain;

import java.math.BigDecimal;
import java.util.List;

/** The request to place an order, already parsed; {@link OrderRules#validate} says whether it may be placed. */
public record PlaceOrder(String customerId, List<OrderItem> items, String currency) {
    public PlaceOrder {
        items = List.copyOf(items);
    }

    public BigDecimal total() {
        return items.stream().map(OrderItem::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
