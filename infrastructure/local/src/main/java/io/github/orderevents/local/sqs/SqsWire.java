package io.github.orderevents.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.orderevents.local.Json;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The two wire protocols of SQS. JSON (AWS SDK v2, botocore / aws CLI v1 from 1.32): POST with
 * {@code X-Amz-Target: AmazonSQS.<Action>}, a JSON body and answer, errors as {@code __type} plus the
 * {@code x-amzn-query-error: <code>;Sender} header that query-compatible clients read. Query (older
 * SDKs and CLIs): {@code Action=<Action>&...} form-encoded in the body or the query string, XML answers.
 */
final class SqsWire {
    static final String JSON_CONTENT_TYPE = "application/x-amz-json-1.0";
    static final String XML_NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/";
    private static final String TARGET_PREFIX = "AmazonSQS.";

    private SqsWire() {
    }

    enum Protocol { JSON, QUERY }

    /** An SQS call: its protocol, its action (empty if none is recognisable) and its scalar parameters. */
    record Call(Protocol protocol, String action, Map<String, String> parameters) {
        Optional<String> string(String name) {
            return Optional.ofNullable(parameters.get(name));
        }

        Optional<Integer> integer(String name) {
            String value = parameters.get(name);
            if (value == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(Integer.parseInt(value.trim()));
            } catch (NumberFormatException e) {
                throw SqsApiException.invalidParameterValue("Value " + value + " for parameter " + name + " is invalid.");
            }
        }
    }

    /** The protocol a request speaks: JSON if it names its action in {@code X-Amz-Target}. */
    static Protocol protocol(String target) {
        return target != null && target.startsWith(TARGET_PREFIX) ? Protocol.JSON : Protocol.QUERY;
    }

    /**
     * What action a request calls, with its parameters. A JSON body is read only for the actions in
     * {@code readJsonFor}: the others pass through untouched.
     */
    static Call read(String target, String contentType, String rawQuery, byte[] body, Set<String> readJsonFor) {
        if (protocol(target) == Protocol.JSON) {
            String action = target.substring(TARGET_PREFIX.length());
            return new Call(Protocol.JSON, action, readJsonFor.contains(action) ? jsonScalars(body) : Map.of());
        }
        Map<String, String> parameters = new HashMap<>(form(rawQuery));
        if (contentType != null && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            parameters.putAll(form(new String(body, StandardCharsets.UTF_8)));
        }
        return new Call(Protocol.QUERY, parameters.getOrDefault("Action", ""), Map.copyOf(parameters));
    }

