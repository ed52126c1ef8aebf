package io.github.orderevents.domain;

import io.github.orderevents.domain.testing.InMemoryOrderStore;

class InMemoryOrderStoreTest extends OrderStoreContract {
    private final InMemoryOrderStore store = new InMemoryOrderStore();

    @Override
    protected OrderStore store() {
        return store;
    }
}
