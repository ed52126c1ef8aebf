package io.github.orderevents.aws.dynamo;

import io.github.orderevents.domain.OrderRejected;
import io.github.orderevents.domain.OrderConfirmed;
import io.github.orderevents.domain.EventPayload;
import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.TestTables;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.HistoryEntry;
import io.github.orderevents.domain.Ids;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderItem;
import io.github.orderevents.domain.OrderService;
import io.github.orderevents.domain.OrderStatus;
import io.github.orderevents.domain.PlaceOrder;
import io.github.orderevents.domain.RequestContext;
import io.github.orderevents.domain.inventory.ReservationOutcome;
import io.github.orderevents.domain.inventory.StockLevel;
import io.github.orderevents.domain.inventory.StockShortage;
import io.github.orderevents.domain.testing.Orders;
import io.github.orderevents.domain.testing.SequentialIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The inventory adapter against DynamoDB Local: each outcome is one TransactWriteItems over stock,
 * orders and outbox, and a refusal writes nothing.
 */
class DynamoInventoryTest {
    @RegisterExtension
    static final EmbeddedDynamo DYNAMO_LOCAL = new EmbeddedDynamo();
    private static final Clock CLOCK = Clock.fixed(Orders.T0.plusSeconds(60), ZoneOffset.UTC);
    private static final Ids IDS = Ids.random();

    private final DynamoDbClient dynamo = DYNAMO_LOCAL.client();
    private TestTables tables;
    private DynamoOrderStore orders;
    private DynamoStockLevels stock;
    private DynamoInventory inventory;
    private OrderService orderService;

    @BeforeEach
    void freshTables() {
        tables = TestTables.create(dynamo);
        orders = new DynamoOrderStore(dynamo, tables.orders(), tables.outbox());
        stock = new DynamoStockLevels(dynamo, tables.stock(), CLOCK);
        inventory = new DynamoInventory(dynamo, tables.stock(), tables.orders(), tables.outbox(), CLOCK);
        orderService = new OrderService(orders, new SequentialIds(), Clock.fixed(Orders.T0, ZoneOffset.UTC));
    }

    @Test
    void confirmReservesEveryItemConfirmsTheOrderAndWritesItsEventTogether() {
        stock.setAvailable("SKU-1", 10);
        stock.setAvailable("SKU-2", 3);
        Placed order = place("cust-1", item("SKU-1", 2), item("SKU-2", 1));
        OrderEvent confirmed = confirmedEvent(order);

        ReservationOutcome outcome = inventory.confirm(order.event(), order.quantities(), confirmed);

        assertThat(outcome).isEqualTo(new ReservationOutcome.Applied());
        assertThat(stockOf("SKU-1")).isEqualTo(new StockLevel("SKU-1", 8, 2));
        assertThat(stockOf("SKU-2")).isEqualTo(new StockLevel("SKU-2", 2, 1));
        Order stored = order(order);
        assertThat(stored.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.rejectionReason()).isNull();
        assertThat(stored.updatedAt()).isEqualTo(confirmed.occurredAt());
        assertThat(stored.history()).containsExactly(
                new HistoryEntry(1, EventType.OrderPlaced, order.event().eventId(), order.event().occurredAt(),
                        OrderStatus.PENDING),
                new HistoryEntry(2, EventType.OrderConfirmed, confirmed.eventId(), confirmed.occurredAt(),
                        OrderStatus.CONFIRMED));
        Map<String, AttributeValue> row = outboxRow(order.orderId(), 2).orElseThrow();
        assertThat(row.get("status").s()).isEqualTo(OutboxItems.STATUS_PENDING);
        assertThat(row).containsKey(OutboxItems.PENDING_SHARD);
        assertThat(OutboxItems.fromRow(row)).isEqualTo(confirmed);
    }

