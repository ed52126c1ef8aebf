package io.github.orderevents.createorder;

import io.github.orderevents.domain.PlaceOrder;

/**
 * What Powertools idempotency sees of a keyed request: {@code idempotencyKey} is the record's key
 * (scoped to the customer, so two customers' keys never collide) and {@code request} is hashed to
 * detect a key reused with another body. The correlation id is deliberately not part of either.
 */
record KeyedPlacement(String idempotencyKey, PlaceOrder request, String rawKey, String correlationId) {
    static final String KEY_PATH = "idempotencyKey";
    static final String PAYLOAD_PATH = "request";
}
