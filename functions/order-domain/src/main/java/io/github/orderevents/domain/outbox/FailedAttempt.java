package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.OrderEvent;

import java.util.Objects;

/**
 * One publish attempt of an outbox row that a destination refused, and why ({@link SendFailure#reason()}),
 * cut to {@value #MAX_REASON_LENGTH} characters: the reason is stored on the row, and an SDK message can be
 * long.
 */
public record FailedAttempt(OrderEvent event, String reason) {
    public static final int MAX_REASON_LENGTH = 500;

    public FailedAttempt {
        Objects.requireNonNull(event, "event");
        reason = reason == null || reason.isBlank() ? "(no reason given)" : reason;
        if (reason.length() > MAX_REASON_LENGTH) {
            // Not in the middle of a surrogate pair: the stored text stays valid UTF-16.
            int end = Character.isHighSurrogate(reason.charAt(MAX_REASON_LENGTH - 2)) ? MAX_REASON_LENGTH - 2 : MAX_REASON_LENGTH - 1;
            reason = reason.substring(0, end) + "…";
        }
    }
}
