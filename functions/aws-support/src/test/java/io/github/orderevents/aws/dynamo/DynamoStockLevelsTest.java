package io.github.orderevents.aws.dynamo;

import io.github.orderevents.aws.testing.FreshTables;
import io.github.orderevents.domain.inventory.StockLevels;
import io.github.orderevents.domain.inventory.StockLevelsContract;
import io.github.orderevents.domain.testing.MutableClock;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link DynamoStockLevels} against DynamoDB Local: the port's contract, and the SKU row it writes. */
class DynamoStockLevelsTest extends StockLevelsContract {
    @RegisterExtension
    static final FreshTables DYNAMO = new FreshTables();
    private final DynamoDbClient dynamo = DYNAMO.client();
    private final MutableClock clock = new MutableClock(Orders.T0);


    @Override
    protected StockLevels stockLevels() {
        return new DynamoStockLevels(dynamo, DYNAMO.tables().stock(), clock);
    }

    @Override
    protected void reserve(String sku, long units) {
        dynamo.updateItem(r -> r.tableName(DYNAMO.tables().stock()).key(Map.of(DynamoInventory.KEY, Attributes.s(sku)))
                .updateExpression("SET available = available - :q, reserved = reserved + :q")
                .expressionAttributeValues(Map.of(":q", Attributes.n(units))));
    }

    @Test
    void theSkuRowHoldsBothCountsAndWhenAvailableWasLastSet() {
        stockLevels().setAvailable("SKU-1", 7);
        assertThat(row("SKU-1")).containsEntry("available", Attributes.n(7)).containsEntry("reserved", Attributes.n(0))
                .containsEntry("updatedAt", Attributes.s(Orders.T0.toString()));
        reserve("SKU-1", 2);
        clock.advance(Duration.ofMinutes(5));

        stockLevels().setAvailable("SKU-1", 10);

        assertThat(row("SKU-1")).containsEntry("available", Attributes.n(10)).containsEntry("reserved", Attributes.n(2))
                .containsEntry("updatedAt", Attributes.s(Orders.T0.plus(Duration.ofMinutes(5)).toString()));
    }

    private Map<String, AttributeValue> row(String sku) {
        return dynamo.getItem(r -> r.tableName(DYNAMO.tables().stock()).consistentRead(true)
                .key(Map.of(DynamoInventory.KEY, AttributeValue.fromS(sku)))).item();
    }
}
