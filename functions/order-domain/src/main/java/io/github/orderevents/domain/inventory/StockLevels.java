package io.github.orderevents.domain.inventory;

/** Sets stock levels (the PUT /inventory/{sku} operation). */
public interface StockLevels {
    /** Sets the units available for {@code sku}, creating the SKU if new; reserved units are kept. */
    StockLevel setAvailable(String sku, long available);
}
