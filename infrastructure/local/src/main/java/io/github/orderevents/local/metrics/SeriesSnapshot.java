package io.github.orderevents.local.metrics;

import java.util.List;

/** A time series as read at one moment: its key, its unit and its buckets with values, oldest first. */
public record SeriesSnapshot(MetricKey key, String unit, List<BucketStats> buckets) {
    public SeriesSnapshot {
        buckets = List.copyOf(buckets);
    }
}
