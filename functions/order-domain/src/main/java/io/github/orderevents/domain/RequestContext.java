package io.github.orderevents.domain;

import java.util.Optional;

/** What travels with a request besides its body: the correlation id and an optional idempotency key. */
public record RequestContext(String correlationId, Optional<String> idempotencyKey) {
    public RequestContext {
        java.util.Objects.requireNonNull(correlationId, "correlationId");
        java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }
}
