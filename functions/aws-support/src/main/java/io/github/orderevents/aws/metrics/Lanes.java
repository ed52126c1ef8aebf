package io.github.orderevents.aws.metrics;

import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.Priority;

/**
 * Which lane an order travels, as metrics name it (dimension {@code Lane}, and {@code Priority} of
 * OrdersPlaced): its priority's wire name, {@value #STANDARD} or {@code express}. The one place that decides
 * it; every metric takes its lane from here.
 */
public final class Lanes {
    /** The lane of every order without a priority, and of a message whose event cannot be read. */
    public static final String STANDARD = Priority.STANDARD.wireName();

    private Lanes() {
    }

    /** The lane of the order {@code event} belongs to. */
    public static String of(OrderEvent event) {
        return event.priority().wireName();
    }

    /** The lane of {@code order}. */
    public static String of(Order order) {
        return order.priority().wireName();
    }
}
