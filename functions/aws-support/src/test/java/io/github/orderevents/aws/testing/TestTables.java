package io.github.orderevents.aws.testing;

import io.github.orderevents.aws.dynamo.OutboxItems;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.util.UUID;

/**
 * Creates the tables as template.yaml declares them, with unique names so tests can share one
 * DynamoDB Local. (The template tests check that these definitions and the template agree.)
 */
public record TestTables(String orders, String outbox, String idempotency) {

    public static TestTables create(DynamoDbClient dynamo) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        TestTables tables = new TestTables("orders-" + suffix, "outbox-" + suffix, "idempotency-" + suffix);
        dynamo.createTable(r -> r.tableName(tables.orders).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("orderId", ScalarAttributeType.S))
                .keySchema(key("orderId", KeyType.HASH)));
        dynamo.createTable(r -> r.tableName(tables.outbox).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute(OutboxItems.HASH_KEY, ScalarAttributeType.S),
                        attribute(OutboxItems.RANGE_KEY, ScalarAttributeType.N),
                        attribute(OutboxItems.PENDING_SHARD, ScalarAttributeType.S),
                        attribute("occurredAt", ScalarAttributeType.S))
                .keySchema(key(OutboxItems.HASH_KEY, KeyType.HASH), key(OutboxItems.RANGE_KEY, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(OutboxItems.PENDING_INDEX)
                        .keySchema(key(OutboxItems.PENDING_SHARD, KeyType.HASH), key("occurredAt", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
        dynamo.createTable(r -> r.tableName(tables.idempotency).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("id", ScalarAttributeType.S))
                .keySchema(key("id", KeyType.HASH)));
        return tables;
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
