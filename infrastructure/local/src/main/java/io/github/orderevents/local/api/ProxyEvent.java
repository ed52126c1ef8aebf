package io.github.orderevents.local.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the REST API Lambda proxy integration event (payload format 1.0) for one request, in the shape of
 * {@code events/create-order.json}: the fields of the API Gateway developer guide's "Input format of a
 * Lambda function for proxy integration".
 */
final class ProxyEvent {
    static final String ACCOUNT_ID = "000000000000";
    static final String API_ID = "local";

    /** What the server read of one request; header names as the client spelled them, values in order. */
    record Request(String method, String decodedPath, String rawQuery,
                   Map<String, List<String>> headers, byte[] body, String sourceIp, String domainName,
                   String requestId, long requestTimeEpoch) {
    }

    private ProxyEvent() {
    }

    /**
     * @param request the request, its path without the stage prefix (the {@code path} of API Gateway's event)
     * @param stage   the stage it came through: requestContext.stage, and the prefix of requestContext.path
     * @param apiId   the REST API's id (requestContext.apiId)
     */
    static ObjectNode of(Request request, RouteTable.Match match, String stage, String apiId) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode event = json.objectNode();
        String resource = match.template().text();
        event.put("resource", resource);
        event.put("path", request.decodedPath());
        event.put("httpMethod", request.method());
        // Single-value maps keep the last value of a repeated name, as API Gateway does: its guide's example
        // turns ?multivalueName=you&multivalueName=me into "multivalueName": "me".
        event.set("headers", request.headers().isEmpty() ? json.nullNode() : lastValues(request.headers()));
        event.set("multiValueHeaders", request.headers().isEmpty() ? json.nullNode() : allValues(request.headers()));
        Map<String, List<String>> query = parseQuery(request.rawQuery());
        event.set("queryStringParameters", query.isEmpty() ? json.nullNode() : lastValues(query));
        event.set("multiValueQueryStringParameters", query.isEmpty() ? json.nullNode() : allValues(query));
        if (match.pathParameters().isEmpty()) {
            event.set("pathParameters", json.nullNode());
        } else {
            ObjectNode parameters = event.putObject("pathParameters");
            match.pathParameters().forEach(parameters::put);
        }
        event.set("stageVariables", json.nullNode());

        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", ACCOUNT_ID);
        context.put("resourceId", resourceId(resource));
        context.put("stage", stage);
        context.put("requestId", request.requestId());
        ObjectNode identity = context.putObject("identity");
        identity.put("sourceIp", request.sourceIp());
        identity.put("userAgent", lastValue(request.headers(), "User-Agent"));
        for (String absent : List.of("caller", "user", "accessKey", "userArn", "accountId", "cognitoIdentityId")) {
            identity.putNull(absent);
        }
        context.put("resourcePath", resource);
        context.put("httpMethod", request.method());
        context.put("apiId", apiId);
        // On the execute-api domain the context path carries the stage: /v1/orders for /orders.
        context.put("path", "/" + stage + request.decodedPath());
        context.put("protocol", "HTTP/1.1");
        context.put("requestTimeEpoch", request.requestTimeEpoch());
        context.put("domainName", request.domainName());

        byte[] body = request.body();
        if (body.length == 0) {
            event.putNull("body");
            event.put("isBase64Encoded", false);
        } else if (isText(lastValue(request.headers(), "Content-Type"), body)) {
            event.put("body", new String(body, StandardCharsets.UTF_8));
            event.put("isBase64Encoded", false);
        } else {
            event.put("body", Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", true);
        }
        return event;
    }

    /**
     * Whether the body goes to the function as text. The deployed API declares no BinaryMediaTypes, so API
     * Gateway would pass every body as a UTF-8 string and mangle binary ones; locally we keep it simple and
     * lossless instead: text/*, application/json, application/*+json and form data (urlencoded or
     * multipart) go as text when they are valid UTF-8, a body without Content-Type likewise; anything else
     * (and any invalid UTF-8) goes base64 with isBase64Encoded true.
     */
    static boolean isText(String contentType, byte[] body) {
        if (contentType != null && !isTextMediaType(contentType)) {
            return false;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static boolean isTextMediaType(String contentType) {
        String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return media.startsWith("text/")
                || media.equals("application/json")
                || (media.startsWith("application/") && media.endsWith("+json"))
                || media.equals("application/x-www-form-urlencoded")
                || media.equals("multipart/form-data");
    }

    /** Query parameters in order of appearance, names and values decoded ({@code +} is a space here). */
    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decodeQuery(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    /** A stable id per resource, as API Gateway gives each resource its own id. */
    static String resourceId(String resourcePath) {
        return String.format("%06x", resourcePath.hashCode() & 0xffffff);
    }

    private static String lastValue(Map<String, List<String>> headers, String name) {
        String found = null;
        for (var entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                found = entry.getValue().get(entry.getValue().size() - 1);
            }
        }
        return found;
    }

    private static ObjectNode lastValues(Map<String, List<String>> values) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        values.forEach((name, list) -> node.put(name, list.isEmpty() ? "" : list.get(list.size() - 1)));
        return node;
    }

    private static ObjectNode allValues(Map<String, List<String>> values) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        values.forEach((name, list) -> {
            ArrayNode array = node.putArray(name);
            list.forEach(array::add);
        });
        return node;
    }
}
