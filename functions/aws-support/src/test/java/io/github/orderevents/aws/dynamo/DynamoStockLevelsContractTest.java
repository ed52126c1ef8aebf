package io.github.orderevents.aws.dynamo;

import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.TestTables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import io.github.orderevents.domain.inventory.StockLevels;
import io.github.orderevents.domain.inventory.StockLevelsContract;
import io.github.orderevents.domain.testing.Orders;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;

/** {@link DynamoStockLevels} against DynamoDB Local runs the port's contract. */
class DynamoStockLevelsContractTest extends StockLevelsContract {
    @RegisterExtension
    static final EmbeddedDynamo DYNAMO_LOCAL = new EmbeddedDynamo();
    private final DynamoDbClient dynamo = DYNAMO_LOCAL.client();
    private TestTables tables;

    @BeforeEach
    void freshTables() {
        tables = TestTables.create(dynamo);
    }

    @Override
    protected StockLevels stockLevels() {
        return new DynamoStockLevels(dynamo, tables.stock(), Clock.fixed(Orders.T0, ZoneOffset.UTC));
    }

    @Override
    protected void reserve(String sku, long units) {
        dynamo.updateItem(r -> r.tableName(tables.stock()).key(Map.of(DynamoInventory.KEY, Attributes.s(sku)))
                .updateExpression("SET available = available - :q, reserved = reserved + :q")
                .expressionAttributeValues(Map.of(":q", Attributes.n(units))));
    }
}
