package io.github.orderevents.domain;

import java.util.Arrays;
import java.util.Optional;

/** The events an order emits, in the outbox and on the queues. Names are the wire names. */
public enum EventType {
    OrderPlaced, OrderConfirmed, OrderRejected;

    /** The type named {@code name}, or empty for a name this version does not know. */
    public static Optional<EventType> parse(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }
}
