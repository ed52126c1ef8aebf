package io.github.orderevents.local.metrics;

/** One dimension of a metric: its name and, for this series, its value. */
public record Dimension(String name, String value) {
}
