package io.github.orderevents.aws;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * CloudWatch metrics as log lines (Embedded Metric Format): CloudWatch Logs turns each line into metric
 * data points, so a function publishes metrics without a PutMetricData call, its latency or its IAM
 * permission. One line per {@link #emit} call, on stdout in Lambda.
 */
public final class EmbeddedMetrics {
    /** The namespace of this project's metrics. */
    public static final String NAMESPACE = "OrderEvents";
    // EMF limits: at most 30 dimensions per set and 100 metrics per line.
    private static final int MAX_DIMENSIONS = 30;
    private static final int MAX_METRICS = 100;

    /** CloudWatch units this project uses (the names are CloudWatch's own). */
    public enum Unit { Count, Milliseconds, Seconds, Bytes, None }

    /** One data point: a metric name, its unit and its value. */
    public record Metric(String name, Unit unit, Number value) {
        public Metric {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(value, "value");
        }

        public static Metric count(String name, long value) {
            return new Metric(name, Unit.Count, value);
        }
    }

    private final String namespace;
    private final PrintStream out;
    private final Clock clock;

    public EmbeddedMetrics(String namespace, PrintStream out, Clock clock) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Metrics of {@link #NAMESPACE} to stdout, where Lambda sends them to CloudWatch Logs. */
    public static EmbeddedMetrics toStdout() {
        return new EmbeddedMetrics(NAMESPACE, System.out, Clock.systemUTC());
    }

    /**
     * Writes one line holding {@code metrics}, all under one dimension set made of every key of
     * {@code dimensions} (in their iteration order). The dimension values are also plain fields of the
     * line, so Logs Insights can filter on them.
     */
    public void emit(Map<String, String> dimensions, List<Metric> metrics) {
        if (metrics.isEmpty() || metrics.size() > MAX_METRICS) {
            throw new IllegalArgumentException("a line holds 1 to " + MAX_METRICS + " metrics, got " + metrics.size());
        }
        if (dimensions.size() > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("a dimension set holds at most " + MAX_DIMENSIONS + " dimensions");
        }
        List<Map<String, Object>> definitions = new ArrayList<>();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", fields(
                "Timestamp", clock.millis(),
                "CloudWatchMetrics", List.of(fields(
                        "Namespace", namespace,
                        "Dimensions", List.of(List.copyOf(dimensions.keySet())),
                        "Metrics", definitions))));
        // Dimensions and metrics are both top-level fields of the line, next to _aws: no name twice.
        dimensions.forEach((name, value) -> putOnce(line, name, Objects.requireNonNull(value, name)));
        for (Metric metric : metrics) {
            definitions.add(fields("Name", metric.name(), "Unit", metric.unit().name()));
            putOnce(line, metric.name(), metric.value());
        }
        out.println(Json.write(line));
    }

    private static void putOnce(Map<String, Object> line, String name, Object value) {
        if (line.putIfAbsent(name, value) != null) {
            throw new IllegalArgumentException("'" + name + "' is named twice in one metrics line");
        }
    }

    /** A map that keeps the order given, so the line reads like the EMF specification's examples. */
    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }
}
