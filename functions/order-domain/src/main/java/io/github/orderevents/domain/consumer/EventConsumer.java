package io.github.orderevents.domain.consumer;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;

import java.util.Set;

/** Applies events of some types, exactly once in effect and in sequence order per aggregate. */
public interface EventConsumer {

    /** The event types this consumer reads; any other type on its queue is invalid for it. */
    Set<EventType> handledTypes();

    /**
     * Applies {@code event} if it is the next of its aggregate.
     *
     * @return APPLIED, or DUPLICATE when it (or a later event of the aggregate) was applied before
     * @throws SequenceGapException    when an earlier event of the aggregate has not been applied yet
     * @throws InvalidMessageException when the event can never be applied (e.g. a payload it cannot read)
     */
    ConsumeResult consume(OrderEvent event);
}
