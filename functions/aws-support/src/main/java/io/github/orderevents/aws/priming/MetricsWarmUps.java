package io.github.orderevents.aws.priming;

import io.github.orderevents.aws.metrics.Lanes;
import io.github.orderevents.aws.metrics.LineEnvironment;
import io.github.orderevents.aws.metrics.Metrics;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The warm-up of a function that writes metrics: an EMF line put together and serialized as {@link Metrics}
 * writes it (the library's classes, its JSON mapping), and dropped, so priming adds no data point to any metric.
 */
public final class MetricsWarmUps {
    private MetricsWarmUps() {
    }

    public static SnapStartPriming.Step emfLine() {
        List<String> dropped = new ArrayList<>();
        Metrics metrics = Metrics.to(new LineEnvironment(dropped::add), Clock.systemUTC());
        return SnapStartPriming.step("EMF metrics line serialized, not printed", () -> {
            dropped.clear();
            metrics.write(logger -> logger.putMetric("PrimingCount", 1, Unit.COUNT)
                            .putMetric("PrimingTime", 1.5, Unit.MILLISECONDS).putMetric("PrimingTime", 2, Unit.MILLISECONDS),
                    DimensionSet.of("Consumer", "priming", "Lane", Lanes.STANDARD), DimensionSet.of("Lane", Lanes.STANDARD));
            if (dropped.size() != 1) {
                throw new IllegalStateException("expected one EMF line, got " + dropped.size());
            }
        });
    }
}