    @Test
    void confirmingTheSameEventAgainIsAlreadyAppliedAndChangesNothing() {
        stock.setAvailable("SKU-1", 10);
        stock.setAvailable("SKU-2", 3);
        Placed order = place("cust-1", item("SKU-1", 2), item("SKU-2", 1));
        OrderEvent confirmed = confirmedEvent(order);
        inventory.confirm(order.event(), order.quantities(), confirmed);
        Snapshot before = snapshot(order, "SKU-1", "SKU-2");

        ReservationOutcome again = inventory.confirm(order.event(), order.quantities(), confirmed);

        assertThat(again).isEqualTo(new ReservationOutcome.AlreadyApplied(2));
        assertThat(snapshot(order, "SKU-1", "SKU-2")).isEqualTo(before);
    }

    @Test
    void confirmWithAnUnknownSkuIsAShortageWithNoAvailableCountAndWritesNothing() {
        stock.setAvailable("SKU-1", 10);
        Placed order = place("cust-1", item("SKU-1", 2), item("NO-SUCH-SKU", 1));
        Snapshot before = snapshot(order, "SKU-1", "NO-SUCH-SKU");

        ReservationOutcome outcome = inventory.confirm(order.event(), order.quantities(), confirmedEvent(order));

        assertThat(outcome).isEqualTo(new ReservationOutcome.Shortage(
                List.of(new StockShortage("NO-SUCH-SKU", 1, null))));
        assertNothingWritten(order, before, "SKU-1", "NO-SUCH-SKU");
        // The failed update must not have created a row for the unknown SKU either.
        assertThat(stockRow("NO-SUCH-SKU")).isEmpty();
    }

    @Test
    void confirmWithAShortSkuIsAShortageWithItsAvailableCountAndWritesNothing() {
        stock.setAvailable("SKU-1", 10);
        stock.setAvailable("SKU-2", 1);
        Placed order = place("cust-1", item("SKU-1", 2), item("SKU-2", 3));
        Snapshot before = snapshot(order, "SKU-1", "SKU-2");

        ReservationOutcome outcome = inventory.confirm(order.event(), order.quantities(), confirmedEvent(order));

        assertThat(outcome).isEqualTo(new ReservationOutcome.Shortage(List.of(new StockShortage("SKU-2", 3, 1))));
        assertNothingWritten(order, before, "SKU-1", "SKU-2");
    }

    @Test
    void confirmWithSeveralShortSkusListsEveryOne() {
        stock.setAvailable("SKU-A", 5);
        stock.setAvailable("SKU-B", 0);
        stock.setAvailable("SKU-C", 1);
        Placed order = place("cust-1", item("SKU-A", 1), item("SKU-B", 1), item("SKU-C", 2), item("SKU-D", 4));
        Snapshot before = snapshot(order, "SKU-A", "SKU-B", "SKU-C", "SKU-D");

        ReservationOutcome outcome = inventory.confirm(order.event(), order.quantities(), confirmedEvent(order));

        assertThat(outcome).isInstanceOfSatisfying(ReservationOutcome.Shortage.class, shortage ->
                assertThat(shortage.shortages()).containsExactlyInAnyOrder(
                        new StockShortage("SKU-B", 1, 0),
                        new StockShortage("SKU-C", 2, 1),
                        new StockShortage("SKU-D", 4, null)));
        assertNothingWritten(order, before, "SKU-A", "SKU-B", "SKU-C", "SKU-D");
    }

    @Test
    void rejectSetsTheOrderRejectedWithItsReasonWritesTheEventAndLeavesStockAlone() {
        stock.setAvailable("SKU-1", 1);
        Placed order = place("cust-1", item("SKU-1", 2));
        OrderEvent rejected = rejectedEvent(order, "SKU-1: 1 available, 2 requested");

        ReservationOutcome outcome = inventory.reject(order.event(), "SKU-1: 1 available, 2 requested", rejected);

        assertThat(outcome).isEqualTo(new ReservationOutcome.Applied());
        Order stored = order(order);
        assertThat(stored.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.rejectionReason()).isEqualTo("SKU-1: 1 available, 2 requested");
        assertThat(stored.history()).last().isEqualTo(new HistoryEntry(2, EventType.OrderRejected,
                rejected.eventId(), rejected.occurredAt(), OrderStatus.REJECTED));
        Map<String, AttributeValue> row = outboxRow(order.orderId(), 2).orElseThrow();
        assertThat(row.get("status").s()).isEqualTo(OutboxItems.STATUS_PENDING);
        assertThat(OutboxItems.fromRow(row)).isEqualTo(rejected);
        assertThat(stockOf("SKU-1")).isEqualTo(new StockLevel("SKU-1", 1, 0));
    }

