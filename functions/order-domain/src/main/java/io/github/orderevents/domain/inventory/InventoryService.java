package io.github.orderevents.domain.inventory;

import io.github.orderevents.domain.EventPayload;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.Ids;
import io.github.orderevents.domain.OrderConfirmed;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderItem;
import io.github.orderevents.domain.OrderPlaced;
import io.github.orderevents.domain.OrderRejected;
import io.github.orderevents.domain.consumer.ConsumeResult;
import io.github.orderevents.domain.consumer.EventConsumer;
import io.github.orderevents.domain.consumer.InvalidMessageException;
import io.github.orderevents.domain.consumer.SequenceGapException;

import java.time.Clock;
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
    public ConsumeResult consume(OrderEvent event) {
        return switch (event.payload()) {
            case OrderPlaced placed -> reserve(event, placed);
            case OrderConfirmed confirmed -> throw notHandled(event);
            case OrderRejected rejected -> throw notHandled(event);
        };
    }

    private ConsumeResult reserve(OrderEvent event, OrderPlaced placed) {
        Map<String, Integer> quantities = quantitiesBySku(placed);
        OrderEvent confirmed = next(event, new OrderConfirmed(placed.customerId(), placed.total(), placed.currency(),
                quantities.entrySet().stream().map(e -> new OrderConfirmed.Reserved(e.getKey(), e.getValue())).toList()));
        ReservationOutcome outcome = store.confirm(event, quantities, confirmed);
        if (outcome instanceof ReservationOutcome.Shortage shortage) {
            String reason = shortage.shortages().stream().map(StockShortage::describe)
                    .collect(Collectors.joining("; "));
            OrderEvent rejected = next(event, new OrderRejected(placed.customerId(), reason, shortage.shortages()));
            outcome = store.reject(event, reason, rejected);
        }
        return switch (outcome) {
            case ReservationOutcome.Applied applied -> ConsumeResult.APPLIED;
            case ReservationOutcome.AlreadyApplied already -> ConsumeResult.DUPLICATE;
            case ReservationOutcome.OutOfSequence gap ->
                    throw new SequenceGapException(event.aggregateId(), event.sequence(), gap.orderVersion());
            case ReservationOutcome.Shortage shortage ->
                    throw new IllegalStateException("reject() must not answer Shortage");
        };
    }

    private static InvalidMessageException notHandled(OrderEvent event) {
        return new InvalidMessageException("inventory reads OrderPlaced, not " + event.eventType());
    }

    /** Units per SKU, summed over lines that repeat a SKU (one transaction action per SKU), sorted. */
    static Map<String, Integer> quantitiesBySku(OrderPlaced placed) {
        if (placed.items().isEmpty()) {
            throw new InvalidMessageException("OrderPlaced payload has no items");
        }
        Map<String, Integer> quantities = new TreeMap<>();
        for (OrderItem item : placed.items()) {
            if (item.quantity() < 1) {
                throw new InvalidMessageException("OrderPlaced item " + item.sku() + " has quantity " + item.quantity());
            }
            quantities.merge(item.sku(), item.quantity(), Integer::sum);
        }
        return quantities;
    }

    /** The order's next event: in its lane, whichever queue brought {@code placed}. */
    private OrderEvent next(OrderEvent placed, EventPayload payload) {
        long sequence = placed.sequence() + 1;
        return new OrderEvent(ids.eventIdFor(placed.aggregateId(), sequence), placed.aggregateId(),
                placed.customerId(), sequence, clock.instant(), placed.correlationId(), placed.priority(), payload);
    }
}
