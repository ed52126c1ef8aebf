package io.github.orderevents.aws.testing;

import io.github.orderevents.aws.dynamo.OutboxItems;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * Creates the tables as template.yaml declares them, with unique names so tests can share one
 * DynamoDB Local. (TemplateMatchesCodeTest checks the template's keys against the code's.)
 */
public record TestTables(String orders, String outbox, String idempotency, String stock, String notifications,
                         String checkpoints) {

    public static TestTables create(DynamoDbClient dynamo) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        TestTables tables = new TestTables("orders-" + suffix, "outbox-" + suffix, "idempotency-" + suffix,
                "stock-" + suffix, "notifications-" + suffix, "checkpoints-" + suffix);
        createTable(dynamo, r -> r.tableName(tables.orders).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("orderId", ScalarAttributeType.S))
                .keySchema(key("orderId", KeyType.HASH)));
        createTable(dynamo, r -> r.tableName(tables.outbox).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute(OutboxItems.HASH_KEY, ScalarAttributeType.S),
                        attribute(OutboxItems.RANGE_KEY, ScalarAttributeType.N),
                        attribute(OutboxItems.PENDING_SHARD, ScalarAttributeType.S),
                        attribute(OutboxItems.FAILED_PARTITION, ScalarAttributeType.S),
                        attribute("occurredAt", ScalarAttributeType.S))
                .keySchema(key(OutboxItems.HASH_KEY, KeyType.HASH), key(OutboxItems.RANGE_KEY, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(OutboxItems.PENDING_INDEX)
                        .keySchema(key(OutboxItems.PENDING_SHARD, KeyType.HASH), key("occurredAt", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build(),
                        GlobalSecondaryIndex.builder().indexName(OutboxItems.FAILED_INDEX)
                        .keySchema(key(OutboxItems.FAILED_PARTITION, KeyType.HASH), key("occurredAt", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes(
                                OutboxItems.FAILED_INDEX_ATTRIBUTES)).build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
        createTable(dynamo, r -> r.tableName(tables.idempotency).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("id", ScalarAttributeType.S))
                .keySchema(key("id", KeyType.HASH)));
        createTable(dynamo, r -> r.tableName(tables.stock).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("sku", ScalarAttributeType.S))
                .keySchema(key("sku", KeyType.HASH)));
        createTable(dynamo, r -> r.tableName(tables.notifications).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("customerId", ScalarAttributeType.S),
                        attribute("notificationId", ScalarAttributeType.S))
                .keySchema(key("customerId", KeyType.HASH), key("notificationId", KeyType.RANGE)));
        createTable(dynamo, r -> r.tableName(tables.checkpoints).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("checkpointId", ScalarAttributeType.S))
                .keySchema(key("checkpointId", KeyType.HASH)));
        return tables;
    }

    /**
     * Creates a table whose name is unique to this run. On a busy machine the SDK may time out a first
     * attempt that DynamoDB Local still completes, and its retry is then told the table exists: it does,
     * and it is ours.
     */
    private static void createTable(DynamoDbClient dynamo, Consumer<CreateTableRequest.Builder> request) {
        try {
            dynamo.createTable(request);
        } catch (ResourceInUseException e) {
            if (e.numAttempts() == null || e.numAttempts() < 2) {
                throw e;
            }
        }
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
