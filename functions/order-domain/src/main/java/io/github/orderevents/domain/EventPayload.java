package io.github.orderevents.domain;

/**
 * What an event says, by kind. A consumer that branches on the kind switches over this type, so the
 * compiler names every consumer that a new kind of event would reach unhandled.
 */
public sealed interface EventPayload permits OrderPlaced, OrderConfirmed, OrderRejected {

    /** The wire name of this kind of event. */
    EventType eventType();

    String customerId();
}
