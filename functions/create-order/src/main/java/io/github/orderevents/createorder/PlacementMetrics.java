package io.github.orderevents.createorder;

import io.github.orderevents.aws.metrics.Lanes;
import io.github.orderevents.aws.metrics.Metrics;
import io.github.orderevents.domain.Order;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

/**
 * POST /orders' metrics: {@code OrdersPlaced} (Count, dimension Priority) when a request placed an order, and
 * {@code OrdersRejected} (Count, dimension Reason, a {@link RejectionReason}) when it was answered with a 4xx.
 * A repeat answered from its idempotency record placed nothing and counts as neither. One line per invocation,
 * written when the request is answered.
 */
final class PlacementMetrics {
    private final Metrics metrics;
    private String placedPriority;

    PlacementMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    /** This invocation placed {@code order}. */
    void placed(Order order) {
        placedPriority = Lanes.of(order);
    }

    /** The invocation is answered with {@code status}: writes its line, if it placed or refused an order. */
    void answered(int status) {
        String priority = placedPriority;
        placedPriority = null;
        if (priority != null) {
            metrics.write(logger -> logger.putMetric("OrdersPlaced", 1, Unit.COUNT), DimensionSet.of("Priority", priority));
        } else {
            RejectionReason.of(status).ifPresent(reason -> metrics.write(
                    logger -> logger.putMetric("OrdersRejected", 1, Unit.COUNT), DimensionSet.of("Reason", reason.value())));
        }
    }
}
