package io.github.orderevents.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/** An order was accepted: what was ordered, at which prices, and its total. */
public record OrderPlaced(String customerId, String currency, BigDecimal total, List<OrderItem> items)
        implements EventPayload {

    public OrderPlaced {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        total = Cents.of(total, "total");
        items = items.stream()
                .map(item -> new OrderItem(item.sku(), item.quantity(), Cents.of(item.unitPrice(), "unitPrice")))
                .toList();
    }

    /** The event announcing {@code request}, already validated. */
    public static OrderPlaced of(PlaceOrder request) {
        return new OrderPlaced(request.customerId(), request.currency(), request.total(), request.items());
    }

    @Override
    public EventType eventType() {
        return EventType.OrderPlaced;
    }
}
