package io.github.orderevents.domain;

/** Where an order is in its life: placed, then confirmed or rejected by inventory. */
public enum OrderStatus {
    PENDING, CONFIRMED, REJECTED;

    /** CONFIRMED and REJECTED are final: nothing moves an order out of them. */
    public boolean isTerminal() {
        return this != PENDING;
    }
}
