package io.github.orderevents.aws.dynamo;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.HistoryEntry;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderItem;
import io.github.orderevents.domain.OrderStatus;
import io.github.orderevents.domain.Priority;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.github.orderevents.aws.dynamo.Attributes.n;
import static io.github.orderevents.aws.dynamo.Attributes.number;
import static io.github.orderevents.aws.dynamo.Attributes.optionalString;
import static io.github.orderevents.aws.dynamo.Attributes.s;
import static io.github.orderevents.aws.dynamo.Attributes.string;

/**
 * An {@link Order} as an item of the orders table (key: orderId). Money is stored as decimal strings; the
 * priority by its wire name, and an item without one (written before lanes) is a standard order.
 */
public final class OrderItems {
    public static final String KEY = "orderId";
    public static final String PRIORITY = "priority";

    private OrderItems() {
    }

    public static Map<String, AttributeValue> toItem(Order order) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, s(order.orderId()));
        item.put("customerId", s(order.customerId()));
        item.put("status", s(order.status().name()));
        item.put("currency", s(order.currency()));
        item.put("total", s(order.total().toPlainString()));
        item.put("version", n(order.version()));
        item.put(PRIORITY, s(order.priority().wireName()));
        item.put("createdAt", s(order.createdAt().toString()));
        item.put("updatedAt", s(order.updatedAt().toString()));
        item.put("items", AttributeValue.fromL(order.items().stream().map(OrderItems::line).toList()));
        item.put("history", AttributeValue.fromL(order.history().stream().map(OrderItems::historyEntry).toList()));
        if (order.rejectionReason() != null) {
            item.put("rejectionReason", s(order.rejectionReason()));
        }
        if (order.correlationId() != null) {
            item.put("correlationId", s(order.correlationId()));
        }
        return item;
    }

    public static Order fromItem(Map<String, AttributeValue> item) {
        return new Order(string(item, KEY), string(item, "customerId"),
                OrderStatus.valueOf(string(item, "status")),
                item.get("items").l().stream().map(v -> line(v.m())).toList(),
                string(item, "currency"), new BigDecimal(string(item, "total")), number(item, "version"),
                item.get("history").l().stream().map(v -> historyEntry(v.m())).toList(),
                Instant.parse(string(item, "createdAt")), Instant.parse(string(item, "updatedAt")),
                optionalString(item, "rejectionReason"), optionalString(item, "correlationId"), priority(item));
    }

    /**
     * The priority attribute of an order item or an outbox row: absent is standard (rows written before lanes).
     *
     * @throws IllegalArgumentException for a value that names no lane
     */
    static Priority priority(Map<String, AttributeValue> item) {
        String name = optionalString(item, PRIORITY);
        return name == null ? Priority.STANDARD : Priority.parse(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown priority '" + name + "'"));
    }

    /** A history entry as a list element, for appending with {@code list_append}. */
    public static AttributeValue historyEntry(HistoryEntry entry) {
        return AttributeValue.fromM(Map.of(
                "sequence", n(entry.sequence()),
                "eventType", s(entry.eventType().name()),
                "eventId", s(entry.eventId()),
                "occurredAt", s(entry.occurredAt().toString()),
                "status", s(entry.status().name())));
    }

    private static AttributeValue line(OrderItem item) {
        return AttributeValue.fromM(Map.of(
                "sku", s(item.sku()),
                "quantity", n(item.quantity()),
                "unitPrice", s(item.unitPrice().toPlainString())));
    }

    private static OrderItem line(Map<String, AttributeValue> m) {
        return new OrderItem(string(m, "sku"), (int) number(m, "quantity"), new BigDecimal(string(m, "unitPrice")));
    }

    private static HistoryEntry historyEntry(Map<String, AttributeValue> m) {
        return new HistoryEntry(number(m, "sequence"), EventType.valueOf(string(m, "eventType")),
                string(m, "eventId"), Instant.parse(string(m, "occurredAt")), OrderStatus.valueOf(string(m, "status")));
    }
}
