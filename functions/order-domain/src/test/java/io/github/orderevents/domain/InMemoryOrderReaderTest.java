package io.github.orderevents.domain;

import io.github.orderevents.domain.testing.InMemoryOrderStore;

class InMemoryOrderReaderTest extends OrderReaderContract {
    private final InMemoryOrderStore store = new InMemoryOrderStore();

    @Override
    protected OrderReader reader() {
        return store;
    }

    @Override
    protected OrderStore writer() {
        return store;
    }
}
