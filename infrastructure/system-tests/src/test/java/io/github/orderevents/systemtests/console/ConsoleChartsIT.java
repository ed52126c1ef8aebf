package io.github.orderevents.systemtests.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.Json;
import io.github.orderevents.local.LocalCloud;
import io.github.orderevents.systemtests.ProjectCloud;
import io.github.orderevents.local.LocalCloudOptions;
import io.github.orderevents.local.testing.ConsoleBrowser;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * This application's console charts in a real browser ({@link ConsoleBrowser}): the template on the local cloud,
 * a few orders of both lanes through the API, then queue depth per queue, DLQ depth, every function's processing
 * time and the app's own EMF metrics (the consumers' processing time, the end-to-end age of each lane) drawn with data.
 */
class ConsoleChartsIT {
    private static final Path SCREENSHOT = ConsoleBrowser.screenshot("console-charts.png");
    private static final List<String> ORDER_FUNCTIONS = List.of("CreateOrderFunction", "OutboxRelayFunction",
            "InventoryFunction", "NotificationFunction", "GetOrderFunction");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void afterSomeOrdersTheConsoleChartsQueueDepthEachFunctionsProcessingTimeAndTheEndToEndAgeOfEachLane() throws Exception {
        ConsoleBrowser.assumeTools();
        LocalCloudOptions options = ProjectCloud.options("console-charts-it").withSchedules(false);
        try (LocalCloud cloud = LocalCloud.start(options); http) {
            URI api = cloud.apiEndpoint();
            assertThat(send(api, "PUT", "/inventory/SKU-CHARTS", "{\"available\": 100}").statusCode()).isEqualTo(200);
            List<String> orders = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> placed = send(api, "POST", "/orders", Json.write(Map.of("customerId", "cust-charts-" + i,
                        "currency", "EUR", "priority", i % 2 == 0 ? "standard" : "express",
                        "items", List.of(Map.of("sku", "SKU-CHARTS", "quantity", 1, "unitPrice", "9.99")))));
                assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
                orders.add(Json.MAPPER.readTree(placed.body()).get("orderId").asText());
            }
            for (String order : orders) {
                // Cold starts on a busy machine can outlast one wait: ask again until the order is confirmed.
                await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                    HttpResponse<String> read = send(api, "GET", "/orders/" + order + "?waitSeconds=5", null);
                    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
                    assertThat(Json.MAPPER.readTree(read.body()).get("status").asText()).isEqualTo("CONFIRMED");
                });
            }

            JsonNode summary = ConsoleBrowser.browse("console-charts.mjs", api.resolve("/_local/"), SCREENSHOT,
                    Json.write(List.of("queue-visible", "queue-in-flight", "dlq-depth", "function-duration")));

            assertThat(summary.get("offsite")).as("requests off the console's origin").isEmpty();
            assertThat(summary.get("errors")).as("errors in the page").isEmpty();
            JsonNode charts = summary.get("charts");
            String inventory = queueName(cloud, "InventoryQueue");
            String notifications = queueName(cloud, "NotificationsQueue");
            JsonNode visible = chart(charts, "queue-visible");
            assertThat(labels(visible)).contains(inventory, notifications)
                    .doesNotContain(queueName(cloud, "InventoryDeadLetterQueue"));
            assertThat(visible.get("series")).allSatisfy(s -> assertThat(s.get("points").asInt()).isPositive());
            assertThat(labels(chart(charts, "queue-in-flight"))).contains(inventory, notifications);
            assertThat(labels(chart(charts, "dlq-depth"))).contains(queueName(cloud, "InventoryDeadLetterQueue"),
                    queueName(cloud, "NotificationsDeadLetterQueue"));

            JsonNode duration = chart(charts, "function-duration");
            assertThat(duration.get("caption").asText()).contains("Milliseconds", "p99", "p50");
            for (String function : ORDER_FUNCTIONS) {
                String name = cloud.processFunctions().get(function).name();
                assertThat(duration.get("series")).as(function)
                        .filteredOn(s -> s.get("label").asText().equals(name))
                        .extracting(s -> s.get("statistic").asText() + " " + (s.get("points").asInt() > 0))
                        .containsExactly("p99 true", "p50 true");
            }

            List<String> ids = new ArrayList<>();
            charts.forEach(c -> ids.add(c.get("id").asText()));
            JsonNode processing = chart(charts, emfChart(ids, "ProcessingTime"));
            assertThat(labels(processing)).anySatisfy(label -> assertThat(label).contains("Consumer=inventory"))
                    .anySatisfy(label -> assertThat(label).contains("Consumer=notification"));
            assertThat(processing.get("series")).allSatisfy(s -> assertThat(s.get("points").asInt()).isPositive());
            JsonNode age = chart(charts, emfChart(ids, "EndToEndAge"));
            assertThat(labels(age)).allSatisfy(label -> assertThat(label).contains("Lane="))
                    .anySatisfy(label -> assertThat(label).contains("Lane=standard"))
                    .anySatisfy(label -> assertThat(label).contains("Lane=express"));
            assertThat(age.get("series")).allSatisfy(s -> assertThat(s.get("points").asInt()).isPositive());
        }
    }

    private static String emfChart(List<String> ids, String metric) {
        return ids.stream().filter(id -> id.startsWith("emf:") && id.endsWith(":" + metric)).findFirst()
                .orElseThrow(() -> new AssertionError("no chart of the EMF metric " + metric + " in " + ids));
    }

    private static String queueName(LocalCloud cloud, String logicalId) {
        return cloud.resources().get(logicalId).attributes().get("QueueName");
    }

    private static JsonNode chart(JsonNode charts, String id) {
        for (JsonNode chart : charts) {
            if (chart.get("id").asText().equals(id)) {
                return chart;
            }
        }
        throw new AssertionError("no chart " + id + " in " + charts);
    }

    private static List<String> labels(JsonNode chart) {
        List<String> labels = new ArrayList<>();
        chart.get("legend").forEach(label -> labels.add(label.asText()));
        return labels;
    }

    private HttpResponse<String> send(URI api, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Idempotency-Key", "charts-" + UUID.randomUUID());
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
