package io.github.orderevents.inventory;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.dynamo.DynamoOrderReader;
import io.github.orderevents.aws.dynamo.DynamoOrderStore;
import io.github.orderevents.aws.dynamo.DynamoStockLevels;
import io.github.orderevents.aws.dynamo.OutboxItems;
import io.github.orderevents.aws.events.EventCodec;
import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.EmbeddedSqs;
import io.github.orderevents.aws.testing.FakeContext;
import io.github.orderevents.aws.testing.SqsBatches;
import io.github.orderevents.domain.Priority;
import io.github.orderevents.domain.testing.Race;
import io.github.orderevents.aws.testing.TestTables;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.HistoryEntry;
import io.github.orderevents.domain.Ids;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderConfirmed;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderItem;
import io.github.orderevents.domain.OrderPlaced;
import io.github.orderevents.domain.OrderRejected;
import io.github.orderevents.domain.OrderRules;
import io.github.orderevents.domain.OrderStatus;
import io.github.orderevents.domain.inventory.StockLevel;
import io.github.orderevents.domain.inventory.StockShortage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The inventory function as deployed (InventoryHandler's Env/AwsClients constructor): DynamoInventory on
 * DynamoDB Local, parking in an ElasticMQ FIFO DLQ.
 * Fixture: events/inventory-batch.json, two OrderPlaced events of two orders.
 */
class InventoryHandlerTest {
    @RegisterExtension
    static final EmbeddedDynamo DYNAMO = new EmbeddedDynamo();
    @RegisterExtension
    static final EmbeddedSqs SQS = new EmbeddedSqs();

    private static final String ORDER_42 = "ord-5f0c8a36-1d5e-3c0e-9a3b-7e1f2d4c6b8a";
    private static final String ORDER_7 = "ord-0e1d2c3b-4a59-3687-a5b4-c3d2e1f0a9b8";

    private final DynamoDbClient client = DYNAMO.client();
    private TestTables tables;
    private String deadLetterQueue;
    private Env env;
    private InventoryHandler handler;

    @BeforeEach
    void freshTablesStockAndHandler() {
        tables = TestTables.create(client);
        deadLetterQueue = SQS.createFifoQueue("inventory-dlq-" + UUID.randomUUID().toString().substring(0, 8));
        Map<String, String> variables = new HashMap<>(DYNAMO.environment());
        variables.putAll(SQS.environment());
        variables.put("STOCK_TABLE", tables.stock());
        variables.put("ORDERS_TABLE", tables.orders());
        variables.put("OUTBOX_TABLE", tables.outbox());
        variables.put("DEAD_LETTER_QUEUE_URL", deadLetterQueue);
        env = Env.of(variables);
        handler = new InventoryHandler(env, new AwsClients(env));

        DynamoStockLevels stock = new DynamoStockLevels(client, tables.stock(), Clock.systemUTC());
        stock.setAvailable("SKU-RED-1", 10);
        stock.setAvailable("SKU-BLUE-7", 5);
    }

    // ---- arrange helpers ----

    private static SQSEvent fixture() {
        return EventLoader.loadSQSEvent("events/inventory-batch.json");
    }

    /** Stores the PENDING order (version 1) that {@code placed} created, with its OrderPlaced outbox row. */
    private void storeOrderPlacedBy(OrderEvent placed) {
        OrderPlaced payload = (OrderPlaced) placed.payload();
        Order order = new Order(placed.aggregateId(), placed.customerId(), OrderStatus.PENDING,
                payload.items(), payload.currency(), payload.total(), placed.sequence(),
                List.of(new HistoryEntry(placed.sequence(), placed.eventType(), placed.eventId(), placed.occurredAt(),
                        OrderStatus.PENDING)),
                placed.occurredAt(), placed.occurredAt(), null, placed.correlationId(), placed.priority());
        new DynamoOrderStore(client, tables.orders(), tables.outbox()).create(order, placed);
    }

    /** Stores the orders of the fixture's two OrderPlaced events. */
    private void storeFixtureOrders() {
        fixture().getRecords().forEach(m -> storeOrderPlacedBy(EventCodec.decodeStrict(m.getBody())));
    }

    private static OrderItem line(String sku, int quantity) {
        return new OrderItem(sku, quantity, new BigDecimal("1.00"));
    }

    /** A new order's OrderPlaced event with these lines. */
    private static OrderEvent newOrderPlaced(String customerId, List<OrderItem> lines) {
        BigDecimal total = lines.stream().map(OrderItem::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new OrderEvent(UUID.randomUUID().toString(), "ord-" + UUID.randomUUID(), customerId, 1,
                Instant.parse("2026-11-21T10:00:05Z"), "checkout-new", Priority.STANDARD, new OrderPlaced(customerId, "EUR", total, lines));
    }

    /** An SQS record (shaped like the fixture's) carrying {@code event}, grouped by its order. */
    private static SQSMessage messageOf(OrderEvent event) {
        SQSMessage message = fixture().getRecords().get(0);
        message.setMessageId(UUID.randomUUID().toString());
        message.setBody(EventCodec.encode(event));
        Map<String, String> attributes = new HashMap<>(message.getAttributes());
        attributes.put("MessageGroupId", event.aggregateId());
        attributes.put("MessageDeduplicationId", event.eventId());
        message.setAttributes(attributes);
        return message;
    }


    // ---- act / assert helpers ----

    private SQSBatchResponse handle(SQSEvent event) {
        return handler.handleRequest(event, FakeContext.withRemainingMillis(30_000));
    }


    private Order order(String orderId) {
        return new DynamoOrderReader(client, tables.orders()).find(orderId).orElseThrow();
    }

    private StockLevel stock(String sku) {
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(tables.stock())
                .key(Map.of("sku", AttributeValue.fromS(sku))).consistentRead(true)).item();
        return new StockLevel(sku, Long.parseLong(item.get("available").n()), Long.parseLong(item.get("reserved").n()));
    }

    private boolean stockExists(String sku) {
        return client.getItem(r -> r.tableName(tables.stock()).key(Map.of("sku", AttributeValue.fromS(sku)))
                .consistentRead(true)).hasItem();
    }

    /** Every outbox row as its event, by order id then sequence. */
    private List<OrderEvent> outbox() {
        return client.scan(r -> r.tableName(tables.outbox()).consistentRead(true)).items().stream()
                .map(OutboxItems::fromRow)
                .sorted(Comparator.comparing(OrderEvent::aggregateId).thenComparingLong(OrderEvent::sequence))
                .toList();
    }

    private List<OrderEvent> outboxOf(EventType type) {
        return outbox().stream().filter(e -> e.eventType() == type).toList();
    }

    private List<Message> parked() {
        return SQS.client().receiveMessage(r -> r.queueUrl(deadLetterQueue).maxNumberOfMessages(10)
                .waitTimeSeconds(1).messageAttributeNames("All")).messages();
    }

    // ---- confirm ----

    @Test
    void confirmsBothOrdersOfTheFixtureBatch() {
        storeFixtureOrders();

        SQSBatchResponse response = handle(fixture());

        assertThat(SqsBatches.failedIds(response)).isEmpty();
        for (String orderId : List.of(ORDER_42, ORDER_7)) {
            Order order = order(orderId);
            assertThat(order.status()).as(orderId).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(order.version()).isEqualTo(2);
            assertThat(order.rejectionReason()).isNull();
            assertThat(order.history()).extracting(HistoryEntry::sequence, HistoryEntry::eventType, HistoryEntry::status)
                    .containsExactly(
                            tuple(1L, EventType.OrderPlaced, OrderStatus.PENDING),
                            tuple(2L, EventType.OrderConfirmed, OrderStatus.CONFIRMED));
            assertThat(order.history().get(1).eventId()).isEqualTo(Ids.random().eventIdFor(orderId, 2));
        }
    }

    @Test
    void reservesTheUnitsOfBothOrdersFromAvailableStock() {
        storeFixtureOrders();

        handle(fixture());

        // SKU-RED-1: 2 (cust-42) + 1 (cust-7); SKU-BLUE-7: 1 (cust-42).
        assertThat(stock("SKU-RED-1")).isEqualTo(new StockLevel("SKU-RED-1", 7, 3));
        assertThat(stock("SKU-BLUE-7")).isEqualTo(new StockLevel("SKU-BLUE-7", 4, 1));
    }

    @Test
    void writesOneOrderConfirmedOutboxRowPerOrderAtSequenceTwo() {
        storeFixtureOrders();

        handle(fixture());

        List<OrderEvent> confirmed = outboxOf(EventType.OrderConfirmed);
        assertThat(confirmed).extracting(OrderEvent::aggregateId).containsExactlyInAnyOrder(ORDER_42, ORDER_7);
        assertThat(confirmed).allSatisfy(event -> {
            assertThat(event.sequence()).isEqualTo(2);
            assertThat(event.eventId()).isEqualTo(Ids.random().eventIdFor(event.aggregateId(), 2));
        });
        OrderEvent of42 = confirmed.stream().filter(e -> e.aggregateId().equals(ORDER_42)).findFirst().orElseThrow();
        assertThat(of42.customerId()).isEqualTo("cust-42");
        assertThat(of42.correlationId()).isEqualTo("checkout-6b8a");
        assertThat(of42.payload()).isEqualTo(new OrderConfirmed("cust-42", new BigDecimal("44.98"), "EUR",
                List.of(new OrderConfirmed.Reserved("SKU-BLUE-7", 1), new OrderConfirmed.Reserved("SKU-RED-1", 2))));
        assertThat(outbox()).hasSize(4);
    }

    @Test
    void theSameBatchRedeliveredInNewMessagesChangesNothing() {
        storeFixtureOrders();
        handle(fixture());
        SQSEvent redelivered = fixture();
        redelivered.getRecords().forEach(m -> m.setMessageId(UUID.randomUUID().toString()));

        SQSBatchResponse response = handle(redelivered);

        assertThat(SqsBatches.failedIds(response)).isEmpty();
        assertThat(stock("SKU-RED-1")).isEqualTo(new StockLevel("SKU-RED-1", 7, 3));
        assertThat(stock("SKU-BLUE-7")).isEqualTo(new StockLevel("SKU-BLUE-7", 4, 1));
        assertThat(order(ORDER_42).version()).isEqualTo(2);
        assertThat(order(ORDER_42).history()).hasSize(2);
        assertThat(outbox()).hasSize(4);
    }

    @Test
    void theSameBatchOnTwoInstancesAtOnceReservesOnceAndBothAcknowledgeIt() throws Exception {
        storeFixtureOrders();
        InventoryHandler otherInstance = new InventoryHandler(env, new AwsClients(env));
        List<SQSBatchResponse> responses = Race.ofTwo(() -> handle(fixture()),
                () -> otherInstance.handleRequest(fixture(), FakeContext.withRemainingMillis(30_000)));

        assertThat(responses).allSatisfy(response -> assertThat(SqsBatches.failedIds(response)).isEmpty());
        assertThat(stock("SKU-RED-1")).isEqualTo(new StockLevel("SKU-RED-1", 7, 3));
        assertThat(stock("SKU-BLUE-7")).isEqualTo(new StockLevel("SKU-BLUE-7", 4, 1));
        assertThat(order(ORDER_42).history()).hasSize(2);
        assertThat(order(ORDER_7).history()).hasSize(2);
        assertThat(outbox()).hasSize(4);
    }

    // ---- reject ----

    @Test
    void anOrderWithAnUnknownSkuIsRejectedAndTouchesNoStock() {
        OrderEvent placed = newOrderPlaced("cust-9", List.of(line("SKU-RED-1", 1), line("SKU-GHOST", 2)));
        storeOrderPlacedBy(placed);

        SQSBatchResponse response = handle(SqsBatches.batchOf(messageOf(placed)));

        assertThat(SqsBatches.failedIds(response)).isEmpty();
        Order order = order(placed.aggregateId());
        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(order.version()).isEqualTo(2);
        assertThat(order.rejectionReason()).isEqualTo("SKU-GHOST: unknown SKU");
        assertThat(order.history()).extracting(HistoryEntry::eventType)
                .containsExactly(EventType.OrderPlaced, EventType.OrderRejected);
        assertThat(stock("SKU-RED-1")).isEqualTo(new StockLevel("SKU-RED-1", 10, 0));
        assertThat(stockExists("SKU-GHOST")).as("an unknown SKU is not created by reserving it").isFalse();
        List<OrderEvent> rejected = outboxOf(EventType.OrderRejected);
        assertThat(rejected).singleElement().satisfies(event -> {
            assertThat(event.aggregateId()).isEqualTo(placed.aggregateId());
            assertThat(event.sequence()).isEqualTo(2);
            assertThat(event.payload()).isInstanceOfSatisfying(OrderRejected.class,
                    r -> assertThat(r.reason()).isEqualTo("SKU-GHOST: unknown SKU"));
        });
        assertThat(outboxOf(EventType.OrderConfirmed)).isEmpty();
    }

    @Test
    void anOrderWithTooFewUnitsIsRejectedNamingAvailableAndRequested() {
        OrderEvent placed = newOrderPlaced("cust-9", List.of(line("SKU-BLUE-7", 1), line("SKU-RED-1", 12)));
        storeOrderPlacedBy(placed);

        SQSBatchResponse response = handle(SqsBatches.batchOf(messageOf(placed)));

        assertThat(SqsBatches.failedIds(response)).isEmpty();
        Order order = order(placed.aggregateId());
        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(order.rejectionReason()).isEqualTo("SKU-RED-1: 10 available, 12 requested");
        assertThat(stock("SKU-RED-1")).isEqualTo(new StockLevel("SKU-RED-1", 10, 0));
        assertThat(stock("SKU-BLUE-7")).as("nothing is reserved of an order that is rejected")
                .isEqualTo(new StockLevel("SKU-BLUE-7", 5, 0));
        assertThat(outboxOf(EventType.OrderRejected)).singleElement()
                .satisfies(e -> assertThat(((OrderRejected) e.payload()).shortages()).containsExactly(
                        new StockShortage("SKU-RED-1", 12, 10)));
    }

    @Test
    void linesOfOneSkuAreReservedTogetherSoTheirSumMustBeAvailable() {
        // 6 + 6 units of SKU-RED-1: each line fits in 10, their sum does not.
        OrderEvent placed = newOrderPlaced("cust-9", List.of(line("SKU-RED-1", 6), line("SKU-RED-1", 6)));
        storeOrderPlacedBy(placed);

        handle(SqsBatches.batchOf(messageOf(placed)));

        assertThat(order(placed.aggregateId()).rejectionReason()).isEqualTo("SKU-RED-1: 10 available, 12 requested");
        assertThat(stock("SKU-RED-1")).isEqualTo(new StockLevel("SKU-RED-1", 10, 0));
    }

    @Test
    void anOrderTakingTheLastUnitsIsConfirmedAndTheNextIsRejected() {
        OrderEvent first = newOrderPlaced("cust-1", List.of(line("SKU-BLUE-7", 5)));
        OrderEvent second = newOrderPlaced("cust-2", List.of(line("SKU-BLUE-7", 1)));
        storeOrderPlacedBy(first);
        storeOrderPlacedBy(second);

        SQSBatchResponse response = handle(SqsBatches.batchOf(messageOf(first), messageOf(second)));

        assertThat(SqsBatches.failedIds(response)).isEmpty();
        assertThat(order(first.aggregateId()).status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order(second.aggregateId()).status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(order(second.aggregateId()).rejectionReason()).isEqualTo("SKU-BLUE-7: 0 available, 1 requested");
        assertThat(stock("SKU-BLUE-7")).isEqualTo(new StockLevel("SKU-BLUE-7", 0, 5));
    }

    @Test
    void anOrderOfTheMostDistinctSkusAllowedIsReservedInOneTransaction() {
        // 98 stock updates + the order + the outbox row: TransactWriteItems' limit of 100 actions exactly.
        DynamoStockLevels levels = new DynamoStockLevels(client, tables.stock(), Clock.systemUTC());
        List<OrderItem> lines = new ArrayList<>();
        for (int i = 0; i < OrderRules.MAX_DISTINCT_SKUS; i++) {
            levels.setAvailable("SKU-MANY-" + i, 3);
            lines.add(line("SKU-MANY-" + i, 2));
        }
        OrderEvent placed = newOrderPlaced("cust-9", lines);
        storeOrderPlacedBy(placed);

        SQSBatchResponse response = handle(SqsBatches.batchOf(messageOf(placed)));

        assertThat(SqsBatches.failedIds(response)).isEmpty();
        assertThat(order(placed.aggregateId()).status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(stock("SKU-MANY-0")).isEqualTo(new StockLevel("SKU-MANY-0", 1, 2));
        assertThat(stock("SKU-MANY-97")).isEqualTo(new StockLevel("SKU-MANY-97", 1, 2));
    }

    // ---- failures and parking ----

    @Test
    void anOrderPlacedWithoutItemsIsParkedAndItsOrderStaysPending() {
        OrderEvent placed = newOrderPlaced("cust-9", List.of(line("SKU-RED-1", 1)));
        storeOrderPlacedBy(placed);
        OrderEvent withoutItems = new OrderEvent(placed.eventId(), placed.aggregateId(), placed.customerId(), 1,
                placed.occurredAt(), placed.correlationId(), Priority.STANDARD,
                new OrderPlaced("cust-9", "EUR", BigDecimal.ZERO, List.of()));
        SQSMessage message = messageOf(withoutItems);

        SQSBatchResponse response = handle(SqsBatches.batchOf(message));

        assertThat(SqsBatches.failedIds(response)).isEmpty();
        assertThat(parked()).singleElement().satisfies(m -> {
            assertThat(m.messageAttributes().get("parkReason").stringValue()).contains("no items");
            assertThat(m.messageAttributes().get("originalMessageId").stringValue()).isEqualTo(message.getMessageId());
        });
        assertThat(order(placed.aggregateId()).status()).isEqualTo(OrderStatus.PENDING);
        assertThat(stock("SKU-RED-1")).isEqualTo(new StockLevel("SKU-RED-1", 10, 0));
    }

    @Test
    void anOrderPlacedOfAnOrderThatIsNotStoredFailsAndComesBack() {
        OrderEvent placed = newOrderPlaced("cust-9", List.of(line("SKU-RED-1", 1)));

        SQSMessage message = messageOf(placed);
        SQSBatchResponse response = handle(SqsBatches.batchOf(message));

        assertThat(SqsBatches.failedIds(response)).containsExactly(message.getMessageId());
        assertThat(stock("SKU-RED-1")).isEqualTo(new StockLevel("SKU-RED-1", 10, 0));
        assertThat(outbox()).isEmpty();
    }
}
