package io.github.orderevents.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A failed invocation as Lambda reports it: the errorType, errorMessage and stackTrace of its error payload. */
public final class FunctionError extends RuntimeException {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String errorType;
    private final String errorMessage;
    private final List<String> trace;

    public FunctionError(String errorType, String errorMessage, List<String> stackTrace) {
        super(errorType + ": " + errorMessage, null, false, false);
        this.errorType = errorType;
        this.errorMessage = errorMessage;
        this.trace = List.copyOf(stackTrace);
    }

    /**
     * The error in a runtime's error body ({errorMessage, errorType, stackTrace}); {@code fallbackType} (the
     * {@code Lambda-Runtime-Function-Error-Type} header) when the body names none or is not JSON.
     */
    static FunctionError fromRuntime(String fallbackType, byte[] body) {
        String type = fallbackType == null ? "Runtime.Unknown" : fallbackType;
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.isObject()) {
                List<String> stackTrace = new ArrayList<>();
                json.path("stackTrace").forEach(line -> stackTrace.add(line.asText()));
                String errorType = json.hasNonNull("errorType") ? json.get("errorType").asText() : type;
                return new FunctionError(errorType, json.path("errorMessage").asText(""), stackTrace);
            }
        } catch (IOException e) {
            // Not JSON: the body is the message.
        }
        return new FunctionError(type, text, List.of());
    }

    public String errorType() {
        return errorType;
    }

    public String errorMessage() {
        return errorMessage;
    }

    public List<String> stackTraceLines() {
        return trace;
    }

    /** The payload Lambda's Invoke API returns for this error. */
    public String payload() {
        var node = JSON.createObjectNode().put("errorMessage", errorMessage).put("errorType", errorType);
        if (!trace.isEmpty()) {
            trace.forEach(node.putArray("stackTrace")::add);
        }
        return node.toString();
    }

    @Override
    public String toString() {
        return errorType + ": " + errorMessage;
    }
}
