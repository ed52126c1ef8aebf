package io.github.orderevents.aws.dynamo;

import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.TestTables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import io.github.orderevents.domain.OrderStore;
import io.github.orderevents.domain.inventory.InventoryStore;
import io.github.orderevents.domain.inventory.InventoryStoreContract;
import io.github.orderevents.domain.inventory.StockLevel;
import io.github.orderevents.domain.inventory.StockLevels;
import io.github.orderevents.domain.testing.Orders;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link DynamoInventory} against DynamoDB Local runs the port's contract. */
class DynamoInventoryContractTest extends InventoryStoreContract {
    @RegisterExtension
    static final EmbeddedDynamo DYNAMO_LOCAL = new EmbeddedDynamo();
    private final DynamoDbClient dynamo = DYNAMO_LOCAL.client();
    private TestTables tables;
    private final Clock clock = Clock.fixed(Orders.T0.plusSeconds(60), ZoneOffset.UTC);

    @BeforeEach
    void freshTables() {
        tables = TestTables.create(dynamo);
    }

    @Override
    protected InventoryStore inventory() {
        return new DynamoInventory(dynamo, tables.stock(), tables.orders(), tables.outbox(), clock);
    }

    @Override
    protected OrderStore orders() {
        return new DynamoOrderStore(dynamo, tables.orders(), tables.outbox());
    }

    @Override
    protected StockLevels stockLevels() {
        return new DynamoStockLevels(dynamo, tables.stock(), clock);
    }

    @Override
    protected Optional<StockLevel> stockOf(String sku) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(tables.stock())
                .key(Map.of(DynamoInventory.KEY, Attributes.s(sku))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(new StockLevel(sku, Attributes.number(item, "available"), Attributes.number(item, "reserved")));
    }

    @Override
    protected List<String> outboxEventIds() {
        return dynamo.scan(r -> r.tableName(tables.outbox()).consistentRead(true)).items().stream()
                .map(row -> row.get("eventId").s()).toList();
    }
}
