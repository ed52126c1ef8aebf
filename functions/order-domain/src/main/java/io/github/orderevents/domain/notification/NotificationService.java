package io.github.orderevents.domain.notification;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.consumer.ConsumeResult;
import io.github.orderevents.domain.consumer.EventConsumer;
import io.github.orderevents.domain.consumer.SequenceGapException;

import java.util.EnumSet;
import java.util.Set;

/** One notification per order event, in each order's sequence order. */
public final class NotificationService implements EventConsumer {
    private final NotificationSender sender;

    public NotificationService(NotificationSender sender) {
        this.sender = sender;
    }

    @Override
    public Set<EventType> handledTypes() {
        return EnumSet.allOf(EventType.class);
    }

    @Override
    public ConsumeResult consume(OrderEvent event) {
        return switch (sender.send(Notification.about(event))) {
            case Delivery.Sent sent -> ConsumeResult.APPLIED;
            case Delivery.AlreadySent already -> ConsumeResult.DUPLICATE;
            case Delivery.OutOfSequence gap ->
                    throw new SequenceGapException(event.aggregateId(), event.sequence(), gap.lastSequence());
        };
    }
}
