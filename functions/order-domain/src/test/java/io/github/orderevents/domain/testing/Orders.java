package io.github.orderevents.domain.testing;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderItem;
import io.github.orderevents.domain.PlaceOrder;
import io.github.orderevents.domain.outbox.GroupKey;
import io.github.orderevents.domain.outbox.Route;
import io.github.orderevents.domain.outbox.RoutingTable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Test data builders. */
public final class Orders {
    public static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private Orders() {
    }

    /**
     * The routing table of template.yaml with these destinations: OrderPlaced to inventory (by order)
     * and notifications (by customer); OrderConfirmed and OrderRejected to notifications.
     */
    public static RoutingTable routes(String inventory, String notifications) {
        return new RoutingTable(Map.of(
                EventType.OrderPlaced, List.of(new Route(inventory, GroupKey.orderId), new Route(notifications, GroupKey.customerId)),
                EventType.OrderConfirmed, List.of(new Route(notifications, GroupKey.customerId)),
                EventType.OrderRejected, List.of(new Route(notifications, GroupKey.customerId))));
    }

    public static PlaceOrder validRequest(String customerId) {
        return new PlaceOrder(customerId, List.of(new OrderItem("SKU-1", 2, new BigDecimal("19.99")),
                new OrderItem("SKU-2", 1, new BigDecimal("5.00"))), "EUR");
    }

    /** An event of {@code orderId} for {@code customerId} with the given sequence; event id evt-orderId-seq. */
    public static OrderEvent event(EventType type, String orderId, String customerId, long sequence) {
        return eventAt(type, orderId, customerId, sequence, T0.plusSeconds(sequence));
    }

    /** As {@link #event}, but it occurred at {@code occurredAt}. */
    public static OrderEvent eventAt(EventType type, String orderId, String customerId, long sequence,
                                     Instant occurredAt) {
        return eventWithId("evt-" + orderId + "-" + sequence, type, orderId, customerId, sequence, occurredAt);
    }

    /** As {@link #eventAt}, with an event id of its own (another event at the same order and sequence). */
    public static OrderEvent eventWithId(String eventId, EventType type, String orderId, String customerId,
                                         long sequence, Instant occurredAt) {
        return new OrderEvent(eventId, type, orderId, customerId, sequence,
                occurredAt, "corr-" + orderId, OrderEvent.SCHEMA_VERSION,
                Map.of("customerId", customerId, "currency", "EUR", "total", "44.98",
                        "items", List.of(Map.of("sku", "SKU-1", "quantity", 2, "unitPrice", "19.99"))));
    }
}
