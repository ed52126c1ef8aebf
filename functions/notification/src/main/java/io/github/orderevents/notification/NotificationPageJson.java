package io.github.orderevents.notification;

import io.github.orderevents.domain.notification.Notification;
import io.github.orderevents.domain.notification.NotificationPage;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON body of a page of a customer's notifications, with the token of the next page if any. */
final class NotificationPageJson {
    private NotificationPageJson() {
    }

    static Map<String, Object> of(String customerId, NotificationPage page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("notifications", page.notifications().stream().map(NotificationPageJson::json).toList());
        page.nextToken().ifPresent(token -> body.put("nextToken", token));
        return body;
    }

    private static Map<String, Object> json(Notification n) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("eventId", n.eventId());
        json.put("eventType", n.eventType().name());
        json.put("orderId", n.orderId());
        json.put("sequence", n.sequence());
        json.put("occurredAt", n.occurredAt().toString());
        json.put("message", n.message());
        return json;
    }
}
