package io.github.orderevents.aws.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every item of every table of a DynamoDB Local, for before/after comparisons. */
public record TableContents(Map<String, List<Map<String, AttributeValue>>> items) {

    public static TableContents of(DynamoDbClient dynamo) {
        Map<String, List<Map<String, AttributeValue>>> items = new TreeMap<>();
        dynamo.listTablesPaginator(r -> { }).tableNames().forEach(table -> items.put(table,
                dynamo.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().stream()
                        .sorted(Comparator.comparing(Object::toString)).toList()));
        return new TableContents(items);
    }
}
