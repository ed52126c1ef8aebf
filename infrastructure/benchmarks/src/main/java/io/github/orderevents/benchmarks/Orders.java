package io.github.orderevents.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.orderevents.local.LocalCloud;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The application as a client sees it through the local cloud's API, and its tables as the cloud's own client reads them. */
final class Orders {
    static final String SKU = "BENCH-PLENTY";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalCloud cloud;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Orders(LocalCloud cloud) {
        this.cloud = cloud;
    }

    /** What the order's history and the customer's notifications say happened, and when. */
    record Timeline(Instant placed, Instant decided, Instant notified) {
    }

    void stock(int units) {
        stock(SKU, units);
    }

    void stock(String sku, int units) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(api("/inventory/" + sku)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"available\": " + units + "}")).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("PUT /inventory/" + sku + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** POST /orders, asynchronously: the answer's order id, empty for anything but 201. */
    CompletableFuture<Optional<String>> place(String customerId, String key) {
        return place(customerId, Optional.of(key), SKU, "standard");
    }

    /** POST /orders of one unit of {@code sku} in the lane {@code priority} ("standard" or "express"). */
    CompletableFuture<Optional<String>> place(String customerId, Optional<String> key, String sku, String priority) {
        String body = "{\"customerId\":\"" + customerId + "\",\"currency\":\"EUR\",\"priority\":\"" + priority
                + "\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":1,\"unitPrice\":\"9.99\"}]}";
        HttpRequest.Builder builder = HttpRequest.newBuilder(api("/orders")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        key.ifPresent(k -> builder.header("Idempotency-Key", k));
        HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 201) {
                return Optional.<String>empty();
            }
            try {
                return Optional.of(JSON.readTree(response.body()).get("orderId").asText());
            } catch (IOException e) {
                return Optional.<String>empty();
            }
        }).exceptionally(e -> Optional.empty());
    }

    /**
     * The order's timeline: placed and decided (CONFIRMED or REJECTED) from its history in GET /orders/{id}; notified
     * from the customer's notification of the decision as the notifications table recorded it (the API's
     * notifications tell when the event occurred, not when the notification was recorded).
     */
    Timeline timeline(String orderId, String customerId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(api("/orders/" + orderId)).GET().build());
        Instant placed = null;
        Instant decided = null;
        String decision = null;
        if (response.statusCode() == 200) {
            try {
                for (JsonNode entry : JSON.readTree(response.body()).path("history")) {
                    String type = entry.path("eventType").asText();
                    Instant at = Instant.parse(entry.path("occurredAt").asText());
                    if (type.equals("OrderPlaced")) {
                        placed = at;
                    } else if (type.equals("OrderConfirmed") || type.equals("OrderRejected")) {
                        decided = at;
                        decision = type;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("GET /orders/" + orderId + " is not JSON: " + response.body(), e);
            }
        }
        return new Timeline(placed, decided, decision == null ? null : notified(customerId, orderId, decision));
    }

    /** When the order was placed and decided, from its history in the orders table (read directly); decided may be null. */
    record Decision(Instant placed, Instant decided) {
    }

    Decision decision(String orderId) {
        var item = cloud.dynamo().getItem(r -> r.tableName(table("OrdersTable")).consistentRead(true)
                .key(Map.of("orderId", AttributeValue.fromS(orderId)))).item();
        Instant placed = null;
        Instant decided = null;
        if (item != null && item.containsKey("history")) {
            for (AttributeValue entry : item.get("history").l()) {
                String type = entry.m().get("eventType").s();
                Instant at = Instant.parse(entry.m().get("occurredAt").s());
                if (type.equals("OrderPlaced")) {
                    placed = at;
                } else if (type.equals("OrderConfirmed") || type.equals("OrderRejected")) {
                    decided = at;
                }
            }
        }
        return new Decision(placed, decided);
    }

    /** Whether the order reached CONFIRMED or REJECTED (read directly: no function invoked, no request counted). */
    boolean terminal(String orderId) {
        var item = cloud.dynamo().getItem(r -> r.tableName(table("OrdersTable")).consistentRead(true)
                .key(Map.of("orderId", AttributeValue.fromS(orderId)))).item();
        return item != null && item.containsKey("status") && !item.get("status").s().equals("PENDING");
    }

    int notifications(String customerId) {
        return cloud.dynamo().query(r -> r.tableName(table("NotificationsTable")).keyConditionExpression("customerId = :c")
                .consistentRead(true).expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customerId)))).count();
    }

    private Instant notified(String customerId, String orderId, String eventType) {
        return cloud.dynamo().query(r -> r.tableName(table("NotificationsTable")).keyConditionExpression("customerId = :c")
                        .consistentRead(true).expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customerId)))).items()
                .stream().filter(n -> orderId.equals(s(n, "orderId")) && eventType.equals(s(n, "eventType")) && n.containsKey("recordedAt"))
                .map(n -> Instant.parse(n.get("recordedAt").s())).findFirst().orElse(null);
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI api(String path) {
        return cloud.apiEndpoint().resolve(path);
    }

    private String table(String logicalId) {
        return cloud.resources().get(logicalId).ref();
    }
}
