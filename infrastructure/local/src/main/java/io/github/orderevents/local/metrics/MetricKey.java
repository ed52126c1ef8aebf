package io.github.orderevents.local.metrics;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What names one time series, as CloudWatch names a metric: namespace, metric name, and the dimensions of one
 * dimension set with their values (kept sorted by name: the same set in another order is the same metric).
 */
public record MetricKey(String namespace, String name, List<Dimension> dimensions) {
    public MetricKey {
        dimensions = dimensions.stream().sorted(Comparator.comparing(Dimension::name)).toList();
    }

    public static MetricKey of(String namespace, String name, Map<String, String> dimensions) {
        return new MetricKey(namespace, name, dimensions.entrySet().stream()
                .map(e -> new Dimension(e.getKey(), e.getValue())).toList());
    }

    /** The dimensions as name -> value, sorted by name. */
    public Map<String, String> dimensionMap() {
        Map<String, String> map = new LinkedHashMap<>();
        dimensions.forEach(d -> map.put(d.name(), d.value()));
        return map;
    }

    /** {@code Tier=gold, Service=media}, or {@code (no dimensions)}. */
    public String dimensionLabel() {
        return dimensions.isEmpty() ? "(no dimensions)"
                : dimensions.stream().map(d -> d.name() + "=" + d.value()).collect(Collectors.joining(", "));
    }
}
