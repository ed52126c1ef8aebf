package io.github.orderevents.aws.dynamo;

import io.github.orderevents.domain.Priority;
import io.github.orderevents.domain.OrderRejected;
import io.github.orderevents.domain.OrderConfirmed;
import io.github.orderevents.domain.EventPayload;
import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.FreshTables;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.Ids;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderItem;
import io.github.orderevents.domain.OrderService;
import io.github.orderevents.domain.OrderStatus;
import io.github.orderevents.domain.PlaceOrder;
import io.github.orderevents.domain.RequestContext;
import io.github.orderevents.domain.OrderStore;
import io.github.orderevents.domain.inventory.InventoryStore;
import io.github.orderevents.domain.inventory.InventoryStoreContract;
import io.github.orderevents.domain.inventory.ReservationOutcome;
import io.github.orderevents.domain.inventory.StockLevels;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * {@link DynamoInventory} against DynamoDB Local: the port's contract (each outcome one TransactWriteItems
 * over stock, orders and outbox, a refusal writing nothing), the outbox rows it writes, and how it copes
 * with TransactionConflict under concurrent orders.
 */
class DynamoInventoryTest extends InventoryStoreContract {
    @RegisterExtension
    static final FreshTables DYNAMO = new FreshTables();
    private static final Clock CLOCK = Clock.fixed(Orders.T0.plusSeconds(60), ZoneOffset.UTC);
    private static final Ids IDS = Ids.random();

    private final DynamoDbClient dynamo = DYNAMO.client();
    private DynamoOrderStore orders;
    private DynamoStockLevels stock;
    private DynamoInventory inventory;
    private OrderService orderService;

    @BeforeEach
    void adaptersOnFreshTables() {
        orders = new DynamoOrderStore(dynamo, DYNAMO.tables().orders(), DYNAMO.tables().outbox());
        stock = new DynamoStockLevels(dynamo, DYNAMO.tables().stock(), CLOCK);
        inventory = new DynamoInventory(dynamo, DYNAMO.tables().stock(), DYNAMO.tables().orders(), DYNAMO.tables().outbox(), CLOCK);
        orderService = new OrderService(orders, new SequentialIds(), Clock.fixed(Orders.T0, ZoneOffset.UTC));
    }

    @Override
    protected InventoryStore inventory() {
        return inventory;
    }

    @Override
    protected OrderStore orders() {
        return orders;
    }

    @Override
    protected StockLevels stockLevels() {
        return stock;
    }

    @Override
    protected Optional<StockLevel> stockOf(String sku) {
        return stockRow(sku).map(row -> new StockLevel(sku, Long.parseLong(row.get("available").n()),
                Long.parseLong(row.get("reserved").n())));
    }

    @Override
    protected List<String> outboxEventIds() {
        return scan(DYNAMO.tables().outbox()).stream().map(row -> row.get("eventId").s()).toList();
    }

    @Override
    protected Object storedState() {
        return List.of(Set.copyOf(scan(DYNAMO.tables().stock())), Set.copyOf(scan(DYNAMO.tables().orders())),
                Set.copyOf(scan(DYNAMO.tables().outbox())));
    }

    @Test
    void confirmAndRejectWriteTheirEventAsAPendingOutboxRowTheRelayReadsBack() {
        stock.setAvailable("SKU-1", 10);
        Placed confirmedOrder = place("cust-1", item("SKU-1", 2));
        Placed rejectedOrder = place("cust-2", item("SKU-1", 20));
        OrderEvent confirmed = confirmedEvent(confirmedOrder);
        OrderEvent rejected = rejectedEvent(rejectedOrder, "SKU-1: 10 available, 20 requested");

        inventory.confirm(confirmedOrder.event(), confirmedOrder.quantities(), confirmed);
        inventory.reject(rejectedOrder.event(), "SKU-1: 10 available, 20 requested", rejected);

        for (OrderEvent event : List.of(confirmed, rejected)) {
            Map<String, AttributeValue> row = outboxRow(event.aggregateId(), 2).orElseThrow();
            assertThat(row.get("status").s()).isEqualTo(OutboxItems.STATUS_PENDING);
            assertThat(row).containsKey(OutboxItems.PENDING_SHARD);
            assertThat(OutboxItems.fromRow(row)).isEqualTo(event);
        }
    }


