package io.github.orderevents.domain.notification;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;

import java.time.Instant;

/** A message to a customer about one event of one of their orders. */
public record Notification(String customerId, String eventId, EventType eventType, String orderId, long sequence,
                           Instant occurredAt, String message, String correlationId) {

    /** The notification an event asks for, with a text for the customer. */
    public static Notification about(OrderEvent event) {
        return new Notification(event.customerId(), event.eventId(), event.eventType(), event.aggregateId(),
                event.sequence(), event.occurredAt(), text(event), event.correlationId());
    }

    private static String text(OrderEvent event) {
        Object total = event.payload().get("total");
        Object currency = event.payload().get("currency");
        String amount = total == null ? "" : " (" + total + (currency == null ? "" : " " + currency) + ")";
        return switch (event.eventType()) {
            case OrderPlaced -> "We received your order " + event.aggregateId() + amount + ".";
            case OrderConfirmed -> "Your order " + event.aggregateId() + " is confirmed" + amount + ".";
            case OrderRejected -> "We could not accept your order " + event.aggregateId() + ": "
                    + event.payload().getOrDefault("reason", "no reason given") + ".";
        };
    }
}
