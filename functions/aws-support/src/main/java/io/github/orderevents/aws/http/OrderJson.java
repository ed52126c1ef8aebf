package io.github.orderevents.aws.http;

import io.github.orderevents.domain.HistoryEntry;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderItem;

import java.util.LinkedHashMap;
import java.util.Map;

/** An order as the API shows it. Money as decimal strings. */
public final class OrderJson {
    private OrderJson() {
    }

    public static Map<String, Object> of(Order order) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("orderId", order.orderId());
        json.put("customerId", order.customerId());
        json.put("status", order.status().name());
        json.put("priority", order.priority().wireName());
        if (order.rejectionReason() != null) {
            json.put("rejectionReason", order.rejectionReason());
        }
        json.put("currency", order.currency());
        json.put("total", order.total().toPlainString());
        json.put("itemCount", order.items().stream().mapToInt(OrderItem::quantity).sum());
        json.put("items", order.items().stream().map(OrderJson::item).toList());
        json.put("version", order.version());
        json.put("createdAt", order.createdAt().toString());
        json.put("updatedAt", order.updatedAt().toString());
        json.put("history", order.history().stream().map(OrderJson::history).toList());
        return json;
    }

    private static Map<String, Object> item(OrderItem item) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sku", item.sku());
        json.put("quantity", item.quantity());
        json.put("unitPrice", item.unitPrice().toPlainString());
        json.put("lineTotal", item.lineTotal().toPlainString());
        return json;
    }

    private static Map<String, Object> history(HistoryEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sequence", entry.sequence());
        json.put("eventType", entry.eventType().name());
        json.put("eventId", entry.eventId());
        json.put("occurredAt", entry.occurredAt().toString());
        json.put("status", entry.status().name());
        return json;
    }
}