    @Test
    void confirmForAnOrderThatDoesNotExistThrowsIllegalState() {
        stock.setAvailable("SKU-1", 5);
        OrderEvent placed = Orders.event(EventType.OrderPlaced, "ord-missing", "cust-1", 1);
        OrderEvent confirmed = Orders.event(EventType.OrderConfirmed, "ord-missing", "cust-1", 2);

        assertThatThrownBy(() -> inventory.confirm(placed, Map.of("SKU-1", 2), confirmed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ord-missing");

        assertThat(stockOf("SKU-1")).contains(new StockLevel("SKU-1", 5, 0));
        assertThat(outboxRow("ord-missing", 2)).isEmpty();
        assertThat(dynamo.getItem(r -> r.tableName(DYNAMO.tables().orders())
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
            DynamoInventory contended = new DynamoInventory(counted, DYNAMO.tables().stock(), DYNAMO.tables().orders(),
                    DYNAMO.tables().outbox(), CLOCK);
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

            StockLevel last = stockOf("LAST").orElseThrow();
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
            DynamoInventory store = new DynamoInventory(conflicting, DYNAMO.tables().stock(), DYNAMO.tables().orders(), DYNAMO.tables().outbox(),
                    CLOCK);

            assertThat(store.confirm(order.event(), order.quantities(), confirmedEvent(order)))
                    .isEqualTo(new ReservationOutcome.Applied());
        }

        assertThat(injector.injected.get()).isEqualTo(TransactionRetry.ATTEMPTS - 1);
        assertThat(stockOf("SKU-1")).contains(new StockLevel("SKU-1", 3, 2));
        assertThat(order(order).status()).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void confirmSurfacesTransactionCanceledWhenConflictsOutlastTheRetries() {
        stock.setAvailable("SKU-1", 5);
        Placed order = place("cust-1", item("SKU-1", 2));
        Object before = storedState();
        ConflictInjector injector = new ConflictInjector(Integer.MAX_VALUE);

        try (DynamoDbClient conflicting = client(injector)) {
            DynamoInventory store = new DynamoInventory(conflicting, DYNAMO.tables().stock(), DYNAMO.tables().orders(), DYNAMO.tables().outbox(),
                    CLOCK);

            assertThatThrownBy(() -> store.confirm(order.event(), order.quantities(), confirmedEvent(order)))
                    .isInstanceOf(TransactionCanceledException.class);
        }

        assertThat(injector.injected.get()).isEqualTo(TransactionRetry.ATTEMPTS);
        assertThat(storedState()).isEqualTo(before);
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
                .endpointOverride(URI.create(DYNAMO.dynamo().endpoint()))
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
        Order order = orderService.place(new PlaceOrder(customerId, List.of(items), "EUR", Priority.STANDARD),
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
                2, CLOCK.instant(), placed.correlationId(), placed.priority(), payload);
    }

    private Order order(Placed order) {
        return orders.find(order.orderId()).orElseThrow();
    }

    private Optional<Map<String, AttributeValue>> outboxRow(String orderId, long sequence) {
        var response = dynamo.getItem(r -> r.tableName(DYNAMO.tables().outbox()).consistentRead(true)
                .key(Map.of(OutboxItems.HASH_KEY, AttributeValue.fromS(orderId),
                        OutboxItems.RANGE_KEY, AttributeValue.fromN(Long.toString(sequence)))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    private Optional<Map<String, AttributeValue>> stockRow(String sku) {
        var response = dynamo.getItem(r -> r.tableName(DYNAMO.tables().stock()).consistentRead(true)
                .key(Map.of(DynamoInventory.KEY, AttributeValue.fromS(sku))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    private List<Map<String, AttributeValue>> scan(String table) {
        return dynamo.scan(r -> r.tableName(table).consistentRead(true)).items();
    }
}
