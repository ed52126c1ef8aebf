package io.github.orderevents.aws.priming;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.Map;

import static io.github.orderevents.aws.priming.SnapStartPriming.KEY;

/**
 * DynamoDB calls that go through the SDK's marshalling and the HTTP connection like a function's own, and
 * change nothing: reads of a key the application never writes, and writes under a condition no item can
 * meet ({@code attribute_exists(k) AND attribute_not_exists(k)}), which DynamoDB refuses whatever the table
 * holds. A refused write needs only the action the function already has (PutItem, UpdateItem).
 */
public final class DynamoWarmUps {
    private static final String NEVER = "attribute_exists(#k) AND attribute_not_exists(#k)";

    private DynamoWarmUps() {
    }

    /** A string attribute, for keys. */
    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** A number attribute, for keys. */
    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** A transaction of refused writes: DynamoDB cancels it with ConditionalCheckFailed for each. */
    public static SnapStartPriming.Action refusedTransaction(DynamoDbClient dynamo, TransactWriteItem... writes) {
        return () -> {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(writes));
            } catch (TransactionCanceledException e) {
                if (e.cancellationReasons().stream().map(CancellationReason::code).allMatch("ConditionalCheckFailed"::equals)) {
                    return;
                }
                throw e;
            }
            throw new IllegalStateException("a refused transaction went through");
        };
    }

    /** A refused UpdateItem: DynamoDB answers ConditionalCheckFailed. */
    public static SnapStartPriming.Action refusedUpdateItem(DynamoDbClient dynamo, String table,
                                                            Map<String, AttributeValue> key) {
        return () -> {
            Update update = refusedUpdate(table, key).update();
            try {
                dynamo.updateItem(r -> r.tableName(table).key(key).updateExpression(update.updateExpression())
                        .conditionExpression(update.conditionExpression())
                        .expressionAttributeNames(update.expressionAttributeNames())
                        .expressionAttributeValues(update.expressionAttributeValues()));
            } catch (ConditionalCheckFailedException e) {
                return;
            }
            throw new IllegalStateException("a refused update went through");
        };
    }

    /**
     * A Put of {@code item} (whose {@code keyAttribute} should hold {@link #KEY}) that DynamoDB refuses, for
     * {@link #refusedTransaction}: the item can be the one a real request would write, so its mapping is warmed too.
     */
    public static TransactWriteItem refusedPut(String table, String keyAttribute, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).conditionExpression(NEVER)
                .expressionAttributeNames(Map.of("#k", keyAttribute)).build()).build();
    }

    /** An Update of {@code key} that DynamoDB refuses, for {@link #refusedTransaction}. */
    public static TransactWriteItem refusedUpdate(String table, Map<String, AttributeValue> key) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key)
                .updateExpression("SET #p = :p").conditionExpression(NEVER)
                .expressionAttributeNames(Map.of("#k", key.keySet().iterator().next(), "#p", "primedAt"))
                .expressionAttributeValues(Map.of(":p", s(KEY))).build()).build();
    }

    /** A GetItem of a key that is not there; it fails if it is. */
    public static SnapStartPriming.Action missingItem(DynamoDbClient dynamo, String table, Map<String, AttributeValue> key) {
        return () -> {
            if (dynamo.getItem(r -> r.tableName(table).key(key)).hasItem()) {
                throw new IllegalStateException("a priming key exists in " + table);
            }
        };
    }
}