    private static Map<String, String> jsonScalars(byte[] body) {
        if (body.length == 0) {
            return Map.of();
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw SqsApiException.invalidParameterValue("The request body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw SqsApiException.invalidParameterValue("The request body must be a JSON object.");
        }
        Map<String, String> scalars = new HashMap<>();
        root.fields().forEachRemaining(field -> {
            if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                scalars.put(field.getKey(), field.getValue().asText());
            } else if (!field.getValue().isNull()) {
                throw SqsApiException.invalidParameterValue("Value for parameter " + field.getKey() + " is invalid.");
            }
        });
        return scalars;
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> parameters = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                parameters.put(name, value);
            } catch (IllegalArgumentException e) {
                // A malformed escape: not ours to judge, the backend answers such requests.
            }
        }
        return parameters;
    }

    /** An answer to send back. */
    record Reply(int status, String contentType, Map<String, String> headers, byte[] body) {
    }

    static Reply startResult(Protocol protocol, String taskHandle) {
        if (protocol == Protocol.JSON) {
            return json(Json.MAPPER.createObjectNode().put("TaskHandle", taskHandle));
        }
        return xml("StartMessageMoveTask", "<TaskHandle>" + escape(taskHandle) + "</TaskHandle>");
    }

    static Reply cancelResult(Protocol protocol, long moved) {
        if (protocol == Protocol.JSON) {
            return json(Json.MAPPER.createObjectNode().put("ApproximateNumberOfMessagesMoved", moved));
        }
        return xml("CancelMessageMoveTask", "<ApproximateNumberOfMessagesMoved>" + moved + "</ApproximateNumberOfMessagesMoved>");
    }

    /** ListMessageMoveTasksResultEntry as the API reference defines it: absent members are left out. */
    static Reply listResult(Protocol protocol, List<MoveTask> tasks) {
        if (protocol == Protocol.JSON) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            ArrayNode results = root.putArray("Results");
            for (MoveTask task : tasks) {
                ObjectNode entry = results.addObject();
                entries(task).forEach((name, value) -> {
                    if (value instanceof Number number) {
                        entry.put(name, number.longValue());
                    } else {
                        entry.put(name, value.toString());
                    }
                });
            }
            return json(root);
        }
        StringBuilder result = new StringBuilder();
        for (MoveTask task : tasks) {
            // The query protocol flattens the list: one element per entry, named after the entry shape.
            result.append("<ListMessageMoveTasksResultEntry>");
            entries(task).forEach((name, value) ->
                    result.append('<').append(name).append('>').append(escape(value.toString())).append("</").append(name).append('>'));
            result.append("</ListMessageMoveTasksResultEntry>");
        }
        return xml("ListMessageMoveTasks", result.toString());
    }

    private static Map<String, Object> entries(MoveTask task) {
        Map<String, Object> entry = new LinkedHashMap<>();
        if (task.status() == MoveTask.Status.RUNNING) {
            entry.put("TaskHandle", task.taskHandle());
        }
        entry.put("Status", task.status().name());
        entry.put("SourceArn", task.sourceArn());
        if (task.destinationArn() != null) {
            entry.put("DestinationArn", task.destinationArn());
        }
        if (task.maxNumberOfMessagesPerSecond() != null) {
            entry.put("MaxNumberOfMessagesPerSecond", task.maxNumberOfMessagesPerSecond());
        }
        entry.put("ApproximateNumberOfMessagesMoved", task.approximateNumberOfMessagesMoved());
        entry.put("ApproximateNumberOfMessagesToMove", task.approximateNumberOfMessagesToMove());
        if (task.failureReason() != null) {
            entry.put("FailureReason", task.failureReason());
        }
        entry.put("StartedTimestamp", task.startedTimestamp());
        return entry;
    }

    static Reply error(Protocol protocol, SqsApiException error) {
        if (protocol == Protocol.JSON) {
            ObjectNode body = Json.MAPPER.createObjectNode().put("__type", error.jsonType()).put("message", error.getMessage());
            return new Reply(error.httpStatus(), JSON_CONTENT_TYPE,
                    Map.of("x-amzn-query-error", error.errorCode() + ";" + fault(error), "x-amzn-RequestId", requestId()),
                    Json.write(body).getBytes(StandardCharsets.UTF_8));
        }
        String requestId = requestId();
        String body = "<?xml version=\"1.0\"?><ErrorResponse xmlns=\"" + XML_NAMESPACE + "\"><Error><Type>" + fault(error) + "</Type><Code>"
                + escape(error.errorCode()) + "</Code><Message>" + escape(error.getMessage()) + "</Message><Detail/></Error>"
                + "<RequestId>" + requestId + "</RequestId></ErrorResponse>";
        return new Reply(error.httpStatus(), "text/xml", Map.of("x-amzn-RequestId", requestId),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static String fault(SqsApiException error) {
        return error.httpStatus() >= 500 ? "Receiver" : "Sender";
    }

    private static Reply json(ObjectNode body) {
        return new Reply(200, JSON_CONTENT_TYPE, Map.of("x-amzn-RequestId", requestId()),
                Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static Reply xml(String action, String result) {
        String requestId = requestId();
        String body = "<?xml version=\"1.0\"?><" + action + "Response xmlns=\"" + XML_NAMESPACE + "\"><" + action + "Result>"
                + result + "</" + action + "Result><ResponseMetadata><RequestId>" + requestId
                + "</RequestId></ResponseMetadata></" + action + "Response>";
        return new Reply(200, "text/xml", Map.of("x-amzn-RequestId", requestId), body.getBytes(StandardCharsets.UTF_8));
    }

    private static String requestId() {
        return UUID.randomUUID().toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
