package io.github.orderevents.systemtests.backends;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.Json;
import io.github.orderevents.aws.testing.FreePort;
import io.github.orderevents.local.LocalCloud;
import io.github.orderevents.local.LocalCloudOptions;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The end-to-end scenario every backend IT runs: the local cloud (API, functions, stream and queue
 * triggers) provisions template.yaml on an existing DynamoDB + SQS backend and is driven through its
 * API like a client would: stock for a SKU, an order for it, the order confirmed, and the customer's
 * two notifications (OrderPlaced, OrderConfirmed), each applied once.
 */
final class OrderScenario implements AutoCloseable {
    static final String SKU = "SKU-1";
    static final String CUSTOMER = "cust-42";
    private static final String ORDER = """
            {"customerId": "cust-42", "items": [{"sku": "SKU-1", "quantity": 2, "unitPrice": "19.99"}], "currency": "EUR"}""";

    private final LocalCloud cloud;
    private final Path functionLog;
    private final String correlationId;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OrderScenario(LocalCloud cloud, Path functionLog, String correlationId) {
        this.cloud = cloud;
        this.functionLog = functionLog;
        this.correlationId = correlationId;
    }

    /** Runs the whole scenario on {@code backend} (one endpoint for DynamoDB and SQS): start, follow an order, stop. */
    static void run(URI backend, String name) {
        try (OrderScenario scenario = start(backend, name)) {
            scenario.placeOrderAndFollowIt();
        }
    }

    /**
     * Starts the local cloud on {@code backend}: the API on a free loopback port, function output in
     * target/{@code name}-functions.log.
     */
    static OrderScenario start(URI backend, String name) {
        Path functionLog = targetDirectory().resolve(name + "-functions.log");
        try {
            Files.deleteIfExists(functionLog);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalCloudOptions options = LocalCloudOptions.defaults(projectRoot().resolve("template.yaml"))
                .withExternalEndpoint(backend)
                .withPorts(FreePort.find(), FreePort.find(), FreePort.find())
                .withLambdaPort(FreePort.find())
                .withFunctionLog(Optional.of(functionLog))
                .withStatusLine(false);
        return new OrderScenario(LocalCloud.start(options), functionLog, "it-" + name + "-" + UUID.randomUUID());
    }

    static Path projectRoot() {
        return Path.of(System.getProperty("project.root", "../..")).toAbsolutePath().normalize();
    }

    /** This module's target folder, for logs. */
    static Path targetDirectory() {
        Path target = projectRoot().resolve("infrastructure/local/target");
        try {
            return Files.createDirectories(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stock, an order, its confirmation, its notifications; checks every step and the state it leaves. */
    void placeOrderAndFollowIt() {
        HttpResponse<String> stock = send(HttpRequest.newBuilder(api("/inventory/" + SKU))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"available\": 10}")));
        assertThat(stock.statusCode()).as(() -> "PUT /inventory/" + SKU + ": " + stock.body() + log()).isEqualTo(200);
        assertThat(json(stock).path("available").asInt()).isEqualTo(10);

        String idempotencyKey = UUID.randomUUID().toString();
        HttpResponse<String> created = postOrder(idempotencyKey);
        assertThat(created.statusCode()).as(() -> "POST /orders: " + created.body() + log()).isEqualTo(201);
        JsonNode order = json(created);
        String orderId = order.path("orderId").asText();
        assertThat(orderId).startsWith("ord-");
        assertThat(created.headers().firstValue("Location")).contains("/orders/" + orderId);
        assertThat(order.path("status").asText()).isEqualTo("PENDING");
        assertThat(order.path("customerId").asText()).isEqualTo(CUSTOMER);
        assertThat(order.path("total").asText()).isEqualTo("39.98");
        assertThat(texts(order.path("history"), "eventType")).containsExactly("OrderPlaced");

        // The same Idempotency-Key with the same request: the same order, nothing new written.
        HttpResponse<String> replayed = postOrder(idempotencyKey);
        assertThat(replayed.statusCode()).as(() -> "replayed POST /orders: " + replayed.body() + log()).isEqualTo(201);
        assertThat(json(replayed).path("orderId").asText()).isEqualTo(orderId);

        HttpResponse<String> confirmed = send(HttpRequest.newBuilder(api("/orders/" + orderId + "?waitSeconds=15")).GET());
        assertThat(confirmed.statusCode()).as(() -> "GET /orders/" + orderId + ": " + confirmed.body() + log()).isEqualTo(200);
        JsonNode state = json(confirmed);
        assertThat(state.path("status").asText()).as(() -> "order status after waitSeconds=15" + log()).isEqualTo("CONFIRMED");
        assertThat(texts(state.path("history"), "eventType")).containsExactly("OrderPlaced", "OrderConfirmed");
        assertThat(texts(state.path("history"), "sequence")).containsExactly("1", "2");
        List<String> eventIds = texts(state.path("history"), "eventId");

        await("the OrderPlaced and OrderConfirmed notifications of " + orderId)
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    HttpResponse<String> listed = send(HttpRequest.newBuilder(api("/customers/" + CUSTOMER + "/notifications")).GET());
                    assertThat(listed.statusCode()).as(() -> "GET notifications: " + listed.body()).isEqualTo(200);
                    List<JsonNode> ofOrder = StreamSupport.stream(json(listed).path("notifications").spliterator(), false)
                            .filter(n -> orderId.equals(n.path("orderId").asText())).toList();
                    assertThat(ofOrder).extracting(n -> n.path("eventType").asText())
                            .as(() -> "notifications of " + orderId + log())
                            .containsExactly("OrderPlaced", "OrderConfirmed");
                    assertThat(ofOrder).extracting(n -> n.path("sequence").asInt()).containsExactly(1, 2);
                    assertThat(ofOrder).extracting(n -> n.path("eventId").asText()).containsExactlyElementsOf(eventIds);
                });

        // Stock reserved once; nothing dead-lettered, no stream batch given up.
        Map<String, AttributeValue> level = cloud.dynamo().getItem(r -> r
                .tableName(cloud.resources().get("StockTable").ref())
                .key(Map.of("sku", AttributeValue.fromS(SKU)))
                .consistentRead(true)).item();
        assertThat(level.get("available").n()).isEqualTo("8");
        assertThat(level.get("reserved").n()).isEqualTo("2");
        assertThat(cloud.queueDepths()).as(() -> "queue depths" + log())
                .filteredOn(q -> q.deadLetterQueue() || q.logicalId().equals("OutboxRelayFailureQueue"))
                .isNotEmpty()
                .allSatisfy(q -> assertThat(q.visible() + q.inFlight()).as(q.name()).isZero());
    }

    private HttpResponse<String> postOrder(String idempotencyKey) {
        return send(HttpRequest.newBuilder(api("/orders"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .header("X-Correlation-Id", correlationId)
                .POST(HttpRequest.BodyPublishers.ofString(ORDER)));
    }

    private URI api(String pathAndQuery) {
        return URI.create(cloud.apiEndpoint() + pathAndQuery);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.path(field).asText()));
        return values;
    }

    /** The end of the function log, for failure messages. */
    private String log() {
        try {
            List<String> lines = Files.exists(functionLog) ? Files.readAllLines(functionLog) : List.of();
            return "\n--- last lines of " + functionLog + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "\n(function log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        cloud.close();
    }
}
