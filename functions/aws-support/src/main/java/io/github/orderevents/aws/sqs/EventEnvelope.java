package io.github.orderevents.aws.sqs;

import io.github.orderevents.aws.Json;
import io.github.orderevents.domain.OrderEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON body of every queue message:
 * {@code {"eventId","eventType","aggregateId","customerId","sequence","occurredAt","correlationId",
 * "schemaVersion","payload"}}.
 */
public final class EventEnvelope {
    private EventEnvelope() {
    }

    public static String toJson(OrderEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", event.eventId());
        body.put("eventType", event.eventType().name());
        body.put("aggregateId", event.aggregateId());
        body.put("customerId", event.customerId());
        body.put("sequence", event.sequence());
        body.put("occurredAt", event.occurredAt().toString());
        body.put("correlationId", event.correlationId());
        body.put("schemaVersion", event.schemaVersion());
        body.put("payload", event.payload());
        return Json.write(body);
    }
}
