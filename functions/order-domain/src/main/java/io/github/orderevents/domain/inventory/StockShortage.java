package io.github.orderevents.domain.inventory;

/** A SKU an order could not reserve: unknown ({@code available} null) or with too few units. */
public record StockShortage(String sku, int requested, Integer available) {

    public String describe() {
        return available == null
                ? sku + ": unknown SKU"
                : sku + ": " + available + " available, " + requested + " requested";
    }
}
