package io.github.orderevents.aws.metrics;

import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderEvent;

/**
 * Which lane an order travels, as metrics name it (dimension {@code Lane}, and {@code Priority} of
 * OrdersPlaced): {@value #STANDARD} or, once orders carry a priority, {@code express}. The one place that
 * decides it; every metric takes its lane from here.
 */
public final class Lanes {
    /** The lane of every order without a priority, and of a message whose event cannot be read. */
    public static final String STANDARD = "standard";

    private Lanes() {
    }

    /** The lane of the order {@code event} belongs to. */
    public static String of(OrderEvent event) {
        return STANDARD;
    }

    /** The lane of {@code order}. */
    public static String of(Order order) {
        return STANDARD;
    }
}
