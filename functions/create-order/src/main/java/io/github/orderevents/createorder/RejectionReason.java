package io.github.orderevents.createorder;

import java.util.Optional;

/**
 * Why POST /orders refused a request, as dimension {@code Reason} of metric OrdersRejected: a closed set, one
 * value per 4xx status the API answers (docs/api.md), so the metric's cardinality stays fixed.
 */
enum RejectionReason {
    /** 400: the body or a header breaks a rule (not JSON, a field missing or wrong, a bad Idempotency-Key). */
    INVALID_REQUEST("invalid-request"),
    /** 409: a request with the same Idempotency-Key is still being placed. */
    IDEMPOTENCY_IN_PROGRESS("idempotency-in-progress"),
    /** 413: the body is larger than the API takes. */
    BODY_TOO_LARGE("body-too-large"),
    /** 415: the body is not declared as JSON. */
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type"),
    /** 422: the Idempotency-Key was used before with another request. */
    IDEMPOTENCY_CONFLICT("idempotency-conflict"),
    /** Any other 4xx. */
    OTHER("other");

    private final String value;

    RejectionReason(String value) {
        this.value = value;
    }

    /** The dimension value. */
    String value() {
        return value;
    }

    /** The reason of an answer with {@code status}; empty unless it is a 4xx. */
    static Optional<RejectionReason> of(int status) {
        if (status < 400 || status > 499) {
            return Optional.empty();
        }
        return Optional.of(switch (status) {
            case 400 -> INVALID_REQUEST;
            case 409 -> IDEMPOTENCY_IN_PROGRESS;
            case 413 -> BODY_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> IDEMPOTENCY_CONFLICT;
            default -> OTHER;
        });
    }
}
