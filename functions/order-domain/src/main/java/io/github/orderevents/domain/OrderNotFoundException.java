package io.github.orderevents.domain;

/** No order has the id asked for. */
public final class OrderNotFoundException extends RuntimeException {
    public OrderNotFoundException(String orderId) {
        super("order " + orderId + " not found");
    }
}
