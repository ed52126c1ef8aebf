package io.github.orderevents.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/** Inventory reserved every item of an order: the units taken per SKU, and the order's total. */
public record OrderConfirmed(String customerId, BigDecimal total, String currency, List<Reserved> reserved)
        implements EventPayload {

    /** Units of one SKU taken from available stock into reserved. */
    public record Reserved(String sku, int quantity) {
        public Reserved {
            Objects.requireNonNull(sku, "sku");
        }
    }

    public OrderConfirmed {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        total = Cents.of(total, "total");
        reserved = List.copyOf(reserved);
    }

    @Override
    public EventType eventType() {
        return EventType.OrderConfirmed;
    }
}
