package io.github.orderevents.local.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A function's proxy integration response ({statusCode, headers, multiValueHeaders, body, isBase64Encoded})
 * read the way API Gateway reads it.
 */
record ProxyResponse(int statusCode, Map<String, List<String>> headers, byte[] body) {

    /** The function's output is not a proxy response: API Gateway answers 502 for it. */
    static final class MalformedException extends RuntimeException {
        MalformedException(String message) {
            super(message);
        }
    }

    /** @throws MalformedException if {@code output} is not a valid proxy integration response */
    static ProxyResponse from(JsonNode output) {
        if (output == null || !output.isObject()) {
            throw new MalformedException("response is not a JSON object: " + abbreviate(output));
        }
        JsonNode status = output.get("statusCode");
        int statusCode;
        if (status != null && status.canConvertToInt() && status.isIntegralNumber()) {
            statusCode = status.intValue();
        } else if (status != null && status.isTextual() && status.asText().matches("\\d{3}")) {
            statusCode = Integer.parseInt(status.asText());
        } else {
            throw new MalformedException("no integer statusCode in " + abbreviate(output));
        }
        if (statusCode < 100 || statusCode > 599) {
            throw new MalformedException("statusCode " + statusCode + " is not an HTTP status");
        }

        // "If you specify values for both headers and multiValueHeaders, API Gateway merges them into a
        // single list. If the same key-value pair is specified in both, only the values from
        // multiValueHeaders will appear in the merged list." (Output format of a Lambda function for proxy
        // integration.) Header names compare case-insensitively, as in HTTP.
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        JsonNode multi = output.get("multiValueHeaders");
        if (multi != null && !multi.isNull()) {
            if (!multi.isObject()) {
                throw new MalformedException("multiValueHeaders is not an object");
            }
            for (var entry : multi.properties()) {
                if (!entry.getValue().isArray()) {
                    throw new MalformedException("multiValueHeaders." + entry.getKey() + " is not an array");
                }
                for (JsonNode value : entry.getValue()) {
                    addHeader(headers, entry.getKey(), value);
                }
            }
        }
        JsonNode single = output.get("headers");
        if (single != null && !single.isNull()) {
            if (!single.isObject()) {
                throw new MalformedException("headers is not an object");
            }
            for (var entry : single.properties()) {
                addHeader(headers, entry.getKey(), entry.getValue());
            }
        }

        JsonNode bodyNode = output.get("body");
        String body = bodyNode == null || bodyNode.isNull() ? "" : bodyNode.asText();
        boolean base64 = output.path("isBase64Encoded").asBoolean(false);
        byte[] bytes;
        if (base64) {
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new MalformedException("isBase64Encoded but body is not base64: " + e.getMessage());
            }
        } else {
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        return new ProxyResponse(statusCode, headers, bytes);
    }

    private static void addHeader(Map<String, List<String>> headers, String name, JsonNode value) {
        if (value == null || value.isNull() || value.isContainerNode()) {
            throw new MalformedException("header " + name + " has no single value: " + value);
        }
        String text = value.asText();
        if (name.isEmpty() || name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new MalformedException("header " + name + " has a line break or no name");
        }
        List<String> values = headers.computeIfAbsent(name, n -> new ArrayList<>());
        if (!values.contains(text)) {
            values.add(text);
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = String.valueOf(node);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
