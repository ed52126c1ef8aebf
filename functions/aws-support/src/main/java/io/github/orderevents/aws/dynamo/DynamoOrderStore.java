package io.github.orderevents.aws.dynamo;

import io.github.orderevents.domain.DuplicateOrderException;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.Optional;

/** {@link OrderStore} on two DynamoDB tables, orders and outbox, written in one transaction. */
public final class DynamoOrderStore implements OrderStore {
    private final DynamoDbClient dynamo;
    private final String ordersTable;
    private final String outboxTable;
    private final DynamoOrderReader reader;

    public DynamoOrderStore(DynamoDbClient dynamo, String ordersTable, String outboxTable) {
        this.dynamo = dynamo;
        this.ordersTable = ordersTable;
        this.outboxTable = outboxTable;
        this.reader = new DynamoOrderReader(dynamo, ordersTable);
    }

    @Override
    public void create(Order order, OrderEvent event) {
        // One TransactWriteItems: the outbox row exists exactly when the order does (no dual write).
        TransactWriteItem putOrder = TransactWriteItem.builder().put(Put.builder()
                .tableName(ordersTable)
                .item(OrderItems.toItem(order))
                .conditionExpression("attribute_not_exists(orderId)")
                .build()).build();
        TransactWriteItem putOutbox = TransactWriteItem.builder().put(Put.builder()
                .tableName(outboxTable)
                .item(OutboxItems.pendingRow(event))
                .conditionExpression("attribute_not_exists(aggregateId)")
                .build()).build();
        try {
            dynamo.transactWriteItems(r -> r.transactItems(putOrder, putOutbox));
        } catch (TransactionCanceledException e) {
            boolean exists = e.cancellationReasons().stream()
                    .map(CancellationReason::code)
                    .anyMatch("ConditionalCheckFailed"::equals);
            if (exists) {
                throw new DuplicateOrderException(order.orderId());
            }
            throw e;
        }
    }

    @Override
    public Optional<Order> find(String orderId) {
        return reader.find(orderId);
    }
}
