package io.github.orderevents.systemtests.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.Json;
import io.github.orderevents.aws.dynamo.DynamoOrderStore;
import io.github.orderevents.aws.events.EventCodec;
import io.github.orderevents.domain.Priority;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.HistoryEntry;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderItem;
import io.github.orderevents.domain.OrderPlaced;
import io.github.orderevents.domain.OrderStatus;
import io.github.orderevents.local.LocalCloud;
import io.github.orderevents.systemtests.ProjectCloud;
import io.github.orderevents.local.LocalCloudOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole template on the embedded local cloud, driven only from outside, as a user would: HTTP to the
 * API, the SQS and DynamoDB endpoints. Every function runs from its deployable jar with its template
 * environment; every trigger is the local cloud's.
 */
class LocalCloudIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static LocalCloud cloud;
    private static HttpClient http;
    private static URI api;

    @BeforeAll
    static void startLocalCloud() {
        LocalCloudOptions options = ProjectCloud.options("local-cloud-it")
                // Failed messages come back after 2 s instead of 180 s: a poison message reaches its DLQ in seconds.
                .withVisibilityTimeout(java.util.Optional.of(2));
        cloud = LocalCloud.start(options);
        api = cloud.apiEndpoint();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopLocalCloud() {
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void orderIsConfirmedAndItsCustomerNotifiedOfEachOfItsEvents() {
        setStock("SKU-IT-OK", 10);

        JsonNode placed = post("/orders", order("cust-it-ok", "SKU-IT-OK", 2), Map.of()).json();
        JsonNode order = get("/orders/" + placed.get("orderId").asText() + "?waitSeconds=15").json();

        assertThat(order.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(order.get("history")).extracting(h -> h.get("eventType").asText())
                .containsExactly("OrderPlaced", "OrderConfirmed");
        assertThat(eventTypesNotified("cust-it-ok", 2)).containsExactly("OrderPlaced", "OrderConfirmed");
        assertThat(stock("SKU-IT-OK")).containsEntry("available", 8L).containsEntry("reserved", 2L);
        // Every function that took part ran in processes of its own, under the Lambda runtime interface client.
        for (String function : List.of("CreateOrderFunction", "GetOrderFunction", "OutboxRelayFunction",
                "InventoryFunction", "NotificationFunction")) {
            assertThat(cloud.processFunctions().get(function).instances()).as(function).isNotEmpty().allSatisfy(instance -> {
                assertThat(instance.pid()).isNotEqualTo(ProcessHandle.current().pid());
                assertThat(ProcessHandle.of(instance.pid()).flatMap(p -> p.info().arguments()).orElseThrow())
                        .contains("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
            });
        }
    }

    @Test
    void orderForAnUnknownSkuIsRejectedWithTheReason() {
        JsonNode placed = post("/orders", order("cust-it-unknown", "SKU-IT-NOWHERE", 1), Map.of()).json();
        JsonNode order = get("/orders/" + placed.get("orderId").asText() + "?waitSeconds=15").json();

        assertThat(order.get("status").asText()).isEqualTo("REJECTED");
        assertThat(order.get("rejectionReason").asText()).contains("SKU-IT-NOWHERE: unknown SKU");
        assertThat(eventTypesNotified("cust-it-unknown", 2)).containsExactly("OrderPlaced", "OrderRejected");
    }

    @Test
    void samePostWithTheSameIdempotencyKeyCreatesOneOrder() {
        setStock("SKU-IT-IDEM", 10);
        Map<String, String> key = Map.of("Idempotency-Key", "it-" + UUID.randomUUID());
        String body = order("cust-it-idem", "SKU-IT-IDEM", 1);

        Response first = post("/orders", body, key);
        Response second = post("/orders", body, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().get("orderId")).isEqualTo(first.json().get("orderId"));
        assertThat(ordersOf("cust-it-idem")).hasSize(1);
        get("/orders/" + first.json().get("orderId").asText() + "?waitSeconds=15");
        assertThat(stock("SKU-IT-IDEM")).containsEntry("reserved", 1L);
    }

    @Test
    void poisonMessageIsDeadLetteredThenMovedBackByAMoveTaskAndProcessedOnce() {
        setStock("SKU-IT-POISON", 5);
        String customer = "cust-it-poison";
        BigDecimal price = new BigDecimal("5.00");
        OrderEvent placed = new OrderEvent(UUID.randomUUID().toString(), "ord-" + UUID.randomUUID(), customer, 1,
                Instant.now(), "it-poison", Priority.STANDARD,
                new OrderPlaced(customer, "EUR", price, List.of(new OrderItem("SKU-IT-POISON", 1, price))));
        String inventoryQueue = queueUrl("InventoryQueue");
        String inventoryDlq = queueUrl("InventoryDeadLetterQueue");
        // Its order does not exist yet (think: written to another region not replicated yet): every attempt fails.
        cloud.sqs().sendMessage(r -> r.queueUrl(inventoryQueue).messageGroupId(placed.aggregateId())
                .messageDeduplicationId(placed.eventId()).messageBody(EventCodec.encode(placed)));

        await().atMost(PATIENCE).until(() -> depth(inventoryDlq) == 1);
        // The cause goes away: the order (and its outbox row, carrying the same event) is written. The relay's
        // copy of the event reaches inventory.fifo within SQS's 5-minute deduplication window of the first
        // send, so SQS drops it: only the redrive brings the event back.
        createOrder(placed);
        assertThat(get("/orders/" + placed.aggregateId()).json().get("status").asText()).isEqualTo("PENDING");
        String dlqArn = cloud.resources().get("InventoryDeadLetterQueue").attributes().get("Arn");
        cloud.sqs().startMessageMoveTask(r -> r.sourceArn(dlqArn));

        await().atMost(PATIENCE).until(() -> {
            List<ListMessageMoveTasksResultEntry> tasks = cloud.sqs().listMessageMoveTasks(r -> r.sourceArn(dlqArn)).results();
            return !tasks.isEmpty() && tasks.get(0).status().equals("COMPLETED") && tasks.get(0).approximateNumberOfMessagesMoved() == 1;
        });
        await().atMost(PATIENCE).until(() -> depth(inventoryQueue) == 0 && depth(inventoryDlq) == 0);
        await().atMost(PATIENCE).until(() -> "CONFIRMED".equals(get("/orders/" + placed.aggregateId()).json().get("status").asText()));

        assertThat(stock("SKU-IT-POISON")).containsEntry("reserved", 1L).containsEntry("available", 4L);
        assertThat(get("/orders/" + placed.aggregateId()).json().get("history")).extracting(h -> h.get("eventType").asText())
                .containsExactly("OrderPlaced", "OrderConfirmed");
        assertThat(eventTypesNotified(customer, 2)).containsExactly("OrderPlaced", "OrderConfirmed");
    }

    @Test
    void fiveHundredOrdersOverTwentyCustomersNotifyEveryCustomerInSequenceOrderOnce() {
        setStock("SKU-IT-BULK", 100_000);
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> customers = new ArrayList<>();
        for (int c = 0; c < 20; c++) {
            customers.add("bulk-" + run + "-" + c);
        }
        Semaphore inFlight = new Semaphore(8);
        List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String body = order(customers.get(i % 20), "SKU-IT-BULK", 1 + i % 3);
            inFlight.acquireUninterruptibly();
            posts.add(http.sendAsync(request("/orders", Map.of()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> inFlight.release()));
        }
        posts.forEach(p -> assertThat(p.join().statusCode()).isEqualTo(201));

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                .until(() -> customers.stream().mapToInt(c -> notificationItems(c).size()).sum() == 1000);

        Set<String> eventIds = new HashSet<>();
        for (String customer : customers) {
            List<Map<String, AttributeValue>> notifications = new ArrayList<>(notificationItems(customer));
            assertThat(notifications).hasSize(50);
            notifications.forEach(n -> assertThat(eventIds.add(n.get("eventId").s())).as("notified twice").isTrue());
            // In the order they were recorded, each order's events come in sequence order.
            notifications.sort(java.util.Comparator.comparing(n -> n.get("recordedAt").s()));
            Map<String, Long> lastSequence = new HashMap<>();
            for (Map<String, AttributeValue> n : notifications) {
                long sequence = Long.parseLong(n.get("sequence").n());
                Long previous = lastSequence.put(n.get("orderId").s(), sequence);
                assertThat(sequence).as("order %s of %s", n.get("orderId").s(), customer).isEqualTo(previous == null ? 1 : previous + 1);
            }
        }
        assertThat(stock("SKU-IT-BULK").get("reserved")).isEqualTo(
                (long) java.util.stream.IntStream.range(0, 500).map(i -> 1 + i % 3).sum());
    }

    @Test
    void scheduledSweeperRunsThroughItsScheduleEvent() {
        var sweeper = cloud.schedules().stream().filter(s -> s.interval().equals(Duration.ofMinutes(1))).findFirst().orElseThrow();

        // The EventBridge "Scheduled Event" JSON, deserialised into ScheduledEvent (Joda times) by the runtime's serialiser.
        assertThat(sweeper.fire()).isTrue();
        assertThat(sweeper.failures()).isZero();
    }

    @Test
    void consoleServesItsPageTheResourceTableAndTheTables() {
        Response page = get("/_local/");
        JsonNode resources = get("/_local/resources").json();
        JsonNode tables = get("/_local/tables").json();

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Start DLQ redrive", "data-table");
        List<String> ids = new ArrayList<>();
        resources.forEach(r -> ids.add(r.get("logicalId").asText()));
        assertThat(ids).contains("OrdersTable", "OutboxTable", "InventoryQueue", "InventoryDeadLetterQueue",
                "CreateOrderFunction", "OutboxRelayFunction");
        List<String> tableIds = new ArrayList<>();
        tables.forEach(t -> tableIds.add(t.get("logicalId").asText()));
        assertThat(tableIds).contains("OrdersTable", "OutboxTable");
    }

    // ---------------------------------------------------------------- helpers

    private record Response(int status, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private static String order(String customerId, String sku, int quantity) {
        return Json.write(Map.of("customerId", customerId, "currency", "EUR",
                "items", List.of(Map.of("sku", sku, "quantity", quantity, "unitPrice", "19.99"))));
    }

    private static HttpRequest.Builder request(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        headers.forEach(builder::header);
        return builder;
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (Exception e) {
            throw new AssertionError(request + " failed", e);
        }
    }

    private static Response post(String path, String body, Map<String, String> headers) {
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static Response get(String path) {
        return send(request(path, Map.of()).GET().build());
    }

    private static void setStock(String sku, int available) {
        Response response = send(request("/inventory/" + sku, Map.of())
                .PUT(HttpRequest.BodyPublishers.ofString("{\"available\": " + available + "}")).build());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /** The customer's notifications through the API, once there are {@code expected} of them. */
    private static List<String> eventTypesNotified(String customerId, int expected) {
        List<String> types = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            types.clear();
            get("/customers/" + customerId + "/notifications").json().get("notifications")
                    .forEach(n -> types.add(n.get("eventType").asText()));
            return types.size() >= expected;
        });
        return types;
    }

    private static List<Map<String, AttributeValue>> notificationItems(String customerId) {
        String table = cloud.resources().get("NotificationsTable").ref();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        cloud.dynamo().queryPaginator(r -> r.tableName(table).keyConditionExpression("customerId = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customerId)))).items().forEach(items::add);
        return items;
    }

    private static List<Map<String, AttributeValue>> ordersOf(String customerId) {
        String table = cloud.resources().get("OrdersTable").ref();
        return cloud.dynamo().scan(r -> r.tableName(table).filterExpression("customerId = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customerId)))).items();
    }

    private static Map<String, Long> stock(String sku) {
        String table = cloud.resources().get("StockTable").ref();
        var item = cloud.dynamo().getItem(r -> r.tableName(table).key(Map.of("sku", AttributeValue.fromS(sku)))
                .consistentRead(true)).item();
        return Map.of("available", Long.parseLong(item.get("available").n()), "reserved", Long.parseLong(item.get("reserved").n()));
    }

    private static String queueUrl(String logicalId) {
        return cloud.resources().get(logicalId).attributes().get("QueueUrl");
    }

    private static int depth(String queueUrl) {
        var attributes = cloud.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static void createOrder(OrderEvent placed) {
        List<OrderItem> items = List.of(new OrderItem("SKU-IT-POISON", 1, new BigDecimal("5.00")));
        Order order = new Order(placed.aggregateId(), placed.customerId(), OrderStatus.PENDING, items, "EUR",
                new BigDecimal("5.00"), 1, List.of(new HistoryEntry(1, EventType.OrderPlaced, placed.eventId(),
                placed.occurredAt(), OrderStatus.PENDING)), placed.occurredAt(), placed.occurredAt(), null,
                placed.correlationId(), placed.priority());
        new DynamoOrderStore(cloud.dynamo(), cloud.resources().get("OrdersTable").ref(),
                cloud.resources().get("OutboxTable").ref()).create(order, placed);
    }
}
