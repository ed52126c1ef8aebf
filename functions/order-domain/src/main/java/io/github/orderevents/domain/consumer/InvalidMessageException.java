package io.github.orderevents.domain.consumer;

/**
 * A message that can never be processed as it is (not JSON, fields missing, unknown event type,
 * unsupported schema version): retrying cannot help, so it is parked in the dead-letter queue at once
 * with {@link #getMessage()} as the reason.
 */
public final class InvalidMessageException extends RuntimeException {
    public InvalidMessageException(String reason) {
        super(reason);
    }
}
