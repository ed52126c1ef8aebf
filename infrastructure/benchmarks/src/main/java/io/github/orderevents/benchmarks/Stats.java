package io.github.orderevents.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Percentiles of a sample (nearest rank); null for an empty sample, so that a missing figure is never a zero. */
final class Stats {
    private Stats() {
    }

    static Double percentile(Collection<Double> values, double p) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static Double ratio(Double numerator, Double denominator) {
        return numerator == null || denominator == null || denominator == 0 ? null : numerator / denominator;
    }

    /** A figure for a table: "n/a" where there is none. */
    static String show(Double value, String format) {
        return value == null ? "n/a" : String.format(java.util.Locale.ROOT, format, value);
    }
}
