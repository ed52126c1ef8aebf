package io.github.orderevents.createorder;

import io.github.orderevents.domain.OrderService;
import io.github.orderevents.domain.RequestContext;
import software.amazon.lambda.powertools.idempotency.IdempotencyKey;
import software.amazon.lambda.powertools.idempotency.Idempotent;

import java.util.Optional;

/**
 * Places an order at most once per idempotency key. {@code @Idempotent} is woven in at compile time
 * (aspectj-maven-plugin): the first call runs and its response is stored; a repeat with the same key
 * and request returns the stored response without running; the same key with another request throws
 * {@code IdempotencyValidationException}; a repeat while the first still runs throws
 * {@code IdempotencyAlreadyInProgressException}.
 */
class IdempotentPlacement {
    private final OrderService orders;

    IdempotentPlacement(OrderService orders) {
        this.orders = orders;
    }

    @Idempotent
    public StoredResponse place(@IdempotencyKey KeyedPlacement placement) {
        return StoredResponse.created(orders.place(placement.request(),
                new RequestContext(placement.correlationId(), Optional.of(placement.rawKey()))));
    }
}
