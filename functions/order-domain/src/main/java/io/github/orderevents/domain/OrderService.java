package io.github.orderevents.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Places orders: one order and its OrderPlaced outbox row, written together. Never talks to a queue. */
public final class OrderService {
    private final OrderStore store;
    private final Ids ids;
    private final Clock clock;

    public OrderService(OrderStore store, Ids ids, Clock clock) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Validates and places {@code request}. With an idempotency key the order id derives from it, so a
     * repeat of the same request returns the order placed first.
     *
     * @throws InvalidRequestException      if the request breaks a rule; nothing is written
     * @throws IdempotencyConflictException if the key was used before for a different request
     */
    public Order place(PlaceOrder request, RequestContext context) {
        return place(new ValidPlaceOrder(request), context);
    }

    /** Places a request already validated, for a caller that validates before deciding whether to place. */
    public Order place(ValidPlaceOrder valid, RequestContext context) {
        PlaceOrder request = valid.request();
        String orderId = context.idempotencyKey()
                .map(key -> ids.orderIdFor(request.customerId(), key))
                .orElseGet(ids::newOrderId);
        Instant now = clock.instant();
        OrderEvent placed = new OrderEvent(ids.newEventId(), EventType.OrderPlaced, orderId, request.customerId(), 1,
                now, context.correlationId(), OrderEvent.SCHEMA_VERSION, placedPayload(request));
        Order order = Order.placed(orderId, request, placed);
        try {
            store.create(order, placed);
            return order;
        } catch (DuplicateOrderException e) {
            // Only a derived id can collide: this is a retry whose idempotency record is gone.
            Order existing = store.find(orderId).orElseThrow(() -> e);
            if (!existing.sameRequestAs(request)) {
                throw new IdempotencyConflictException(
                        "the Idempotency-Key was already used for a different request");
            }
            return existing;
        }
    }

    private static Map<String, Object> placedPayload(PlaceOrder request) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("customerId", request.customerId());
        payload.put("currency", request.currency());
        payload.put("total", money(request.total()));
        payload.put("items", request.items().stream().map(OrderService::itemPayload).toList());
        return payload;
    }

    private static Map<String, Object> itemPayload(OrderItem item) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("sku", item.sku());
        line.put("quantity", item.quantity());
        line.put("unitPrice", money(item.unitPrice()));
        return line;
    }

    /** Money travels as a decimal string: no binary floating point anywhere on the wire. */
    static String money(BigDecimal amount) {
        return amount.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    /**
     * The items of an OrderPlaced payload, read strictly.
     *
     * @throws IllegalArgumentException naming the first line that is not {sku: string, quantity: whole
     *                                  number, unitPrice: decimal}
     */
    public static List<OrderItem> itemsOf(OrderEvent placed) {
        Object raw = placed.payload().get("items");
        if (!(raw instanceof List<?> lines)) {
            throw new IllegalArgumentException("OrderPlaced payload has no items list");
        }
        List<OrderItem> items = new java.util.ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            if (!(lines.get(i) instanceof Map<?, ?> line)) {
                throw new IllegalArgumentException("items[" + i + "] is not an object");
            }
            if (!(line.get("sku") instanceof String sku)) {
                throw new IllegalArgumentException("items[" + i + "].sku is not a string");
            }
            int quantity;
            try {
                quantity = decimal(line.get("quantity")).intValueExact();
            } catch (ArithmeticException | NumberFormatException | NullPointerException e) {
                throw new IllegalArgumentException("items[" + i + "].quantity is not a whole number in range");
            }
            BigDecimal unitPrice;
            try {
                unitPrice = decimal(line.get("unitPrice"));
            } catch (NumberFormatException | NullPointerException e) {
                throw new IllegalArgumentException("items[" + i + "].unitPrice is not a decimal");
            }
            items.add(new OrderItem(sku, quantity, unitPrice));
        }
        return items;
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof Number || value instanceof String) {
            return new BigDecimal(value.toString());
        }
        throw new NumberFormatException("not a number: " + value);
    }
}
