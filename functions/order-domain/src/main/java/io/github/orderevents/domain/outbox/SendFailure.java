package io.github.orderevents.domain.outbox;

/** An entry of a batch that the destination did not accept, and why. */
public record SendFailure(String eventId, String reason) {
}
