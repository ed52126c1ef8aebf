package io.github.orderevents.domain.notification;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderConfirmed;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderPlaced;
import io.github.orderevents.domain.OrderRejected;

import java.math.BigDecimal;
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
        String order = event.aggregateId();
        return switch (event.payload()) {
            case OrderPlaced placed -> "We received your order " + order + amount(placed.total(), placed.currency()) + ".";
            case OrderConfirmed confirmed ->
                    "Your order " + order + " is confirmed" + amount(confirmed.total(), confirmed.currency()) + ".";
            case OrderRejected rejected -> "We could not accept your order " + order + ": " + rejected.reason() + ".";
        };
    }

    private static String amount(BigDecimal total, String currency) {
        return " (" + total.toPlainString() + " " + currency + ")";
    }
}
