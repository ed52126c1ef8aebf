package io.github.orderevents.local.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.local.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a log line as CloudWatch Logs extracts metrics from it (the embedded metric format specification): a JSON
 * object whose {@code _aws} member holds {@code Timestamp} (epoch milliseconds) and {@code CloudWatchMetrics}, an
 * array of directives, each a {@code Namespace}, {@code Dimensions} (an array of dimension sets, each an array of at
 * most 30 member names) and {@code Metrics} (an array of {@code {Name, Unit}}, at most 100). The root holds every
 * member a directive names: dimension values as strings, metric values as numbers or arrays of at most 100 numbers.
 * Anything else makes the whole document invalid, as CloudWatch then extracts nothing from it. A document may
 * follow text on its line (see {@link #trailingObject}).
 */
public final class EmfParser {
    static final int MAX_DIMENSIONS = 30;
    static final int MAX_METRICS = 100;
    static final int MAX_VALUES = 100;
    private static final int MAX_TRAILING_TRIES = 32;

    private EmfParser() {
    }

    public static EmfLine parse(String line) {
        String text = line.strip();
        // Cheap first: most lines of a function log are not EMF.
        if (!text.contains("\"_aws\"")) {
            return new EmfLine.NotEmf();
        }
        JsonNode root;
        if (text.startsWith("{")) {
            try {
                root = Json.MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                return new EmfLine.Invalid("not JSON: " + e.getOriginalMessage());
            }
        } else {
            root = trailingObject(text);
        }
        if (root == null || !root.isObject() || !root.has("_aws")) {
            return new EmfLine.NotEmf();
        }
        try {
            return new EmfLine.Metrics(metrics(root));
        } catch (InvalidEmf e) {
            return new EmfLine.Invalid(e.getMessage());
        }
    }

    /**
     * The JSON object that ends a line of text, if one does. Outside Lambda, the runtime client's
     * {@code LambdaLogger.log} writes no newline (on Lambda each call is a log event of its own, through the telemetry
     * file descriptor), so whatever a handler logged just before it printed an EMF document shares that document's line.
     */
    private static JsonNode trailingObject(String text) {
        if (!text.endsWith("}")) {
            return null;
        }
        int tries = 0;
        for (int start = text.indexOf('{'); start >= 0 && tries < MAX_TRAILING_TRIES; start = text.indexOf('{', start + 1)) {
            tries++;
            try {
                JsonNode node = Json.MAPPER.readTree(text.substring(start));
                if (node != null && node.isObject()) {
                    return node;
                }
            } catch (JsonProcessingException e) {
                // not there: a later brace, then
            }
        }
        return null;
    }

    private static List<MetricDatum> metrics(JsonNode root) {
        JsonNode aws = root.get("_aws");
        require(aws.isObject(), "_aws is not an object");
        JsonNode timestamp = aws.get("Timestamp");
        require(timestamp != null && timestamp.isNumber(), "_aws.Timestamp is missing or not a number");
        JsonNode directives = aws.get("CloudWatchMetrics");
        require(directives != null && directives.isArray(), "_aws.CloudWatchMetrics is missing or not an array");
        List<MetricDatum> data = new ArrayList<>();
        for (JsonNode directive : directives) {
            require(directive.isObject(), "a CloudWatchMetrics entry is not an object");
            JsonNode namespace = directive.get("Namespace");
            require(namespace != null && namespace.isTextual() && !namespace.asText().isBlank(),
                    "a directive's Namespace is missing or not a string");
            // CloudWatch keeps the AWS/ namespaces for AWS services (PutMetricData refuses them too).
            require(!namespace.asText().startsWith("AWS/"), "the namespace " + namespace.asText() + " is reserved for AWS");
            List<Map<String, String>> dimensionSets = dimensionSets(root, directive.get("Dimensions"));
            JsonNode metrics = directive.get("Metrics");
            require(metrics != null && metrics.isArray(), "a directive's Metrics is missing or not an array");
            require(metrics.size() <= MAX_METRICS, "a directive has more than " + MAX_METRICS + " metrics");
            for (JsonNode metric : metrics) {
                require(metric.isObject(), "a Metrics entry is not an object");
                JsonNode name = metric.get("Name");
                require(name != null && name.isTextual() && !name.asText().isBlank(), "a metric's Name is missing or not a string");
                String unit = unit(metric.get("Unit"), name.asText());
                List<Double> values = values(root.get(name.asText()), name.asText());
                for (Map<String, String> dimensions : dimensionSets) {
                    data.add(new MetricDatum(MetricKey.of(namespace.asText(), name.asText(), dimensions), unit,
                            timestamp.asLong(), values));
                }
            }
        }
        return data;
    }

    /** Each dimension set with its values; a directive without dimensions is one set with none. */
    private static List<Map<String, String>> dimensionSets(JsonNode root, JsonNode sets) {
        require(sets != null && sets.isArray(), "a directive's Dimensions is missing or not an array");
        List<Map<String, String>> result = new ArrayList<>();
        for (JsonNode set : sets) {
            require(set.isArray(), "a dimension set is not an array");
            require(set.size() <= MAX_DIMENSIONS, "a dimension set has more than " + MAX_DIMENSIONS + " dimensions");
            Map<String, String> dimensions = new LinkedHashMap<>();
            for (JsonNode member : set) {
                require(member.isTextual(), "a dimension name is not a string");
                JsonNode value = root.get(member.asText());
                require(value != null && value.isTextual(),
                        "dimension " + member.asText() + " has no string value at the root");
                dimensions.put(member.asText(), value.asText());
            }
            result.add(dimensions);
        }
        if (result.isEmpty()) {
            result.add(Map.of());
        }
        return result;
    }

    private static String unit(JsonNode unit, String metric) {
        if (unit == null || unit.isNull()) {
            return Units.NONE;
        }
        require(unit.isTextual() && Units.known(unit.asText()), "metric " + metric + " has an unknown Unit " + unit);
        return unit.asText();
    }

    private static List<Double> values(JsonNode value, String metric) {
        require(value != null, "metric " + metric + " has no value at the root");
        List<Double> values = new ArrayList<>();
        if (value.isArray()) {
            require(value.size() <= MAX_VALUES, "metric " + metric + " has more than " + MAX_VALUES + " values");
            value.forEach(v -> values.add(number(v, metric)));
        } else {
            values.add(number(value, metric));
        }
        return values;
    }

    private static double number(JsonNode value, String metric) {
        require(value.isNumber(), "metric " + metric + " has a value that is not a number: " + value);
        double number = value.asDouble();
        require(Double.isFinite(number), "metric " + metric + " has a value out of range: " + value);
        return number;
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new InvalidEmf(reason);
        }
    }

    private static final class InvalidEmf extends RuntimeException {
        InvalidEmf(String reason) {
            super(reason, null, false, false);
        }
    }
}
