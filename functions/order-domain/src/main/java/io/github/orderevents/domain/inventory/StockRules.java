package io.github.orderevents.domain.inventory;

import io.github.orderevents.domain.InvalidRequestException;
import io.github.orderevents.domain.OrderRules;

/** What a stock update must satisfy. */
public final class StockRules {
    public static final long MAX_AVAILABLE = 1_000_000_000L;

    private StockRules() {
    }

    public static void validate(String sku, long available) {
        if (sku == null || !OrderRules.SKU.matcher(sku).matches()) {
            throw new InvalidRequestException("sku", "sku must match [A-Z0-9-]{1,32}");
        }
        if (available < 0 || available > MAX_AVAILABLE) {
            throw new InvalidRequestException("available", "available must be a whole number from 0 to " + MAX_AVAILABLE);
        }
    }
}
