package io.github.orderevents.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An order as stored. {@code version} is the sequence number of the last event applied to it, so the
 * next event of this aggregate gets {@code version + 1}. {@code priority} is the lane all its events travel.
 */
public record Order(String orderId, String customerId, OrderStatus status, List<OrderItem> items, String currency,
                    BigDecimal total, long version, List<HistoryEntry> history, Instant createdAt, Instant updatedAt,
                    String rejectionReason, String correlationId, Priority priority) {
    public Order {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(priority, "priority");
        items = List.copyOf(items);
        history = List.copyOf(history);
    }

    /** A new order for {@code request}, with the OrderPlaced event as its first history entry. */
    static Order placed(String orderId, PlaceOrder request, OrderEvent placed) {
        return new Order(orderId, request.customerId(), OrderStatus.PENDING, request.items(), request.currency(),
                request.total().setScale(2, RoundingMode.UNNECESSARY), placed.sequence(),
                List.of(new HistoryEntry(placed.sequence(), placed.eventType(), placed.eventId(), placed.occurredAt(),
                        OrderStatus.PENDING)),
                placed.occurredAt(), placed.occurredAt(), null, placed.correlationId(), request.priority());
    }

    /** Whether this order is what {@code request} asks for (a retry of the same request). */
    public boolean sameRequestAs(PlaceOrder request) {
        return customerId.equals(request.customerId()) && currency.equals(request.currency())
                && priority == request.priority() && sameItems(request.items());
    }

    private boolean sameItems(List<OrderItem> other) {
        if (other.size() != items.size()) {
            return false;
        }
        for (int i = 0; i < items.size(); i++) {
            OrderItem a = items.get(i);
            OrderItem b = other.get(i);
            if (!a.sku().equals(b.sku()) || a.quantity() != b.quantity()
                    || a.unitPrice().compareTo(b.unitPrice()) != 0) {
                return false;
            }
        }
        return true;
    }
}
