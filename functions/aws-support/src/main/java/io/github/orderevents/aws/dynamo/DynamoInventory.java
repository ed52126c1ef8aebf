package io.github.orderevents.aws.dynamo;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.HistoryEntry;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderStatus;
import io.github.orderevents.domain.inventory.InventoryStore;
import io.github.orderevents.domain.inventory.ReservationOutcome;
import io.github.orderevents.domain.inventory.StockShortage;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.github.orderevents.aws.dynamo.Attributes.n;
import static io.github.orderevents.aws.dynamo.Attributes.s;

/**
 * {@link InventoryStore} on the stock table (key: sku; available, reserved),
 * the orders table and the outbox table. Each outcome is one TransactWriteItems; why it was refused
 * is read from the cancellation reasons (ReturnValuesOnConditionCheckFailure), never by reading first.
 */
public final class DynamoInventory implements InventoryStore {
    public static final String KEY = "sku";

    private final DynamoDbClient dynamo;
    private final String stockTable;
    private final String ordersTable;
    private final String outboxTable;
    private final Clock clock;

    public DynamoInventory(DynamoDbClient dynamo, String stockTable, String ordersTable, String outboxTable, Clock clock) {
        this.dynamo = dynamo;
        this.stockTable = stockTable;
        this.ordersTable = ordersTable;
        this.outboxTable = outboxTable;
        this.clock = clock;
    }

    @Override
    public ReservationOutcome confirm(OrderEvent placed, Map<String, Integer> quantities, OrderEvent confirmed) {
        String now = clock.instant().toString();
        List<TransactWriteItem> actions = new ArrayList<>();
        List<String> skus = new ArrayList<>(quantities.keySet());
        for (String sku : skus) {
            actions.add(TransactWriteItem.builder().update(Update.builder()
                    .tableName(stockTable)
                    .key(Map.of(KEY, s(sku)))
                    .updateExpression("SET available = available - :q, reserved = if_not_exists(reserved, :zero) + :q,"
                            + " updatedAt = :now")
                    // An unknown SKU has no 'available': the comparison is false and the condition fails too.
                    .conditionExpression("available >= :q")
                    .expressionAttributeValues(Map.of(":q", n(quantities.get(sku)), ":zero", n(0), ":now", s(now)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).build());
        }
        actions.add(orderTransition(placed, confirmed, OrderStatus.CONFIRMED, null));
        actions.add(outboxPut(confirmed));
        try {
            TransactionRetry.run(() -> dynamo.transactWriteItems(r -> r.transactItems(actions)));
            return new ReservationOutcome.Applied();
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            ReservationOutcome byOrder = byOrderVersion(reasons.get(skus.size()), placed);
            if (byOrder != null) {
                return byOrder;
            }
            List<StockShortage> shortages = new ArrayList<>();
            for (int i = 0; i < skus.size(); i++) {
                if (TransactionRetry.isConditionFailure(reasons.get(i))) {
                    shortages.add(new StockShortage(skus.get(i), quantities.get(skus.get(i)), available(reasons.get(i))));
                }
            }
            if (!shortages.isEmpty()) {
                return new ReservationOutcome.Shortage(shortages);
            }
            throw e;
        }
    }

    @Override
    public ReservationOutcome reject(OrderEvent placed, String reason, OrderEvent rejected) {
        List<TransactWriteItem> actions = List.of(orderTransition(placed, rejected, OrderStatus.REJECTED, reason),
                outboxPut(rejected));
        try {
            TransactionRetry.run(() -> dynamo.transactWriteItems(r -> r.transactItems(actions)));
            return new ReservationOutcome.Applied();
        } catch (TransactionCanceledException e) {
            ReservationOutcome byOrder = byOrderVersion(e.cancellationReasons().get(0), placed);
            if (byOrder != null) {
                return byOrder;
            }
            throw e;
        }
    }

    /** The order moves from PENDING at the placed event's version to {@code status} at the next one. */
    private TransactWriteItem orderTransition(OrderEvent placed, OrderEvent next, OrderStatus status, String reason) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", s(status.name()));
        values.put(":pending", s(OrderStatus.PENDING.name()));
        values.put(":expected", n(placed.sequence()));
        values.put(":next", n(next.sequence()));
        values.put(":now", s(next.occurredAt().toString()));
        values.put(":entry", AttributeValue.fromL(List.of(OrderItems.historyEntry(
                new HistoryEntry(next.sequence(), next.eventType(), next.eventId(), next.occurredAt(), status)))));
        String set = "SET #status = :status, version = :next, updatedAt = :now, history = list_append(history, :entry)";
        if (reason != null) {
            values.put(":reason", s(reason));
            set += ", rejectionReason = :reason";
        }
        return TransactWriteItem.builder().update(Update.builder()
                .tableName(ordersTable)
                .key(Map.of(OrderItems.KEY, s(placed.aggregateId())))
                .updateExpression(set)
                // The order's version is the sequence of its last event: the per-aggregate sequence check.
                .conditionExpression("version = :expected AND #status = :pending")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build();
    }

    private TransactWriteItem outboxPut(OrderEvent event) {
        if (event.eventType() == EventType.OrderPlaced) {
            throw new IllegalArgumentException("inventory writes OrderConfirmed or OrderRejected, not " + event.eventType());
        }
        return TransactWriteItem.builder().put(Put.builder()
                .tableName(outboxTable)
                .item(OutboxItems.pendingRow(event))
                .conditionExpression("attribute_not_exists(aggregateId)")
                .build()).build();
    }

    /** AlreadyApplied / OutOfSequence if the order's condition failed, null if it held. */
    private static ReservationOutcome byOrderVersion(CancellationReason reason, OrderEvent placed) {
        if (!TransactionRetry.isConditionFailure(reason)) {
            return null;
        }
        Map<String, AttributeValue> order = reason.item();
        if (order == null || order.isEmpty()) {
            // Order and outbox row are written together, so this cannot be a race: fail loudly and retry.
            throw new IllegalStateException("order " + placed.aggregateId() + " does not exist");
        }
        long version = Attributes.number(order, "version");
        return version < placed.sequence()
                ? new ReservationOutcome.OutOfSequence(version)
                : new ReservationOutcome.AlreadyApplied(version);
    }

    private static Integer available(CancellationReason reason) {
        Map<String, AttributeValue> stock = reason.item();
        if (stock == null || stock.isEmpty() || !stock.containsKey("available")) {
            return null;
        }
        return (int) Math.min(Integer.MAX_VALUE, Attributes.number(stock, "available"));
    }
}
