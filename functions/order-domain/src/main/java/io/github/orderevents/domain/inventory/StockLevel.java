package io.github.orderevents.domain.inventory;

/** A SKU's stock: units free to reserve, and units reserved by confirmed orders. */
public record StockLevel(String sku, long available, long reserved) {
}
