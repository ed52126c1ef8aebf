package io.github.orderevents.domain.testing;

import io.github.orderevents.domain.HistoryEntry;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderStatus;
import io.github.orderevents.domain.inventory.InventoryStore;
import io.github.orderevents.domain.inventory.ReservationOutcome;
import io.github.orderevents.domain.inventory.StockLevel;
import io.github.orderevents.domain.inventory.StockLevels;
import io.github.orderevents.domain.inventory.StockShortage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stock in memory, over the orders and outbox of an {@link InMemoryOrderStore}; each operation holds that
 * store's lock, so it is all-or-nothing like the DynamoDB transaction. Passes {@code InventoryStoreContract}
 * and {@code StockLevelsContract}.
 */
public final class InMemoryInventory implements InventoryStore, StockLevels {
    private final InMemoryOrderStore orders;
    private final Map<String, StockLevel> stock = new HashMap<>();

    public InMemoryInventory(InMemoryOrderStore orders) {
        this.orders = orders;
    }

    @Override
    public StockLevel setAvailable(String sku, long available) {
        synchronized (orders) {
            long reserved = level(sku).map(StockLevel::reserved).orElse(0L);
            StockLevel level = new StockLevel(sku, available, reserved);
            stock.put(sku, level);
            return level;
        }
    }

    /** The SKU's stock now, or empty if it was never set. */
    public Optional<StockLevel> level(String sku) {
        synchronized (orders) {
            return Optional.ofNullable(stock.get(sku));
        }
    }

    /** Every SKU's stock now. */
    public Map<String, StockLevel> levels() {
        synchronized (orders) {
            return Map.copyOf(stock);
        }
    }

    /** Moves units from available to reserved without an order (what an earlier confirmed order left). */
    public void reserve(String sku, long units) {
        synchronized (orders) {
            StockLevel level = stock.get(sku);
            stock.put(sku, new StockLevel(sku, level.available() - units, level.reserved() + units));
        }
    }

    @Override
    public ReservationOutcome confirm(OrderEvent placed, Map<String, Integer> quantities, OrderEvent confirmed) {
        synchronized (orders) {
            Order order = pendingOrder(placed);
            ReservationOutcome bySequence = bySequence(order, placed);
            if (bySequence != null) {
                return bySequence;
            }
            List<StockShortage> shortages = new ArrayList<>();
            quantities.forEach((sku, quantity) -> {
                StockLevel level = stock.get(sku);
                if (level == null || level.available() < quantity) {
                    shortages.add(new StockShortage(sku, quantity,
                            level == null ? null : (int) Math.min(Integer.MAX_VALUE, level.available())));
                }
            });
            if (!shortages.isEmpty()) {
                return new ReservationOutcome.Shortage(shortages);
            }
            quantities.forEach(this::reserve);
            orders.update(next(order, confirmed, OrderStatus.CONFIRMED, null), confirmed);
            return new ReservationOutcome.Applied();
        }
    }

    @Override
    public ReservationOutcome reject(OrderEvent placed, String reason, OrderEvent rejected) {
        synchronized (orders) {
            Order order = pendingOrder(placed);
            ReservationOutcome bySequence = bySequence(order, placed);
            if (bySequence != null) {
                return bySequence;
            }
            orders.update(next(order, rejected, OrderStatus.REJECTED, reason), rejected);
            return new ReservationOutcome.Applied();
        }
    }

    private Order pendingOrder(OrderEvent placed) {
        return orders.find(placed.aggregateId())
                .orElseThrow(() -> new IllegalStateException("order " + placed.aggregateId() + " does not exist"));
    }

    /** The order's version is the sequence of its last event: AlreadyApplied past it, OutOfSequence before. */
    private static ReservationOutcome bySequence(Order order, OrderEvent placed) {
        if (order.version() == placed.sequence() && order.status() == OrderStatus.PENDING) {
            return null;
        }
        return order.version() < placed.sequence()
                ? new ReservationOutcome.OutOfSequence(order.version())
                : new ReservationOutcome.AlreadyApplied(order.version());
    }

    private static Order next(Order order, OrderEvent event, OrderStatus status, String reason) {
        List<HistoryEntry> history = new ArrayList<>(order.history());
        history.add(new HistoryEntry(event.sequence(), event.eventType(), event.eventId(), event.occurredAt(), status));
        return new Order(order.orderId(), order.customerId(), status, order.items(), order.currency(), order.total(),
                event.sequence(), history, order.createdAt(), event.occurredAt(), reason, order.correlationId(), order.priority());
    }
}
