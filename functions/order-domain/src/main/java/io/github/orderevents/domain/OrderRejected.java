package io.github.orderevents.domain;

import io.github.orderevents.domain.inventory.StockShortage;

import java.util.List;
import java.util.Objects;

/** Inventory could not reserve an order: why, in words for the customer, and each SKU that was short. */
public record OrderRejected(String customerId, String reason, List<StockShortage> shortages) implements EventPayload {

    public OrderRejected {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(reason, "reason");
        shortages = List.copyOf(shortages);
    }

    @Override
    public EventType eventType() {
        return EventType.OrderRejected;
    }
}
