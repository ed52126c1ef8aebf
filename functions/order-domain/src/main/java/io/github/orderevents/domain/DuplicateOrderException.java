package io.github.orderevents.domain;

/** Thrown by {@link OrderStore#create} when an order with that id exists already. */
public final class DuplicateOrderException extends RuntimeException {
    public DuplicateOrderException(String orderId) {
        super("order " + orderId + " exists already");
    }
}
