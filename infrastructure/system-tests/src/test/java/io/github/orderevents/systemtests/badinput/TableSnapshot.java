package io.github.orderevents.systemtests.badinput;

import io.github.orderevents.local.LocalCloud;
import io.github.orderevents.local.template.LocalResource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every item of every DynamoDB table of the stack, read with consistent scans: what "a refused input
 * wrote nothing" is checked against. Keyed by the tables' logical ids.
 */
record TableSnapshot(Map<String, Set<Map<String, AttributeValue>>> tables) {
    /** The tables the bad-input suite expects the stack to have; {@link #take} reads these and any other. */
    static final List<String> EXPECTED_TABLES = List.of("OrdersTable", "OutboxTable", "StockTable",
            "NotificationsTable", "CheckpointsTable", "IdempotencyTable");

    static TableSnapshot take(LocalCloud cloud) {
        Map<String, Set<Map<String, AttributeValue>>> tables = new TreeMap<>();
        for (LocalResource table : cloud.resources().all()) {
            if (table.type().equals("AWS::DynamoDB::Table")) {
                Set<Map<String, AttributeValue>> items = new HashSet<>();
                cloud.dynamo().scanPaginator(r -> r.tableName(table.ref()).consistentRead(true)).items().forEach(items::add);
                tables.put(table.logicalId(), items);
            }
        }
        return new TableSnapshot(tables);
    }

    Set<Map<String, AttributeValue>> items(String logicalId) {
        return tables.getOrDefault(logicalId, Set.of());
    }

    int itemCount() {
        return tables.values().stream().mapToInt(Set::size).sum();
    }

    /** What changed from {@code before} to this snapshot, one line per added or removed item; empty if nothing. */
    List<String> changesSince(TableSnapshot before) {
        List<String> changes = new ArrayList<>();
        Set<String> names = new java.util.TreeSet<>(tables.keySet());
        names.addAll(before.tables.keySet());
        for (String name : names) {
            Set<Map<String, AttributeValue>> now = items(name);
            Set<Map<String, AttributeValue>> then = before.items(name);
            // An updated item shows as one removed (old image) and one added (new image) line.
            then.stream().filter(item -> !now.contains(item)).forEach(item -> changes.add(name + " lost   " + item));
            now.stream().filter(item -> !then.contains(item)).forEach(item -> changes.add(name + " gained " + item));
        }
        return changes;
    }
}
