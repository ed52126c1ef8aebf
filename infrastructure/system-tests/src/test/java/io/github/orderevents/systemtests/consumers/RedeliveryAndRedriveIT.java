package io.github.orderevents.systemtests.consumers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.orderevents.aws.Json;
import io.github.orderevents.aws.dynamo.DynamoOrderStore;
import io.github.orderevents.aws.dynamo.DynamoStockLevels;
import io.github.orderevents.aws.dynamo.OutboxItems;
import io.github.orderevents.aws.events.EventCodec;
import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.EmbeddedSqs;
import io.github.orderevents.aws.testing.TestTables;
import io.github.orderevents.domain.Priority;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.Ids;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderService;
import io.github.orderevents.domain.OrderStatus;
import io.github.orderevents.domain.RequestContext;
import io.github.orderevents.domain.testing.Orders;
import io.github.orderevents.inventory.InventoryHandler;
import io.github.orderevents.local.functions.LambdaFunction;
import io.github.orderevents.local.lambda.FunctionConfig;
import io.github.orderevents.local.lambda.ProcessFunction;
import io.github.orderevents.local.triggers.SqsEventSource;
import io.github.orderevents.notification.NotificationHandler;
import io.github.orderevents.redrive.DlqRedriveHandler;
import io.github.orderevents.systemtests.template.ProjectFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumers, their DLQs and the redrive tool on the in-process emulators, each function a process of
 * its own run from its deployable jar, driven through the local cloud's SQS event source: at-least-once
 * delivery has one effect, a message failing maxReceiveCount times is dead-lettered, and the redrive tool
 * brings it (fixed if need be) back to be processed once.
 */
class RedeliveryAndRedriveIT {
    private static final int MAX_RECEIVE_COUNT = 3;
    private static final Path WORK_DIR = Path.of("target/redelivery-it").toAbsolutePath();

    @RegisterExtension
    static final EmbeddedDynamo DYNAMO = new EmbeddedDynamo();
    @RegisterExtension
    static final EmbeddedSqs SQS = new EmbeddedSqs();

    private final DynamoDbClient dynamo = DYNAMO.client();
    private final SqsClient sqs = SQS.client();
    private TestTables tables;
    private Queue inventory;
    private Queue notifications;
    private SqsEventSource inventoryTrigger;
    private SqsEventSource notificationsTrigger;
    private LambdaFunction redriveTool;
    private OrderService orders;
    private final List<ProcessFunction> processes = new ArrayList<>();

    /** A source queue and its dead-letter queue. */
    private record Queue(String url, String deadLetterUrl) {
    }

    @BeforeEach
    void deploy() {
        tables = TestTables.create(dynamo);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        inventory = queueWithDlq("inventory-" + suffix);
        notifications = queueWithDlq("notifications-" + suffix);
        Map<String, String> common = new HashMap<>(DYNAMO.environment());
        common.putAll(SQS.environment());
        common.put("AWS_ENDPOINT_URL_DYNAMODB", DYNAMO.endpoint());
        common.putAll(Map.of("ORDERS_TABLE", tables.orders(), "OUTBOX_TABLE", tables.outbox(),
                "IDEMPOTENCY_TABLE", tables.idempotency(), "STOCK_TABLE", tables.stock(),
                "NOTIFICATIONS_TABLE", tables.notifications(), "CHECKPOINTS_TABLE", tables.checkpoints()));
        LambdaFunction inventoryFunction = function("InventoryFunction", "inventory", InventoryHandler.class,
                with(common, "DEAD_LETTER_QUEUE_URL", inventory.deadLetterUrl()));
        LambdaFunction notificationFunction = function("NotificationFunction", "notification", NotificationHandler.class,
                with(common, "DEAD_LETTER_QUEUE_URL", notifications.deadLetterUrl()));
        redriveTool = function("DlqRedriveFunction", "dlq-redrive", DlqRedriveHandler.class, with(common, "REDRIVE_QUEUES",
                Json.write(Map.of(
                        "inventory", Map.of("deadLetterQueueUrl", inventory.deadLetterUrl(), "sourceQueueUrl", inventory.url()),
                        "notifications", Map.of("deadLetterQueueUrl", notifications.deadLetterUrl(),
                                "sourceQueueUrl", notifications.url())))));
        inventoryTrigger = new SqsEventSource(sqs, inventory.url(), EmbeddedDynamo.REGION, 10, true, inventoryFunction);
        notificationsTrigger = new SqsEventSource(sqs, notifications.url(), EmbeddedDynamo.REGION, 10, true, notificationFunction);
        orders = new OrderService(new DynamoOrderStore(dynamo, tables.orders(), tables.outbox()), Ids.random(), Clock.systemUTC());
        DynamoStockLevels stock = new DynamoStockLevels(dynamo, tables.stock(), Clock.systemUTC());
        stock.setAvailable("SKU-1", 10);
        stock.setAvailable("SKU-2", 10);
    }

