package io.github.orderevents.domain.inventory;

import io.github.orderevents.domain.testing.InMemoryInventory;
import io.github.orderevents.domain.testing.InMemoryOrderStore;

class InMemoryStockLevelsTest extends StockLevelsContract {
    private final InMemoryInventory inventory = new InMemoryInventory(new InMemoryOrderStore());

    @Override
    protected StockLevels stockLevels() {
        return inventory;
    }

    @Override
    protected void reserve(String sku, long units) {
        inventory.reserve(sku, units);
    }
}
