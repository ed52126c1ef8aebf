package io.github.orderevents.domain.inventory;

import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderStore;
import io.github.orderevents.domain.testing.InMemoryInventory;
import io.github.orderevents.domain.testing.InMemoryOrderStore;

import java.util.List;
import java.util.Optional;

class InMemoryInventoryStoreTest extends InventoryStoreContract {
    private final InMemoryOrderStore orders = new InMemoryOrderStore();
    private final InMemoryInventory inventory = new InMemoryInventory(orders);

    @Override
    protected InventoryStore inventory() {
        return inventory;
    }

    @Override
    protected OrderStore orders() {
        return orders;
    }

    @Override
    protected StockLevels stockLevels() {
        return inventory;
    }

    @Override
    protected Optional<StockLevel> stockOf(String sku) {
        return inventory.level(sku);
    }

    @Override
    protected List<String> outboxEventIds() {
        return orders.outboxRows().stream().map(OrderEvent::eventId).toList();
    }

    @Override
    protected Object storedState() {
        return List.of(inventory.levels(), orders.orders(), orders.outboxRows());
    }
}
