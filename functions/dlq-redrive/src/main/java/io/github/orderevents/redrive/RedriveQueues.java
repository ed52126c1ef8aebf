package io.github.orderevents.redrive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.Json;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The queues the tool may touch, from {@value #VARIABLE}: a name (what the operator types) mapped to a
 * FIFO dead-letter queue and the FIFO source queue its messages go back to, e.g.
 * {@code {"inventory": {"deadLetterQueueUrl": "https://…/x-inventory-dlq.fifo", "sourceQueueUrl": "https://…/x-inventory.fifo"}}}.
 */
record RedriveQueues(Map<String, Route> routes) {
    static final String VARIABLE = "REDRIVE_QUEUES";

    /** One dead-letter queue and the source queue its messages are re-sent to. */
    record Route(String deadLetterQueueUrl, String sourceQueueUrl) {
    }

    RedriveQueues {
        routes = Collections.unmodifiableMap(new LinkedHashMap<>(routes));
    }

    /** @throws IllegalStateException naming {@value #VARIABLE} and what is wrong with it */
    static RedriveQueues parse(String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid("not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw invalid("expected a non-empty JSON object of name -> {deadLetterQueueUrl, sourceQueueUrl}");
        }
        Map<String, Route> routes = new LinkedHashMap<>();
        for (var entry : root.properties()) {
            String name = entry.getKey();
            JsonNode route = entry.getValue();
            if (name.isBlank()) {
                throw invalid("a queue name is blank");
            }
            if (!route.isObject()) {
                throw invalid("\"" + name + "\" must be an object {deadLetterQueueUrl, sourceQueueUrl}");
            }
            route.fieldNames().forEachRemaining(field -> {
                if (!field.equals("deadLetterQueueUrl") && !field.equals("sourceQueueUrl")) {
                    throw invalid("\"" + name + "\" has an unknown field \"" + field + "\"");
                }
            });
            String dlq = fifoQueueUrl(name, "deadLetterQueueUrl", route.get("deadLetterQueueUrl"));
            String source = fifoQueueUrl(name, "sourceQueueUrl", route.get("sourceQueueUrl"));
            if (dlq.equals(source)) {
                throw invalid("\"" + name + "\": deadLetterQueueUrl and sourceQueueUrl are the same queue");
            }
            routes.put(name, new Route(dlq, source));
        }
        return new RedriveQueues(routes);
    }

    Optional<Route> route(String name) {
        return Optional.ofNullable(routes.get(name));
    }

    Set<String> names() {
        return routes.keySet();
    }

    private static String fifoQueueUrl(String name, String field, JsonNode value) {
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw invalid("\"" + name + "\"." + field + " must be a queue URL");
        }
        String url = value.asText();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw invalid("\"" + name + "\"." + field + " is not a URL: " + url);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw invalid("\"" + name + "\"." + field + " is not an http(s) queue URL: " + url);
        }
        // The tool keeps FIFO order and group ids; a standard queue would take neither.
        if (!url.endsWith(".fifo")) {
            throw invalid("\"" + name + "\"." + field + " is not a FIFO queue (name must end in .fifo): " + url);
        }
        return url;
    }

    private static IllegalStateException invalid(String problem) {
        return new IllegalStateException("environment variable " + VARIABLE + " is invalid: " + problem
                + " (see template.yaml)");
    }
}
