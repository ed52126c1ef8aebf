package io.github.orderevents.createorder;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Variants of the events/ fixtures for POST /orders, and reading the JSON of a response. */
final class Requests {
    static final String FIXTURE = "events/create-order.json";
    static final String INVALID_FIXTURE = "events/create-order-invalid.json";
    /** The body of events/create-order.json with its JSON laid out differently: same request. */
    static final String FIXTURE_BODY_REFORMATTED = """
            {
              "currency" : "EUR",
              "items" : [
                { "unitPrice" : "19.99", "sku" : "SKU-RED-1", "quantity" : 2 },
                { "quantity" : 1, "unitPrice" : "5.00", "sku" : "SKU-BLUE-7" }
              ],
              "customerId" : "cust-42"
            }
            """;

    private Requests() {
    }

    static APIGatewayProxyRequestEvent fixture() {
        return EventLoader.loadApiGatewayRestEvent(FIXTURE);
    }

    /** Sets a header in both header maps, replacing any spelling of its name, as API Gateway would send it. */
    static APIGatewayProxyRequestEvent withHeader(APIGatewayProxyRequestEvent in, String name, String value) {
        withoutHeader(in, name);
        in.getHeaders().put(name, value);
        in.getMultiValueHeaders().put(name, new ArrayList<>(List.of(value)));
        return in;
    }

    static APIGatewayProxyRequestEvent withoutHeader(APIGatewayProxyRequestEvent in, String name) {
        Map<String, String> headers = in.getHeaders() == null ? new HashMap<>() : new HashMap<>(in.getHeaders());
        Map<String, List<String>> multi = in.getMultiValueHeaders() == null ? new HashMap<>()
                : new HashMap<>(in.getMultiValueHeaders());
        headers.keySet().removeIf(name::equalsIgnoreCase);
        multi.keySet().removeIf(name::equalsIgnoreCase);
        in.setHeaders(headers);
        in.setMultiValueHeaders(multi);
        return in;
    }

    static APIGatewayProxyRequestEvent withBody(APIGatewayProxyRequestEvent in, String body) {
        in.setBody(body);
        in.setIsBase64Encoded(false);
        return in;
    }

    static APIGatewayProxyRequestEvent withBase64Body(APIGatewayProxyRequestEvent in, String base64) {
        in.setBody(base64);
        in.setIsBase64Encoded(true);
        return in;
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A body for customer cust-42 in EUR with these item objects (JSON text). */
    static String bodyWithItems(String... items) {
        return "{\"customerId\":\"cust-42\",\"items\":[" + String.join(",", items) + "],\"currency\":\"EUR\"}";
    }

    static String item(String sku, String quantityJson, String unitPriceJson) {
        return "{\"sku\":\"" + sku + "\",\"quantity\":" + quantityJson + ",\"unitPrice\":" + unitPriceJson + "}";
    }

    static String validItem() {
        return item("SKU-1", "2", "\"19.99\"");
    }

    /** The response body as JSON; fails the test if it is not. */
    static JsonNode json(APIGatewayProxyResponseEvent response) {
        try {
            return Json.MAPPER.readTree(response.getBody());
        } catch (JsonProcessingException e) {
            throw new AssertionError("response body is not JSON: " + response.getBody(), e);
        }
    }
}
