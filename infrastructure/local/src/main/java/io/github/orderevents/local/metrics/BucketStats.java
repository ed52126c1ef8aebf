package io.github.orderevents.local.metrics;

/** One bucket of a time series: when it starts (epoch milliseconds) and the statistics of its values. */
public record BucketStats(long startMillis, long sampleCount, double sum, double minimum, double maximum,
                          double average, double p50, double p99) {

    static BucketStats of(long startMillis, Histogram values) {
        return new BucketStats(startMillis, values.count(), values.sum(), values.min(), values.max(), values.average(),
                values.percentile(0.5), values.percentile(0.99));
    }

    /** A statistic by CloudWatch's name: SampleCount, Sum, Minimum, Maximum, Average, p50 or p99. */
    public double statistic(String name) {
        return switch (name) {
            case "SampleCount" -> sampleCount;
            case "Sum" -> sum;
            case "Minimum" -> minimum;
            case "Maximum" -> maximum;
            case "Average" -> average;
            case "p50" -> p50;
            case "p99" -> p99;
            default -> throw new IllegalArgumentException("no statistic " + name);
        };
    }
}
