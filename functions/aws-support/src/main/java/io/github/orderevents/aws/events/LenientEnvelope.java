package io.github.orderevents.aws.events;

/**
 * The envelope fields of a queue message body as far as they can be read, for an operator inspecting a
 * dead-letter queue: each is null when the body lacks it or holds it with the wrong JSON type.
 * {@code problem} is why consumers refuse the body, or null when they accept it.
 */
public record LenientEnvelope(String eventId, String eventType, String aggregateId, String customerId, Long sequence,
                              String correlationId, String problem) {
}
