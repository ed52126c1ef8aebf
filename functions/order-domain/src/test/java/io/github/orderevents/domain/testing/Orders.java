package io.github.orderevents.domain.testing;

import io.github.orderevents.domain.EventPayload;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderConfirmed;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderItem;
import io.github.orderevents.domain.OrderPlaced;
import io.github.orderevents.domain.OrderRejected;
import io.github.orderevents.domain.PlaceOrder;
import io.github.orderevents.domain.Priority;
import io.github.orderevents.domain.inventory.StockShortage;
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
     * The routing table of template.yaml with these destinations for both lanes: OrderPlaced to inventory (by
     * order) and notifications (by customer); OrderConfirmed and OrderRejected to notifications.
     */
    public static RoutingTable routes(String inventory, String notifications) {
        return routes(inventory, notifications, inventory, notifications);
    }

    /** The routing table of template.yaml: the standard lane to the first two destinations, the express lane to the others. */
    public static RoutingTable routes(String inventory, String notifications, String expressInventory,
                                      String expressNotifications) {
        return new RoutingTable(Map.of(Priority.STANDARD, lane(inventory, notifications),
                Priority.EXPRESS, lane(expressInventory, expressNotifications)));
    }

    /** One lane of template.yaml's routing: OrderPlaced to both destinations, the rest to notifications. */
    public static Map<EventType, List<Route>> lane(String inventory, String notifications) {
        return Map.of(
                EventType.OrderPlaced, List.of(new Route(inventory, GroupKey.orderId), new Route(notifications, GroupKey.customerId)),
                EventType.OrderConfirmed, List.of(new Route(notifications, GroupKey.customerId)),
                EventType.OrderRejected, List.of(new Route(notifications, GroupKey.customerId)));
    }

    public static PlaceOrder validRequest(String customerId) {
        return new PlaceOrder(customerId, List.of(new OrderItem("SKU-1", 2, new BigDecimal("19.99")),
                new OrderItem("SKU-2", 1, new BigDecimal("5.00"))), "EUR", Priority.STANDARD);
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
        return new OrderEvent(eventId, orderId, customerId, sequence, occurredAt, "corr-" + orderId,
                Priority.STANDARD, payload(type, customerId));
    }

    /** An event of {@code orderId} saying {@code payload}; event id evt-orderId-seq, at T0 + sequence seconds. */
    public static OrderEvent event(String orderId, long sequence, EventPayload payload) {
        return new OrderEvent("evt-" + orderId + "-" + sequence, orderId, payload.customerId(), sequence,
                T0.plusSeconds(sequence), "corr-" + orderId, Priority.STANDARD, payload);
    }

    /** {@code event} with another sequence number and time, everything else kept. */
    public static OrderEvent at(OrderEvent event, long sequence, Instant occurredAt) {
        return new OrderEvent(event.eventId(), event.aggregateId(), event.customerId(), sequence, occurredAt,
                event.correlationId(), event.priority(), event.payload());
    }

    /** {@code event} in the express lane, everything else kept. */
    public static OrderEvent express(OrderEvent event) {
        return new OrderEvent(event.eventId(), event.aggregateId(), event.customerId(), event.sequence(),
                event.occurredAt(), event.correlationId(), Priority.EXPRESS, event.payload());
    }

    /** {@link #validRequest} in the express lane. */
    public static PlaceOrder expressRequest(String customerId) {
        PlaceOrder standard = validRequest(customerId);
        return new PlaceOrder(standard.customerId(), standard.items(), standard.currency(), Priority.EXPRESS);
    }

    /**
     * A payload of {@code type}: an order of 2 x SKU-1 for EUR 44.98; its confirmation reserving them; its
     * rejection for lack of SKU-1.
     */
    public static EventPayload payload(EventType type, String customerId) {
        return switch (type) {
            case OrderPlaced -> placed(customerId, new OrderItem("SKU-1", 2, new BigDecimal("19.99")));
            case OrderConfirmed -> new OrderConfirmed(customerId, new BigDecimal("44.98"), "EUR",
                    List.of(new OrderConfirmed.Reserved("SKU-1", 2)));
            case OrderRejected -> new OrderRejected(customerId, "SKU-1: 0 available, 2 requested",
                    List.of(new StockShortage("SKU-1", 2, 0)));
        };
    }

    /** An OrderPlaced payload in EUR for {@code items}, with the total 44.98 whatever the items cost. */
    public static OrderPlaced placed(String customerId, OrderItem... items) {
        return new OrderPlaced(customerId, "EUR", new BigDecimal("44.98"), List.of(items));
    }
}
