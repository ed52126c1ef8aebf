package io.github.orderevents.consumer;

import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.consumer.EventConsumer;
import software.amazon.lambda.powertools.idempotency.IdempotencyKey;
import software.amazon.lambda.powertools.idempotency.Idempotent;

/**
 * Consumes an event at most once per event id (Powertools idempotency, woven in at compile time).
 * The key is the eventId, never the SQS messageId: a redriven or re-published event is a new message
 * with the same eventId. A repeat returns the stored result without running; a repeat while the first
 * is still running throws IdempotencyAlreadyInProgressException (the message fails and comes back);
 * a run that throws leaves no record, so the retry runs again.
 */
class IdempotentConsumption {
    private final EventConsumer consumer;

    IdempotentConsumption(EventConsumer consumer) {
        this.consumer = consumer;
    }

    /**
     * @param key the consumer's name and the event id: one record per (consumer, event)
     * @return the name of the {@link io.github.orderevents.domain.consumer.ConsumeResult} of the first run
     */
    @Idempotent
    public String consume(@IdempotencyKey String key, OrderEvent event) {
        return consumer.consume(event).name();
    }
}
