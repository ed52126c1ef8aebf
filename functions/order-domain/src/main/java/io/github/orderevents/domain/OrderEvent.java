package io.github.orderevents.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An event of an order aggregate: an outbox row, and the envelope every queue message carries.
 * {@code sequence} counts the aggregate's events from 1 without gaps; {@code eventId} is the key for
 * deduplication and idempotency everywhere (never the SQS message id). The payload holds only JSON
 * values: strings, numbers, booleans, lists and maps.
 */
public record OrderEvent(String eventId, EventType eventType, String aggregateId, String customerId, long sequence,
                         Instant occurredAt, String correlationId, int schemaVersion, Map<String, Object> payload) {
    public static final int SCHEMA_VERSION = 1;

    public OrderEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1, was " + sequence);
        }
        // Insertion order kept (readable JSON); null values allowed (e.g. "available": null for an unknown SKU).
        payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }
}
