package io.github.orderevents.domain;

/** A request that breaks a rule; {@link #field()} names the offending field (JSON path style), or null. */
public final class InvalidRequestException extends RuntimeException {
    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
