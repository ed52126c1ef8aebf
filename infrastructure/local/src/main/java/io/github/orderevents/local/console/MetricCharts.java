package io.github.orderevents.local.console;

import io.github.orderevents.local.metrics.BucketStats;
import io.github.orderevents.local.metrics.LocalMetrics;
import io.github.orderevents.local.metrics.MetricKey;
import io.github.orderevents.local.metrics.MetricStore;
import io.github.orderevents.local.metrics.SeriesSnapshot;
import io.github.orderevents.local.metrics.Units;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The console's charts, as JSON ({@code /_local/metrics?minutes=N}): queue depth (visible, in flight) per queue,
 * DLQ depth, function duration p50/p99 and invocations per function, then one chart per metric the functions
 * printed in the embedded metric format, with one series per dimension combination. A time metric is charted as
 * p50 and p99, a Count as its Sum per bucket, any other unit as its Average.
 */
public final class MetricCharts {
    /** A chart: what it shows, in which unit, and its series. */
    public record Chart(String id, String title, String namespace, String metric, String unit, List<String> statistics,
                        List<Series> series) {
    }

    /** One line of a chart: a dimension combination's statistic per bucket (buckets without values have no point). */
    public record Series(String label, Map<String, String> dimensions, String statistic, List<Point> points) {
    }

    /** A bucket's start (epoch milliseconds) and its statistic. */
    public record Point(long t, double v) {
    }

    private final LocalMetrics metrics;

    public MetricCharts(LocalMetrics metrics) {
        this.metrics = metrics;
    }

    /** Every chart over the last {@code last} (at most the store's window). */
    public Map<String, Object> view(Duration last) {
        MetricStore store = metrics.store();
        if (last.compareTo(store.window()) > 0 || last.isNegative() || last.isZero()) {
            throw new IllegalArgumentException("minutes must be from 1 to " + store.window().toMinutes());
        }
        List<Chart> charts = new ArrayList<>();
        charts.add(service("queue-visible", "Queue depth: messages visible", LocalMetrics.SQS, LocalMetrics.VISIBLE,
                List.of("Maximum"), key -> !metrics.isDeadLetterQueue(queue(key)), last));
        charts.add(service("queue-in-flight", "Queue depth: messages in flight", LocalMetrics.SQS, LocalMetrics.IN_FLIGHT,
                List.of("Maximum"), key -> !metrics.isDeadLetterQueue(queue(key)), last));
        charts.add(service("dlq-depth", "DLQ depth: messages visible", LocalMetrics.SQS, LocalMetrics.VISIBLE,
                List.of("Maximum"), key -> metrics.isDeadLetterQueue(queue(key)), last));
        charts.add(service("function-duration", "Function duration", LocalMetrics.LAMBDA, LocalMetrics.DURATION,
                List.of("p99", "p50"), key -> true, last));
        charts.add(service("function-invocations", "Invocations", LocalMetrics.LAMBDA, LocalMetrics.INVOCATIONS,
                List.of("Sum"), key -> true, last));
        charts.addAll(emfCharts(last));

        Map<String, Object> view = new LinkedHashMap<>();
        long now = store.now();
        view.put("from", now - last.toMillis());
        view.put("to", now);
        view.put("bucketSeconds", store.bucket().toSeconds());
        view.put("windowSeconds", store.window().toSeconds());
        view.put("emf", Map.of("lines", metrics.emfLines(), "invalidLines", metrics.invalidEmfLines(),
                "lastInvalidReason", String.valueOf(metrics.lastInvalidReason())));
        view.put("series", Map.of("held", store.size(), "max", MetricStore.MAX_SERIES, "dropped", store.droppedSeries(),
                "outsideWindow", store.outsideWindow()));
        view.put("charts", charts);
        return view;
    }

    /** The statistics a metric of {@code unit} is charted with. */
    static List<String> statisticsOf(String unit) {
        if (Units.isTime(unit)) {
            return List.of("p99", "p50");
        }
        return unit.equals("Count") ? List.of("Sum") : List.of("Average");
    }

    private Chart service(String id, String title, String namespace, String metric, List<String> statistics,
                          Predicate<MetricKey> which, Duration last) {
        List<SeriesSnapshot> snapshots = metrics.store().read(
                key -> key.namespace().equals(namespace) && key.name().equals(metric) && which.test(key), last);
        String unit = snapshots.isEmpty() ? (namespace.equals(LocalMetrics.LAMBDA) && metric.equals(LocalMetrics.DURATION)
                ? "Milliseconds" : "Count") : snapshots.get(0).unit();
        // One dimension (QueueName, FunctionName): its value says it all.
        return chart(id, title, namespace, metric, unit, statistics, snapshots,
                key -> key.dimensions().isEmpty() ? key.dimensionLabel() : key.dimensions().get(0).value());
    }

    private List<Chart> emfCharts(Duration last) {
        Map<String, List<SeriesSnapshot>> byMetric = new LinkedHashMap<>();
        for (SeriesSnapshot snapshot : metrics.store().read(key -> !LocalMetrics.isService(key), last)) {
            byMetric.computeIfAbsent(snapshot.key().namespace() + "\u0000" + snapshot.key().name(), k -> new ArrayList<>())
                    .add(snapshot);
        }
        List<Chart> charts = new ArrayList<>();
        byMetric.values().forEach(snapshots -> {
            MetricKey first = snapshots.get(0).key();
            String unit = snapshots.get(0).unit();
            charts.add(chart("emf:" + first.namespace() + ":" + first.name(), first.name(), first.namespace(), first.name(),
                    unit, statisticsOf(unit), snapshots, MetricKey::dimensionLabel));
        });
        return charts;
    }

    private static Chart chart(String id, String title, String namespace, String metric, String unit,
                               List<String> statistics, List<SeriesSnapshot> snapshots,
                               java.util.function.Function<MetricKey, String> label) {
        List<Series> series = new ArrayList<>();
        for (SeriesSnapshot snapshot : snapshots) {
            for (String statistic : statistics) {
                List<Point> points = new ArrayList<>();
                for (BucketStats bucket : snapshot.buckets()) {
                    points.add(new Point(bucket.startMillis(), bucket.statistic(statistic)));
                }
                series.add(new Series(label.apply(snapshot.key()), snapshot.key().dimensionMap(), statistic, points));
            }
        }
        return new Chart(id, title, namespace, metric, unit, statistics, series);
    }

    private static String queue(MetricKey key) {
        return key.dimensionMap().getOrDefault("QueueName", "");
    }
}
