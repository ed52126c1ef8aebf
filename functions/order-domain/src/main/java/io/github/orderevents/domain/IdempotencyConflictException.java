package io.github.orderevents.domain;

/** The idempotency key was used before with a different request. */
public final class IdempotencyConflictException extends RuntimeException {
    public IdempotencyConflictException(String message) {
        super(message);
    }
}