    @Test
    void rejectAfterConfirmIsAlreadyAppliedAndChangesNothing() {
        stock.setAvailable("SKU-1", 5);
        Placed order = place("cust-1", item("SKU-1", 2));
        inventory.confirm(order.event(), order.quantities(), confirmedEvent(order));
        Snapshot before = snapshot(order, "SKU-1");

        ReservationOutcome outcome = inventory.reject(order.event(), "too late", rejectedEvent(order, "too late"));

        assertThat(outcome).isEqualTo(new ReservationOutcome.AlreadyApplied(2));
        assertThat(snapshot(order, "SKU-1")).isEqualTo(before);
    }

    @Test
    void duplicateConfirmIsAlreadyAppliedEvenWhenTheStockHasSinceRunOut() {
        stock.setAvailable("SKU-1", 2);
        Placed order = place("cust-1", item("SKU-1", 2));
        OrderEvent confirmed = confirmedEvent(order);
        inventory.confirm(order.event(), order.quantities(), confirmed);
        Snapshot before = snapshot(order, "SKU-1");

        ReservationOutcome again = inventory.confirm(order.event(), order.quantities(), confirmed);

        assertThat(again).isEqualTo(new ReservationOutcome.AlreadyApplied(2));
        assertThat(snapshot(order, "SKU-1")).isEqualTo(before);
    }

