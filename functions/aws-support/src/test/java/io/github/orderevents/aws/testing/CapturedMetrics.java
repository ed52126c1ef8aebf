package io.github.orderevents.aws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.Json;
import io.github.orderevents.aws.metrics.LineEnvironment;
import io.github.orderevents.aws.metrics.Metrics;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link Metrics} whose EMF lines (the JSON the library prints on Lambda) are kept, and read back as CloudWatch
 * extracts them: for every directive of {@code _aws.CloudWatchMetrics}, every metric of its {@code Metrics} under
 * every dimension set of its {@code Dimensions}, with the dimension values and metric values taken from the
 * line's top-level fields. A line CloudWatch would reject (a dimension or metric without its field, a dimension
 * value that is not a string) fails the test.
 */
public final class CapturedMetrics {
    private final List<String> lines = new ArrayList<>();
    private final Metrics metrics;

    public CapturedMetrics(Clock clock) {
        this.metrics = Metrics.to(new LineEnvironment(lines::add), clock);
    }

    public Metrics metrics() {
        return metrics;
    }

    /** The lines written, as printed. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** One extracted metric: its values in the order the line holds them. */
    public record Datum(String namespace, String name, String unit, Map<String, String> dimensions, List<Double> values) {
        public double sum() {
            return values.stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** Every datum of every line, in order. */
    public List<Datum> data() {
        return lines.stream().flatMap(line -> extract(line).stream()).toList();
    }

    /** The data of metric {@code name} under exactly {@code dimensions}. */
    public List<Datum> data(String name, Map<String, String> dimensions) {
        return data().stream().filter(d -> d.name().equals(name) && d.dimensions().equals(dimensions)).toList();
    }

    /** Every value of metric {@code name} under exactly {@code dimensions}, over all lines. */
    public List<Double> values(String name, Map<String, String> dimensions) {
        return data(name, dimensions).stream().flatMap(d -> d.values().stream()).toList();
    }

    public void clear() {
        lines.clear();
    }

    /** What CloudWatch makes of one EMF line. */
    public static List<Datum> extract(String line) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
        JsonNode directives = root.path("_aws").path("CloudWatchMetrics");
        if (!directives.isArray() || !root.path("_aws").path("Timestamp").isNumber()) {
            throw new AssertionError("no _aws.CloudWatchMetrics or _aws.Timestamp: " + line);
        }
        List<Datum> data = new ArrayList<>();
        for (JsonNode directive : directives) {
            String namespace = directive.path("Namespace").asText();
            for (JsonNode dimensionSet : directive.path("Dimensions")) {
                Map<String, String> dimensions = new LinkedHashMap<>();
                for (JsonNode key : dimensionSet) {
                    JsonNode value = root.get(key.asText());
                    if (value == null || !value.isTextual()) {
                        throw new AssertionError("dimension " + key + " has no string value: " + line);
                    }
                    dimensions.put(key.asText(), value.asText());
                }
                for (JsonNode definition : directive.path("Metrics")) {
                    String name = definition.path("Name").asText();
                    JsonNode value = Objects.requireNonNull(root.get(name), () -> "metric " + name + " has no value: " + line);
                    List<Double> values = new ArrayList<>();
                    if (value.isArray()) {
                        value.forEach(v -> values.add(number(v, line)));
                    } else {
                        values.add(number(value, line));
                    }
                    data.add(new Datum(namespace, name, definition.path("Unit").asText("None"), Map.copyOf(dimensions),
                            List.copyOf(values)));
                }
            }
        }
        return data;
    }

    private static double number(JsonNode value, String line) {
        if (!value.isNumber()) {
            throw new AssertionError("metric value " + value + " is not a number: " + line);
        }
        return value.asDouble();
    }
}
