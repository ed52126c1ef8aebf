package io.github.orderevents.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Makes order and event ids. */
public interface Ids {
    String newOrderId();

    String newEventId();

    /**
     * The order id for a request carrying an idempotency key: the same customer and key always give the
     * same id, so a retry that outlives the idempotency record still cannot create a second order.
     */
    default String orderIdFor(String customerId, String idempotencyKey) {
        byte[] name = (customerId + '\n' + idempotencyKey).getBytes(StandardCharsets.UTF_8);
        return "ord-" + UUID.nameUUIDFromBytes(name);
    }

    /**
     * The id of the event with this sequence number of this aggregate, when a consumer derives it: a
     * retry after a crash derives the same id, so the event can only ever exist once.
     */
    default String eventIdFor(String aggregateId, long sequence) {
        return UUID.nameUUIDFromBytes((aggregateId + '#' + sequence).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Random UUIDs: {@code ord-<uuid>} for orders, a bare UUID for events. */
    static Ids random() {
        return new Ids() {
            @Override
            public String newOrderId() {
                return "ord-" + UUID.randomUUID();
            }

            @Override
            public String newEventId() {
                return UUID.randomUUID().toString();
            }
        };
    }
}
