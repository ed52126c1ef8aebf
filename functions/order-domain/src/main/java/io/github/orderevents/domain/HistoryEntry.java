package io.github.orderevents.domain;

import java.time.Instant;

/** One event applied to an order, in sequence order: what the order's history shows. */
public record HistoryEntry(long sequence, EventType eventType, String eventId, Instant occurredAt, OrderStatus status) {
}
