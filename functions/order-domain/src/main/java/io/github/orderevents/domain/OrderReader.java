package io.github.orderevents.domain;

import java.util.Optional;

/** Reads orders. */
public interface OrderReader {
    /** The order with this id, read strongly consistent, or empty. */
    Optional<Order> find(String orderId);
}
