package io.github.orderevents.local.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metrics in a few words for the status line: the busiest queues now (visible + in flight), the slowest
 * function's p99 duration over the last minute, and over that minute the p99 of every EMF metric whose unit is a
 * time (at most {@value #MAX_EMF}), e.g. {@code busiest jobs.fifo 12, mail.fifo 3  p99 1m:
 * slowest ResizeFunction 42 ms, QueueAge 850 ms}. Names lose the stack's prefix.
 */
public final class MetricsAtAGlance {
    static final Duration LAST = Duration.ofMinutes(1);
    static final int MAX_QUEUES = 2;
    static final int MAX_EMF = 3;

    private MetricsAtAGlance() {
    }

    public static String of(LocalMetrics metrics, String stackName) {
        List<String> parts = new ArrayList<>();
        List<LocalMetrics.QueueSample> busy = metrics.queues().values().stream()
                .filter(q -> !q.deadLetterQueue() && q.depth() > 0)
                .sorted(Comparator.comparingInt(LocalMetrics.QueueSample::depth).reversed()
                        .thenComparing(LocalMetrics.QueueSample::queueName)).toList();
        parts.add(busy.isEmpty() ? "queues idle" : "busiest " + String.join(", ", busy.stream().limit(MAX_QUEUES)
                .map(q -> shortName(q.queueName(), stackName) + " " + q.depth()).toList())
                + (busy.size() > MAX_QUEUES ? " +" + (busy.size() - MAX_QUEUES) : ""));

        List<String> p99 = new ArrayList<>();
        slowestFunction(metrics.store()).ifPresent(slowest -> p99.add("slowest " + shortName(slowest.getKey(), stackName)
                + " " + millis(slowest.getValue())));
        Map<String, Double> emf = emfTimes(metrics.store());
        emf.entrySet().stream().limit(MAX_EMF).forEach(e -> p99.add(e.getKey() + " " + millis(e.getValue())));
        String more = emf.size() > MAX_EMF ? " +" + (emf.size() - MAX_EMF) : "";
        return String.join("  ", parts) + (p99.isEmpty() ? "" : "  p99 1m: " + String.join(", ", p99) + more);
    }

    private static java.util.Optional<Map.Entry<String, Double>> slowestFunction(MetricStore store) {
        Map<String, Double> byFunction = new TreeMap<>();
        store.units().keySet().stream()
                .filter(k -> k.namespace().equals(LocalMetrics.LAMBDA) && k.name().equals(LocalMetrics.DURATION))
                .forEach(key -> {
                    Histogram values = store.merged(key::equals, LAST);
                    if (values.count() > 0) {
                        byFunction.put(key.dimensionMap().getOrDefault("FunctionName", "?"), values.percentile(0.99));
                    }
                });
        return byFunction.entrySet().stream().max(Map.Entry.comparingByValue());
    }

    /** Each EMF time metric's p99 in milliseconds, over all its series, by metric name. */
    private static Map<String, Double> emfTimes(MetricStore store) {
        Map<String, Histogram> byName = new TreeMap<>();
        store.units().forEach((key, unit) -> {
            if (!LocalMetrics.isService(key) && Units.isTime(unit)) {
                Histogram values = store.merged(key::equals, LAST);
                byName.computeIfAbsent(key.name(), k -> new Histogram()).merge(values.scaled(Units.toMillis(1, unit)));
            }
        });
        Map<String, Double> p99 = new TreeMap<>();
        byName.forEach((name, values) -> {
            if (values.count() > 0) {
                p99.put(name, values.percentile(0.99));
            }
        });
        return p99;
    }

    static String millis(double ms) {
        if (ms >= 10_000) {
            return String.format(Locale.ROOT, "%.0f s", ms / 1000);
        }
        if (ms >= 1000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000);
        }
        return ms >= 10 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.1f ms", ms);
    }

    private static String shortName(String name, String stackName) {
        return name.startsWith(stackName + "-") ? name.substring(stackName.length() + 1) : name;
    }
}
