package io.github.orderevents.aws.dynamo;

import io.github.orderevents.domain.inventory.StockLevel;
import io.github.orderevents.domain.inventory.StockLevels;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Clock;
import java.util.Map;

import static io.github.orderevents.aws.dynamo.Attributes.n;
import static io.github.orderevents.aws.dynamo.Attributes.s;

/** {@link StockLevels} on the stock table: one UpdateItem that keeps the reserved units. */
public final class DynamoStockLevels implements StockLevels {
    private final DynamoDbClient dynamo;
    private final String stockTable;
    private final Clock clock;

    public DynamoStockLevels(DynamoDbClient dynamo, String stockTable, Clock clock) {
        this.dynamo = dynamo;
        this.stockTable = stockTable;
        this.clock = clock;
    }

    @Override
    public StockLevel setAvailable(String sku, long available) {
        Map<String, AttributeValue> item = dynamo.updateItem(r -> r.tableName(stockTable)
                .key(Map.of(DynamoInventory.KEY, s(sku)))
                .updateExpression("SET available = :available, reserved = if_not_exists(reserved, :zero), updatedAt = :now")
                .expressionAttributeValues(Map.of(":available", n(available), ":zero", n(0),
                        ":now", s(clock.instant().toString())))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        return new StockLevel(sku, Attributes.number(item, "available"), Attributes.number(item, "reserved"));
    }
}
