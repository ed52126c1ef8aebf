package io.github.orderevents.aws.dynamo;

import io.github.orderevents.domain.OrderConfirmed;
import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.TestTables;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.Ids;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderItem;
import io.github.orderevents.domain.OrderService;
import io.github.orderevents.domain.PlaceOrder;
import io.github.orderevents.domain.RequestContext;
import io.github.orderevents.domain.inventory.ReservationOutcome;
import io.github.orderevents.domain.inventory.StockLevel;
import io.github.orderevents.domain.testing.MutableClock;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Setting stock levels against DynamoDB Local: one UpdateItem that never touches reserved units. */
class DynamoStockLevelsTest {
    @RegisterExtension
    static final EmbeddedDynamo DYNAMO_LOCAL = new EmbeddedDynamo();
    private final DynamoDbClient dynamo = DYNAMO_LOCAL.client();
    private final MutableClock clock = new MutableClock(Orders.T0);
    private TestTables tables;
    private DynamoStockLevels stock;

    @BeforeEach
    void freshTables() {
        tables = TestTables.create(dynamo);
        stock = new DynamoStockLevels(dynamo, tables.stock(), clock);
    }

    @Test
    void createsAnUnknownSkuWithNothingReserved() {
        StockLevel level = stock.setAvailable("SKU-1", 7);

        assertThat(level).isEqualTo(new StockLevel("SKU-1", 7, 0));
        Map<String, AttributeValue> row = row("SKU-1");
        assertThat(row.get("available").n()).isEqualTo("7");
        assertThat(row.get("reserved").n()).isEqualTo("0");
        assertThat(row.get("updatedAt").s()).isEqualTo(Orders.T0.toString());
    }

    @Test
    void resettingAvailableKeepsTheUnitsAConfirmedOrderReserved() {
        stock.setAvailable("SKU-1", 5);
        reserve("SKU-1", 2);
        assertThat(row("SKU-1").get("reserved").n()).isEqualTo("2");
        clock.advance(Duration.ofMinutes(5));

        StockLevel level = stock.setAvailable("SKU-1", 10);

        assertThat(level).isEqualTo(new StockLevel("SKU-1", 10, 2));
        Map<String, AttributeValue> row = row("SKU-1");
        assertThat(row.get("available").n()).isEqualTo("10");
        assertThat(row.get("reserved").n()).isEqualTo("2");
        assertThat(row.get("updatedAt").s()).isEqualTo(Orders.T0.plus(Duration.ofMinutes(5)).toString());
    }

    @Test
    void settingAvailableToZeroKeepsReservedAndStopsFurtherReservations() {
        stock.setAvailable("SKU-1", 5);
        reserve("SKU-1", 3);

        assertThat(stock.setAvailable("SKU-1", 0)).isEqualTo(new StockLevel("SKU-1", 0, 3));
        assertThat(reserve("SKU-1", 1)).isInstanceOf(ReservationOutcome.Shortage.class);
        assertThat(row("SKU-1").get("reserved").n()).isEqualTo("3");
    }

    /** Places an order for {@code units} of {@code sku} and confirms it through DynamoInventory. */
    private ReservationOutcome reserve(String sku, int units) {
        DynamoOrderStore orders = new DynamoOrderStore(dynamo, tables.orders(), tables.outbox());
        Order order = new OrderService(orders, Ids.random(), clock).place(new PlaceOrder("cust-1", List.of(new OrderItem(sku, units, new BigDecimal("1.00"))), "EUR"),
                new RequestContext("corr-1", Optional.empty()));
        OrderEvent placed = OutboxItems.fromRow(dynamo.getItem(r -> r.tableName(tables.outbox()).consistentRead(true)
                .key(Map.of(OutboxItems.HASH_KEY, AttributeValue.fromS(order.orderId()),
                        OutboxItems.RANGE_KEY, AttributeValue.fromN("1")))).item());
        OrderEvent confirmed = new OrderEvent(Ids.random().eventIdFor(order.orderId(), 2), order.orderId(),
                order.customerId(), 2, clock.instant(), placed.correlationId(), new OrderConfirmed(order.customerId(),
                order.total(), order.currency(), List.of(new OrderConfirmed.Reserved(sku, units))));
        return new DynamoInventory(dynamo, tables.stock(), tables.orders(), tables.outbox(), clock)
                .confirm(placed, Map.of(sku, units), confirmed);
    }

    private Map<String, AttributeValue> row(String sku) {
        return dynamo.getItem(r -> r.tableName(tables.stock()).consistentRead(true)
                .key(Map.of(DynamoInventory.KEY, AttributeValue.fromS(sku)))).item();
    }
}
