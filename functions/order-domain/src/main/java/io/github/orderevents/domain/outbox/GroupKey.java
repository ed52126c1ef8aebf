package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.OrderEvent;

/** What a destination groups messages by: the FIFO message group, inside which order is kept. */
public enum GroupKey {
    /** One group per order (the aggregate): its events stay in sequence order. */
    orderId {
        @Override
        public String of(OrderEvent event) {
            return event.aggregateId();
        }
    },
    /** One group per customer: all events of a customer's orders, in the order they were published. */
    customerId {
        @Override
        public String of(OrderEvent event) {
            return event.customerId();
        }
    };

    public abstract String of(OrderEvent event);
}