    @Test
    void sameEventDeliveredTwiceWithDifferentMessageIdsReservesStockOnceAndNotifiesOnce() {
        Order order = orders.place(Orders.validRequest("cust-1"), new RequestContext("corr-1", Optional.empty()));
        String envelope = EventCodec.encode(placedEvent(order));

        for (String copy : List.of("first", "second")) {
            send(inventory.url(), order.orderId(), envelope, copy);
            send(notifications.url(), order.customerId(), envelope, copy);
        }
        drain(inventoryTrigger);
        drain(notificationsTrigger);

        assertThat(stock("SKU-1")).containsEntry("reserved", 2L).containsEntry("available", 8L);
        assertThat(stock("SKU-2")).containsEntry("reserved", 1L).containsEntry("available", 9L);
        assertThat(orderItem(order.orderId()).get("status").s()).isEqualTo(OrderStatus.CONFIRMED.name());
        assertThat(outboxTypes(order.orderId())).containsExactly("OrderPlaced", "OrderConfirmed");
        assertThat(notificationsOf("cust-1")).containsExactly("OrderPlaced:" + order.orderId());
        assertThat(depth(inventory.deadLetterUrl()) + depth(notifications.deadLetterUrl())).isZero();
    }

    @Test
    void messageFailingMaxReceiveCountTimesIsDeadLetteredThenRedrivenAndProcessedOnce() {
        Order order = orders.place(Orders.validRequest("cust-2"), new RequestContext("corr-2", Optional.empty()));
        OrderEvent placed = placedEvent(order);
        OrderEvent confirmed = new OrderEvent("evt-confirmed-" + order.orderId(), order.orderId(), "cust-2", 2,
                placed.occurredAt().plusSeconds(1), "corr-2", Priority.STANDARD, Orders.payload(EventType.OrderConfirmed, "cust-2"));
        // The confirmation arrives first: a sequence gap, failed on every receive until SQS dead-letters it.
        send(notifications.url(), "cust-2", EventCodec.encode(confirmed), "gap");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            notificationsTrigger.pollOnce(0);
            return depth(notifications.deadLetterUrl()) == 1;
        });
        assertThat(notificationsOf("cust-2")).isEmpty();
        JsonNode peek = redrive("{\"action\":\"peek\",\"queue\":\"notifications\"}");
        assertThat(peek.get("messages")).singleElement().satisfies(m -> {
            assertThat(m.get("eventId").asText()).isEqualTo(confirmed.eventId());
            assertThat(m.get("receiveCount").asInt()).isGreaterThanOrEqualTo(MAX_RECEIVE_COUNT);
        });

        send(notifications.url(), "cust-2", EventCodec.encode(placed), "placed");
        drain(notificationsTrigger);
        JsonNode redriven = redrive("{\"action\":\"redrive\",\"queue\":\"notifications\"}");
        drain(notificationsTrigger);
        JsonNode again = redrive("{\"action\":\"redrive\",\"queue\":\"notifications\"}");
        drain(notificationsTrigger);

        assertThat(redriven.get("redriven").asInt()).isEqualTo(1);
        assertThat(again.get("examined").asInt()).isZero();
        assertThat(notificationsOf("cust-2")).containsExactly(
                "OrderPlaced:" + order.orderId(), "OrderConfirmed:" + order.orderId());
        assertThat(depth(notifications.deadLetterUrl())).isZero();
    }

    @Test
    void invalidMessageIsParkedAtOnceThenFixedRedrivenAndProcessedOnce() {
        Order order = orders.place(Orders.validRequest("cust-3"), new RequestContext("corr-3", Optional.empty()));
        ObjectNode broken = (ObjectNode) read(EventCodec.encode(placedEvent(order)));
        broken.remove("schemaVersion");
        send(inventory.url(), order.orderId(), broken.toString(), "broken");

        drain(inventoryTrigger);

        assertThat(depth(inventory.deadLetterUrl())).isEqualTo(1);
        JsonNode peek = redrive("{\"action\":\"peek\",\"queue\":\"inventory\"}");
        assertThat(peek.get("messages").get(0).get("parkReason").asText()).contains("schemaVersion");
        assertThat(peek.get("messages").get(0).get("receiveCount").asInt())
                .as("parked at the first failure, not after maxReceiveCount").isLessThan(MAX_RECEIVE_COUNT);
        assertThat(stock("SKU-1")).containsEntry("reserved", 0L);

        JsonNode fixed = redrive("{\"action\":\"redrive\",\"queue\":\"inventory\",\"fix\":{\"set\":{\"/schemaVersion\":1}}}");
        drain(inventoryTrigger);
        redrive("{\"action\":\"redrive\",\"queue\":\"inventory\",\"fix\":{\"set\":{\"/schemaVersion\":1}}}");
        drain(inventoryTrigger);

        assertThat(fixed.get("redriven").asInt()).isEqualTo(1);
        assertThat(stock("SKU-1")).containsEntry("reserved", 2L);
        assertThat(orderItem(order.orderId()).get("status").s()).isEqualTo("CONFIRMED");
        assertThat(outboxTypes(order.orderId())).containsExactly("OrderPlaced", "OrderConfirmed");
        assertThat(depth(inventory.deadLetterUrl())).isZero();
    }

    // ---------------------------------------------------------------- helpers

    private Queue queueWithDlq(String name) {
        String dlq = SQS.createFifoQueue(name + "-dlq");
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String url = sqs.createQueue(r -> r.queueName(name + ".fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false",
                // Short, so that failed messages come back within the test.
                QueueAttributeName.VISIBILITY_TIMEOUT, "1",
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT + "\"}"))).queueUrl();
        return new Queue(url, dlq);
    }

    private static Map<String, String> with(Map<String, String> common, String name, String value) {
        Map<String, String> env = new HashMap<>(common);
        env.put(name, value);
        return env;
    }

    /** The function of {@code module}'s deployable jar, in processes of its own, as the local cloud runs it. */
    private LambdaFunction function(String name, String module, Class<?> handler, Map<String, String> environment) {
        Path jar = ProjectFiles.root().resolve("functions").resolve(module).resolve("target/function.jar");
        FunctionConfig config = FunctionConfig.of(name, handler.getName() + "::handleRequest", jar)
                .withMemoryMb(512).withTimeout(Duration.ofSeconds(30)).withMaxConcurrency(1)
                .withRegion(EmbeddedDynamo.REGION).withEnvironment(environment)
                .withLog(line -> System.out.println(name + " | " + line));
        ProcessFunction function = ProcessFunction.create(config, WORK_DIR);
        processes.add(function);
        return function;
    }

    @AfterEach
    void stopProcesses() {
        processes.forEach(ProcessFunction::close);
        processes.clear();
    }

    private OrderEvent placedEvent(Order order) {
        var row = dynamo.query(r -> r.tableName(tables.outbox()).keyConditionExpression("aggregateId = :id")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(order.orderId())))).items().get(0);
        return OutboxItems.fromRow(row);
    }

    private void send(String queueUrl, String group, String body, String dedup) {
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageGroupId(group).messageDeduplicationId(dedup).messageBody(body));
    }

    /** Polls until a poll finds nothing (messages in flight come back after the 1 s visibility timeout). */
    private static void drain(SqsEventSource trigger) {
        int idle = 0;
        while (idle < 2) {
            idle = trigger.pollOnce(1).received() == 0 ? idle + 1 : 0;
        }
    }

    private JsonNode redrive(String request) {
        return redriveTool.invoke(read(request));
    }

    private int depth(String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private Map<String, Long> stock(String sku) {
        var item = dynamo.getItem(r -> r.tableName(tables.stock()).key(Map.of("sku", AttributeValue.fromS(sku)))
                .consistentRead(true)).item();
        return Map.of("available", Long.parseLong(item.get("available").n()), "reserved", Long.parseLong(item.get("reserved").n()));
    }

    private Map<String, AttributeValue> orderItem(String orderId) {
        return dynamo.getItem(r -> r.tableName(tables.orders()).key(Map.of("orderId", AttributeValue.fromS(orderId)))
                .consistentRead(true)).item();
    }

    private List<String> outboxTypes(String orderId) {
        return dynamo.query(r -> r.tableName(tables.outbox()).keyConditionExpression("aggregateId = :id")
                        .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(orderId))).consistentRead(true))
                .items().stream().map(i -> i.get("eventType").s()).toList();
    }

    private List<String> notificationsOf(String customerId) {
        return dynamo.query(r -> r.tableName(tables.notifications()).keyConditionExpression("customerId = :c")
                        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customerId))).consistentRead(true))
                .items().stream().map(i -> i.get("eventType").s() + ":" + i.get("orderId").s()).toList();
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
