package io.github.orderevents.domain;

import java.math.BigDecimal;
import java.util.Objects;

/** One line of an order: a SKU, how many, and the price of one. */
public record OrderItem(String sku, int quantity, BigDecimal unitPrice) {
    public OrderItem {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(unitPrice, "unitPrice");
    }

    public BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