    @Test
    void confirmAfterRejectIsAlreadyAppliedAndReservesNothing() {
        stock.setAvailable("SKU-1", 5);
        Placed order = place("cust-1", item("SKU-1", 2));
        inventory.reject(order.event(), "changed our mind", rejectedEvent(order, "changed our mind"));

        ReservationOutcome outcome = inventory.confirm(order.event(), order.quantities(), confirmedEvent(order));

        assertThat(outcome).isEqualTo(new ReservationOutcome.AlreadyApplied(2));
        assertThat(stockOf("SKU-1")).isEqualTo(new StockLevel("SKU-1", 5, 0));
        assertThat(order(order).status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(outboxRow(order.orderId(), 2).orElseThrow().get("eventType").s()).isEqualTo("OrderRejected");
    }

    @Test
    void confirmOfAnEventAheadOfTheOrderIsOutOfSequenceAndWritesNothing() {
        stock.setAvailable("SKU-1", 5);
        Placed order = place("cust-1", item("SKU-1", 2));
        OrderEvent third = withSequence(order.event(), 3);
        OrderEvent fourth = withSequence(confirmedEvent(order), 4);
        Snapshot before = snapshot(order, "SKU-1");

        ReservationOutcome outcome = inventory.confirm(third, order.quantities(), fourth);

        assertThat(outcome).isEqualTo(new ReservationOutcome.OutOfSequence(1));
        assertNothingWritten(order, before, "SKU-1");
        assertThat(outboxRow(order.orderId(), 4)).isEmpty();
    }

    @Test
    void confirmForAnOrderThatDoesNotExistThrowsIllegalState() {
        stock.setAvailable("SKU-1", 5);
        OrderEvent placed = Orders.event(EventType.OrderPlaced, "ord-missing", "cust-1", 1);
        OrderEvent confirmed = Orders.event(EventType.OrderConfirmed, "ord-missing", "cust-1", 2);

        assertThatThrownBy(() -> inventory.confirm(placed, Map.of("SKU-1", 2), confirmed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ord-missing");

        assertThat(stockOf("SKU-1")).isEqualTo(new StockLevel("SKU-1", 5, 0));
        assertThat(outboxRow("ord-missing", 2)).isEmpty();
        assertThat(dynamo.getItem(r -> r.tableName(tables.orders())
                .key(Map.of(OrderItems.KEY, AttributeValue.fromS("ord-missing")))).hasItem()).isFalse();
    }

    /**
     * Stock never goes negative when concurrent orders compete for the last
     * units. 12 orders want 18 units of a SKU that has 5; six threads confirm them at once, and each one
     * that gets Shortage is rejected (what InventoryService does). A TransactionConflict that outlives
     * TransactionRetry surfaces as TransactionCanceledException from Future.get and fails the test.
     */
    @RepeatedTest(3)
    void concurrentOrdersForTheLastUnitsNeverOversellAndEveryOrderEndsDecided() throws Exception {
        ConflictCounter conflicts = new ConflictCounter();
        try (DynamoDbClient counted = client(conflicts)) {
            DynamoInventory contended = new DynamoInventory(counted, tables.stock(), tables.orders(),
                    tables.outbox(), CLOCK);
            stock.setAvailable("LAST", 5);
            List<Placed> placed = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                placed.add(place("cust-" + i, item("LAST", 1 + i % 2)));
            }

            ExecutorService pool = Executors.newFixedThreadPool(6);
            CountDownLatch startGate = new CountDownLatch(1);
            List<Future<ReservationOutcome>> results = new ArrayList<>();
            try {
                for (Placed order : placed) {
                    results.add(pool.submit(decide(contended, order, startGate)));
                }
                startGate.countDown();
                for (Future<ReservationOutcome> result : results) {
                    // get() rethrows whatever a worker threw (e.g. TransactionCanceledException): never swallowed.
                    assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(new ReservationOutcome.Applied());
                }
            } finally {
                pool.shutdownNow();
            }

            StockLevel last = stockOf("LAST");
            List<Order> stored = placed.stream().map(this::order).toList();
            long confirmedUnits = stored.stream().filter(o -> o.status() == OrderStatus.CONFIRMED)
                    .mapToLong(o -> o.items().stream().mapToInt(OrderItem::quantity).sum()).sum();
            assertThat(stored).extracting(Order::status)
                    .allMatch(s -> s == OrderStatus.CONFIRMED || s == OrderStatus.REJECTED);
            assertThat(stored).extracting(Order::version).containsOnly(2L);
            assertThat(last.available()).isNotNegative();
            assertThat(last.available() + last.reserved()).isEqualTo(5);
            assertThat(last.reserved()).isEqualTo(confirmedUnits);
            assertThat(confirmedUnits).isLessThanOrEqualTo(5).isPositive();
            for (Order order : stored) {
                assertThat(outboxRow(order.orderId(), 2)).hasValueSatisfying(row -> assertThat(row.get("eventType").s())
                        .isEqualTo(order.status() == OrderStatus.CONFIRMED ? "OrderConfirmed" : "OrderRejected"));
            }
            // Printed, not asserted: how often DynamoDB Local answered TransactionConflict (surefire's
            // reports drop JUnit's TestReporter entries, the console keeps this line).
            System.out.printf("DynamoInventoryTest concurrency: %d TransactWriteItems calls, %d cancelled by"
                    + " TransactionConflict, %d of 5 units confirmed%n", conflicts.calls.get(),
                    conflicts.conflicts.get(), confirmedUnits);
        }
    }

    @Test
    void confirmRetriesATransactionCancelledOnlyByConflictsAndThenApplies() {
        stock.setAvailable("SKU-1", 5);
        Placed order = place("cust-1", item("SKU-1", 2));
        ConflictInjector injector = new ConflictInjector(TransactionRetry.ATTEMPTS - 1);

        try (DynamoDbClient conflicting = client(injector)) {
            DynamoInventory store = new DynamoInventory(conflicting, tables.stock(), tables.orders(), tables.outbox(),
                    CLOCK);

            assertThat(store.confirm(order.event(), order.quantities(), confirmedEvent(order)))
                    .isEqualTo(new ReservationOutcome.Applied());
        }

        assertThat(injector.injected.get()).isEqualTo(TransactionRetry.ATTEMPTS - 1);
        assertThat(stockOf("SKU-1")).isEqualTo(new StockLevel("SKU-1", 3, 2));
        assertThat(order(order).status()).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void confirmSurfacesTransactionCanceledWhenConflictsOutlastTheRetries() {
        stock.setAvailable("SKU-1", 5);
        Placed order = place("cust-1", item("SKU-1", 2));
        Snapshot before = snapshot(order, "SKU-1");
        ConflictInjector injector = new ConflictInjector(Integer.MAX_VALUE);

        try (DynamoDbClient conflicting = client(injector)) {
            DynamoInventory store = new DynamoInventory(conflicting, tables.stock(), tables.orders(), tables.outbox(),
                    CLOCK);

            assertThatThrownBy(() -> store.confirm(order.event(), order.quantities(), confirmedEvent(order)))
                    .isInstanceOf(TransactionCanceledException.class);
        }

        assertThat(injector.injected.get()).isEqualTo(TransactionRetry.ATTEMPTS);
        assertNothingWritten(order, before, "SKU-1");
    }

    /**
     * Cancels the first {@code times} TransactWriteItems calls before they reach DynamoDB, as DynamoDB
     * does on a TransactionConflict: DynamoDB Local serialises transactions and never answers that.
     */
    private static final class ConflictInjector implements ExecutionInterceptor {
        private final int times;
        final AtomicInteger injected = new AtomicInteger();

        ConflictInjector(int times) {
            this.times = times;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof TransactWriteItemsRequest request && injected.get() < times) {
                injected.incrementAndGet();
                List<CancellationReason> reasons = new ArrayList<>();
                reasons.add(CancellationReason.builder().code("TransactionConflict")
                        .message("Transaction is ongoing for the item").build());
                while (reasons.size() < request.transactItems().size()) {
                    reasons.add(CancellationReason.builder().code("None").build());
                }
                throw TransactionCanceledException.builder().message("Transaction cancelled (injected)")
                        .cancellationReasons(reasons).statusCode(400).build();
            }
        }
    }

    private static Callable<ReservationOutcome> decide(DynamoInventory store, Placed order, CountDownLatch startGate) {
        return () -> {
            startGate.await();
            ReservationOutcome outcome = store.confirm(order.event(), order.quantities(), confirmedEvent(order));
            if (outcome instanceof ReservationOutcome.Shortage shortage) {
                String reason = shortage.shortages().stream().map(StockShortage::describe).toList().toString();
                outcome = store.reject(order.event(), reason, rejectedEvent(order, reason));
            }
            return outcome;
        };
    }

    /** Counts TransactWriteItems calls, and those DynamoDB cancelled for a TransactionConflict. */
    private static final class ConflictCounter implements ExecutionInterceptor {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger conflicts = new AtomicInteger();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            calls.incrementAndGet();
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            if (context.exception() instanceof TransactionCanceledException e && e.hasCancellationReasons()
                    && e.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code()))) {
                conflicts.incrementAndGet();
            }
        }
    }

    private static DynamoDbClient client(ExecutionInterceptor interceptor) {
        // A client of its own: AwsClients.addInterceptor would reach every client built later in this JVM.
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(DYNAMO_LOCAL.endpoint()))
                .region(Region.of(EmbeddedDynamo.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(interceptor))
                .build();
    }

    /** An order placed through OrderService (PENDING, version 1), its OrderPlaced event as the outbox holds it. */
    private record Placed(OrderEvent event, Map<String, Integer> quantities) {
        String orderId() {
            return event.aggregateId();
        }
    }

    private Placed place(String customerId, OrderItem... items) {
        Order order = orderService.place(new PlaceOrder(customerId, List.of(items), "EUR"),
                new RequestContext("corr-" + customerId, Optional.empty()));
        OrderEvent event = OutboxItems.fromRow(outboxRow(order.orderId(), 1).orElseThrow());
        Map<String, Integer> quantities = new TreeMap<>();
        for (OrderItem item : items) {
            quantities.merge(item.sku(), item.quantity(), Integer::sum);
        }
        return new Placed(event, quantities);
    }

    private static OrderItem item(String sku, int quantity) {
        return new OrderItem(sku, quantity, new BigDecimal("9.99"));
    }

    private static OrderEvent confirmedEvent(Placed order) {
        return next(order, new OrderConfirmed(order.event().customerId(), new BigDecimal("44.98"), "EUR",
                order.quantities().entrySet().stream()
                        .map(e -> new OrderConfirmed.Reserved(e.getKey(), e.getValue())).toList()));
    }

    private static OrderEvent rejectedEvent(Placed order, String reason) {
        return next(order, new OrderRejected(order.event().customerId(), reason, List.of()));
    }

    private static OrderEvent next(Placed order, EventPayload payload) {
        OrderEvent placed = order.event();
        return new OrderEvent(IDS.eventIdFor(placed.aggregateId(), 2), placed.aggregateId(), placed.customerId(),
                2, CLOCK.instant(), placed.correlationId(), payload);
    }

    private static OrderEvent withSequence(OrderEvent e, long sequence) {
        return new OrderEvent(e.eventId() + "-" + sequence, e.aggregateId(), e.customerId(), sequence,
                e.occurredAt().plus(Duration.ofSeconds(sequence)), e.correlationId(), e.payload());
    }

    /** Everything a refused confirm must leave alone: the order, its outbox rows and the SKUs' stock rows. */
    private record Snapshot(Map<String, AttributeValue> order, List<Map<String, AttributeValue>> outbox,
                            List<Optional<Map<String, AttributeValue>>> stock) {
    }

    private Snapshot snapshot(Placed order, String... skus) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(tables.orders()).consistentRead(true)
                .key(Map.of(OrderItems.KEY, AttributeValue.fromS(order.orderId())))).item();
        List<Map<String, AttributeValue>> outbox = dynamo.query(r -> r.tableName(tables.outbox()).consistentRead(true)
                .keyConditionExpression("aggregateId = :id")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(order.orderId())))).items();
        List<Optional<Map<String, AttributeValue>>> stockRows = new ArrayList<>();
        for (String sku : skus) {
            stockRows.add(stockRow(sku));
        }
        return new Snapshot(item, outbox, stockRows);
    }

    private void assertNothingWritten(Placed order, Snapshot before, String... skus) {
        assertThat(snapshot(order, skus)).isEqualTo(before);
        Order stored = order(order);
        assertThat(stored.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.history()).hasSize(1);
        assertThat(outboxRow(order.orderId(), 2)).isEmpty();
    }

    private Order order(Placed order) {
        return orders.find(order.orderId()).orElseThrow();
    }

    private Optional<Map<String, AttributeValue>> outboxRow(String orderId, long sequence) {
        var response = dynamo.getItem(r -> r.tableName(tables.outbox()).consistentRead(true)
                .key(Map.of(OutboxItems.HASH_KEY, AttributeValue.fromS(orderId),
                        OutboxItems.RANGE_KEY, AttributeValue.fromN(Long.toString(sequence)))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    private Optional<Map<String, AttributeValue>> stockRow(String sku) {
        var response = dynamo.getItem(r -> r.tableName(tables.stock()).consistentRead(true)
                .key(Map.of(DynamoInventory.KEY, AttributeValue.fromS(sku))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    private StockLevel stockOf(String sku) {
        Map<String, AttributeValue> row = stockRow(sku).orElseThrow(() -> new AssertionError("no stock row for " + sku));
        return new StockLevel(sku, Long.parseLong(row.get("available").n()), Long.parseLong(row.get("reserved").n()));
    }
}
