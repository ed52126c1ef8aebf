package io.github.orderevents.local.metrics;

import java.util.List;

/** The values one log line gives one metric of one dimension set, at the line's timestamp (epoch milliseconds). */
public record MetricDatum(MetricKey key, String unit, long timestampMillis, List<Double> values) {
    public MetricDatum {
        values = List.copyOf(values);
    }
}
