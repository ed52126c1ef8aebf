package io.github.orderevents.aws.dynamo;

import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderReader;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Map;
import java.util.Optional;

/** {@link OrderReader} on the orders table: one strongly consistent GetItem. */
public final class DynamoOrderReader implements OrderReader {
    private final DynamoDbClient dynamo;
    private final String ordersTable;

    public DynamoOrderReader(DynamoDbClient dynamo, String ordersTable) {
        this.dynamo = dynamo;
        this.ordersTable = ordersTable;
    }

    @Override
    public Optional<Order> find(String orderId) {
        var response = dynamo.getItem(r -> r.tableName(ordersTable)
                .key(Map.of(OrderItems.KEY, Attributes.s(orderId)))
                .consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(OrderItems.fromItem(response.item()))
                : Optional.empty();
    }
}
