package io.github.orderevents.domain.inventory;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.Ids;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderItem;
import io.github.orderevents.domain.OrderService;
import io.github.orderevents.domain.consumer.ConsumeResult;
import io.github.orderevents.domain.consumer.EventConsumer;
import io.github.orderevents.domain.consumer.InvalidMessageException;
import io.github.orderevents.domain.consumer.SequenceGapException;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Inventory's answer to OrderPlaced: reserve every item and confirm the order, or, if any SKU is
 * unknown or short, reject it and touch no stock. Either way the order's new status and the event
 * announcing it are written in the same transaction.
 */
public final class InventoryService implements EventConsumer {
    private final InventoryStore store;
    private final Ids ids;
    private final Clock clock;

    public InventoryService(InventoryStore store, Ids ids, Clock clock) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Set<EventType> handledTypes() {
        return Set.of(EventType.OrderPlaced);
    }

    @Override
    public ConsumeResult consume(OrderEvent placed) {
        Map<String, Integer> quantities = quantitiesBySku(placed);
        OrderEvent confirmed = next(placed, EventType.OrderConfirmed, confirmedPayload(placed, quantities));
        ReservationOutcome outcome = store.confirm(placed, quantities, confirmed);
        if (outcome instanceof ReservationOutcome.Shortage shortage) {
            String reason = shortage.shortages().stream().map(StockShortage::describe)
                    .collect(Collectors.joining("; "));
            OrderEvent rejected = next(placed, EventType.OrderRejected, rejectedPayload(placed, reason, shortage));
            outcome = store.reject(placed, reason, rejected);
        }
        return switch (outcome) {
            case ReservationOutcome.Applied applied -> ConsumeResult.APPLIED;
            case ReservationOutcome.AlreadyApplied already -> ConsumeResult.DUPLICATE;
            case ReservationOutcome.OutOfSequence gap ->
                    throw new SequenceGapException(placed.aggregateId(), placed.sequence(), gap.orderVersion());
            case ReservationOutcome.Shortage shortage ->
                    throw new IllegalStateException("reject() must not answer Shortage");
        };
    }

    /** Units per SKU, summed over lines that repeat a SKU (one transaction action per SKU), sorted. */
    static Map<String, Integer> quantitiesBySku(OrderEvent placed) {
        List<OrderItem> items;
        try {
            items = OrderService.itemsOf(placed);
        } catch (RuntimeException e) {
            throw new InvalidMessageException("OrderPlaced payload has no readable items: " + e.getMessage());
        }
        if (items.isEmpty()) {
            throw new InvalidMessageException("OrderPlaced payload has no items");
        }
        Map<String, Integer> quantities = new TreeMap<>();
        for (OrderItem item : items) {
            if (item.quantity() < 1) {
                throw new InvalidMessageException("OrderPlaced item " + item.sku() + " has quantity " + item.quantity());
            }
            quantities.merge(item.sku(), item.quantity(), Integer::sum);
        }
        return quantities;
    }

    private OrderEvent next(OrderEvent placed, EventType type, Map<String, Object> payload) {
        long sequence = placed.sequence() + 1;
        return new OrderEvent(ids.eventIdFor(placed.aggregateId(), sequence), type, placed.aggregateId(),
                placed.customerId(), sequence, clock.instant(), placed.correlationId(), OrderEvent.SCHEMA_VERSION,
                payload);
    }

    private static Map<String, Object> confirmedPayload(OrderEvent placed, Map<String, Integer> quantities) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("customerId", placed.customerId());
        copy(placed, payload, "total");
        copy(placed, payload, "currency");
        payload.put("reserved", quantities.entrySet().stream()
                .map(e -> Map.<String, Object>of("sku", e.getKey(), "quantity", e.getValue())).toList());
        return payload;
    }

    private static Map<String, Object> rejectedPayload(OrderEvent placed, String reason,
                                                       ReservationOutcome.Shortage shortage) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("customerId", placed.customerId());
        payload.put("reason", reason);
        payload.put("shortages", shortage.shortages().stream().map(s -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sku", s.sku());
            line.put("requested", s.requested());
            line.put("available", s.available());
            return line;
        }).toList());
        return payload;
    }

    private static void copy(OrderEvent from, Map<String, Object> to, String field) {
        Object value = from.payload().get(field);
        if (value != null) {
            to.put(field, value);
        }
    }
}
