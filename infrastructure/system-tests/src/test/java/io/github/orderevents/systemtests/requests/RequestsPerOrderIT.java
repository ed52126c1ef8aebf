package io.github.orderevents.systemtests.requests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.orderevents.aws.Json;
import io.github.orderevents.aws.dynamo.DynamoStockLevels;
import io.github.orderevents.aws.testing.TestRoutes;
import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.EmbeddedSqs;
import io.github.orderevents.aws.testing.TestTables;
import io.github.orderevents.local.lambda.FunctionConfig;
import io.github.orderevents.local.lambda.ProcessFunction;
import io.github.orderevents.local.template.SamTemplate;
import io.github.orderevents.local.triggers.DynamoStreamEventSource;
import io.github.orderevents.local.triggers.SqsEventSource;
import io.github.orderevents.systemtests.template.ProjectFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DynamoDB requests per order on the happy path, counted on the wire: each function runs as a process of
 * its own from its deployable jar (Powertools woven in as deployed), with AWS_ENDPOINT_URL_DYNAMODB pointing
 * at a counting proxy of its own in front of DynamoDB Local. Orders travel POST -> outbox stream -> relay ->
 * inventory -> relay -> notification, driven through the local cloud's stream and SQS event sources with the
 * template's batch sizes; then the client reads each order once. The budget is 8 requests per order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestsPerOrderIT {
    private static final int BUDGET_PER_ORDER = 8;
    private static final Path WORK_DIR = Path.of("target/requests-per-order-it").toAbsolutePath();
    private static final List<String> CUSTOMERS = List.of("cust-1", "cust-2", "cust-3", "cust-4");

    private final EmbeddedDynamo dynamoLocal = EmbeddedDynamo.start();
    private final EmbeddedSqs sqsLocal = EmbeddedSqs.start();
    private final DynamoDbClient dynamo = dynamoLocal.client();
    private final SqsClient sqs = sqsLocal.client();
    private final Map<String, CountingDynamoProxy> proxies = new LinkedHashMap<>();
    private final List<ProcessFunction> processes = new ArrayList<>();
    private TestTables tables;
    private ProcessFunction createOrder;
    private ProcessFunction getOrder;
    private DynamoStreamEventSource outboxStream;
    private SqsEventSource inventoryTrigger;
    private SqsEventSource notificationsTrigger;

    @BeforeAll
    void deploy() {
        tables = TestTables.create(dynamo);
        String inventoryQueue = sqsLocal.createFifoQueue("inventory");
        String notificationsQueue = sqsLocal.createFifoQueue("notifications");
        Map<String, String> common = new HashMap<>(dynamoLocal.environment());
        common.putAll(sqsLocal.environment());
        createOrder = function("CreateOrderFunction", "create-order", "io.github.orderevents.createorder.CreateOrderHandler",
                with(common, "ORDERS_TABLE", tables.orders(), "OUTBOX_TABLE", tables.outbox(),
                        "IDEMPOTENCY_TABLE", tables.idempotency()));
        getOrder = function("GetOrderFunction", "get-order", "io.github.orderevents.getorder.GetOrderHandler",
                with(common, "ORDERS_TABLE", tables.orders()));
        ProcessFunction relay = function("OutboxRelayFunction", "outbox-relay", "io.github.orderevents.relay.OutboxRelayHandler",
                with(common, "OUTBOX_TABLE", tables.outbox(), "STACK_NAME", "requests", "OUTBOX_ROUTES",
                        TestRoutes.json(inventoryQueue, notificationsQueue)));
        ProcessFunction inventory = function("InventoryFunction", "inventory", "io.github.orderevents.inventory.InventoryHandler",
                with(common, "STOCK_TABLE", tables.stock(), "ORDERS_TABLE", tables.orders(), "OUTBOX_TABLE", tables.outbox(),
                        "DEAD_LETTER_QUEUE_URL", sqsLocal.createFifoQueue("inventory-dlq")));
        ProcessFunction notification = function("NotificationFunction", "notification",
                "io.github.orderevents.notification.NotificationHandler",
                with(common, "NOTIFICATIONS_TABLE", tables.notifications(), "CHECKPOINTS_TABLE", tables.checkpoints(),
                        "DEAD_LETTER_QUEUE_URL", sqsLocal.createFifoQueue("notifications-dlq")));
        outboxStream = new DynamoStreamEventSource(dynamoLocal.streams(), sqs, relaySettings(), relay, Clock.systemUTC());
        inventoryTrigger = new SqsEventSource(sqs, inventoryQueue, EmbeddedDynamo.REGION, 10, true, inventory);
        notificationsTrigger = new SqsEventSource(sqs, notificationsQueue, EmbeddedDynamo.REGION, 10, true, notification);
        DynamoStockLevels stock = new DynamoStockLevels(dynamo, tables.stock(), Clock.systemUTC());
        stock.setAvailable("SKU-RED-1", 1_000_000);
        stock.setAvailable("SKU-BLUE-7", 1_000_000);
    }

    @BeforeEach
    void warmAndReset() {
        // Cold starts read nothing from DynamoDB, but a first order may still differ: measure warm functions.
        confirmAndNotify(List.of(place()));
        proxies.values().forEach(CountingDynamoProxy::reset);
    }

    @Test
    void ordersPlacedOneAtATimeStayWithinTheBudgetEvenWhenTheRelayMarksEachRowAlone() {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String orderId = place();
            confirmAndNotify(List.of(orderId));
            orders.add(orderId);
        }
        readOnce(orders);

        report("one at a time", orders.size());
        assertFixedCostsPerOrder(orders.size());
        assertThat(count("OutboxRelayFunction", "BatchExecuteStatement"))
                .as("one marking request per relay invocation: here every invocation saw one row")
                .isEqualTo(2L * orders.size());
        assertThat(writePathTotal()).isLessThanOrEqualTo((long) BUDGET_PER_ORDER * orders.size());
    }

    @Test
    void ordersPlacedTogetherShareTheRelaysMarkingRequests() {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            orders.add(place());
        }
        confirmAndNotify(orders);
        readOnce(orders);

        report("20 together", orders.size());
        assertFixedCostsPerOrder(orders.size());
        assertThat(count("OutboxRelayFunction", "BatchExecuteStatement"))
                .as("at most one marking request per event, 25 rows per request").isBetween(2L, 2L * orders.size());
        assertThat(writePathTotal() + count("GetOrderFunction", "GetItem"))
                .isLessThanOrEqualTo((long) BUDGET_PER_ORDER * orders.size());
    }

    /** What does not depend on batching: the same requests for every order. */
    private void assertFixedCostsPerOrder(int orders) {
        assertThat(proxies.get("CreateOrderFunction").counts())
                .as("the order and its outbox row in one transaction; the Idempotency-Key record written and completed")
                .isEqualTo(Map.of("TransactWriteItems", (long) orders, "PutItem", (long) orders, "UpdateItem", (long) orders));
        assertThat(proxies.get("InventoryFunction").counts())
                .as("stock, order status and the OrderConfirmed outbox row in one transaction, nothing read first")
                .isEqualTo(Map.of("TransactWriteItems", (long) orders));
        assertThat(proxies.get("NotificationFunction").counts())
                .as("per event, the notification and the order's checkpoint in one transaction")
                .isEqualTo(Map.of("TransactWriteItems", 2L * orders));
        assertThat(proxies.get("OutboxRelayFunction").counts()).containsOnlyKeys("BatchExecuteStatement");
        assertThat(proxies.get("GetOrderFunction").counts())
                .as("the client's read").isEqualTo(Map.of("GetItem", (long) orders));
    }

    private long writePathTotal() {
        return proxies.entrySet().stream().filter(e -> !e.getKey().equals("GetOrderFunction"))
                .mapToLong(e -> e.getValue().total()).sum();
    }

    private long count(String function, String operation) {
        return proxies.get(function).counts().getOrDefault(operation, 0L);
    }

    private void report(String run, int orders) {
        StringBuilder line = new StringBuilder("DynamoDB requests, " + run + ", " + orders + " orders:");
        proxies.forEach((function, proxy) -> line.append("\n  ").append(function).append(' ').append(proxy.counts()));
        line.append(String.format("%n  per order: %.2f (client GET included: %.2f)", (double) writePathTotal() / orders,
                (double) (writePathTotal() + count("GetOrderFunction", "GetItem")) / orders));
        System.out.println(line);
    }

    private String place() {
        ObjectNode event = fixture("create-order.json");
        String key = UUID.randomUUID().toString();
        event.with("headers").put("Idempotency-Key", key);
        event.with("multiValueHeaders").putArray("Idempotency-Key").add(key);
        String customer = CUSTOMERS.get(Math.floorMod(key.hashCode(), CUSTOMERS.size()));
        event.put("body", event.get("body").asText().replace("cust-42", customer));
        JsonNode response = createOrder.invoke(event);
        assertThat(response.get("statusCode").asInt()).as(response.toString()).isEqualTo(201);
        return read(response.get("body").asText()).get("orderId").asText();
    }

    /** Pumps stream and queues, as the event source mappings would, until every order is confirmed and notified twice. */
    private void confirmAndNotify(List<String> orderIds) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ZERO).until(() -> {
            outboxStream.pollOnce();
            inventoryTrigger.pollOnce(0);
            notificationsTrigger.pollOnce(0);
            return orderIds.stream().allMatch(this::confirmedAndNotified);
        });
    }

    private boolean confirmedAndNotified(String orderId) {
        Map<String, AttributeValue> order = dynamo.getItem(r -> r.tableName(tables.orders()).consistentRead(true)
                .key(Map.of("orderId", AttributeValue.fromS(orderId)))).item();
        Map<String, AttributeValue> checkpoint = dynamo.getItem(r -> r.tableName(tables.checkpoints()).consistentRead(true)
                .key(Map.of("checkpointId", AttributeValue.fromS("notification#" + orderId)))).item();
        return order != null && "CONFIRMED".equals(order.get("status").s())
                && checkpoint != null && checkpoint.containsKey("lastSequence") && "2".equals(checkpoint.get("lastSequence").n());
    }

    private void readOnce(List<String> orderIds) {
        for (String orderId : orderIds) {
            ObjectNode event = fixture("get-order.json");
            event.put("path", "/orders/" + orderId);
            event.with("pathParameters").put("orderId", orderId);
            JsonNode response = getOrder.invoke(event);
            assertThat(read(response.get("body").asText()).get("status").asText()).isEqualTo("CONFIRMED");
        }
    }

    /** The stream mapping as template.yaml declares it (batch size, filter, bisect, retries). */
    private DynamoStreamEventSource.Settings relaySettings() {
        SamTemplate template = ProjectFiles.template();
        Map<String, Object> stream = SamTemplate.map(SamTemplate.map(SamTemplate.map(SamTemplate.map(
                template.resources("AWS::Serverless::Function").get("OutboxRelayFunction").properties()
                        .get("Events")).get("OutboxStream")).get("Properties")));
        List<String> filters = SamTemplate.list(SamTemplate.map(stream.get("FilterCriteria")).get("Filters")).stream()
                .map(filter -> String.valueOf(SamTemplate.map(filter).get("Pattern"))).toList();
        String streamArn = dynamoLocal.streams().listStreams(r -> r.tableName(tables.outbox())).streams().get(0).streamArn();
        return new DynamoStreamEventSource.Settings(streamArn, DynamoStreamEventSource.TRIM_HORIZON,
                number(stream, "BatchSize"), true, number(stream, "MaximumRetryAttempts"),
                number(stream, "MaximumRecordAgeInSeconds"), true, filters, Optional.empty(), Optional.empty(),
                "OutboxRelayFunction", "arn:aws:lambda:us-east-1:000000000000:function:OutboxRelayFunction",
                EmbeddedDynamo.REGION);
    }

    private ProcessFunction function(String name, String module, String handler, Map<String, String> environment) {
        CountingDynamoProxy proxy = CountingDynamoProxy.inFrontOf(dynamoLocal.endpoint());
        proxies.put(name, proxy);
        Path jar = ProjectFiles.root().resolve("functions").resolve(module).resolve("target/function.jar");
        FunctionConfig config = FunctionConfig.of(name, handler + "::handleRequest", jar)
                .withMemoryMb(512).withTimeout(Duration.ofSeconds(30)).withMaxConcurrency(1)
                .withRegion(EmbeddedDynamo.REGION)
                .withEnvironment(with(environment, "AWS_ENDPOINT_URL_DYNAMODB", proxy.endpoint()))
                .withLog(line -> System.out.println(name + " | " + line));
        ProcessFunction function = ProcessFunction.create(config, WORK_DIR);
        processes.add(function);
        return function;
    }

    private static Map<String, String> with(Map<String, String> base, String... nameThenValue) {
        Map<String, String> all = new HashMap<>(base);
        for (int i = 0; i < nameThenValue.length; i += 2) {
            all.put(nameThenValue[i], nameThenValue[i + 1]);
        }
        return all;
    }

    private static int number(Map<String, Object> properties, String name) {
        return Integer.parseInt(String.valueOf(properties.get(name)));
    }

    private static ObjectNode fixture(String name) {
        try {
            return (ObjectNode) read(Files.readString(ProjectFiles.root().resolve("events").resolve(name)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    void stop() throws Exception {
        processes.forEach(ProcessFunction::close);
        proxies.values().forEach(CountingDynamoProxy::close);
        sqsLocal.close();
        dynamoLocal.close();
    }
}
