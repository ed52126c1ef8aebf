package io.github.orderevents.local.console;

import io.github.orderevents.local.template.LocalResource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.core.SdkBytes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The template's DynamoDB tables as the console shows them: every AWS::DynamoDB::Table and
 * AWS::Serverless::SimpleTable, its item count (bounded) and its first items as plain JSON values.
 */
final class Tables {
    static final Set<String> TYPES = Set.of("AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable");
    /** Counting stops after this many items: the console stays cheap on a big table. */
    static final int COUNT_BOUND = 10_000;
    static final int DEFAULT_ITEMS = 20;
    static final int MAX_ITEMS = 1_000;
    private static final int COUNT_PAGE = 1_000;

    private final ConsoleSource source;

    Tables(ConsoleSource source) {
        this.source = source;
    }

    /** The tables of the template, in template order. */
    List<LocalResource> all() {
        return source.resources().all().stream().filter(r -> TYPES.contains(r.type())).toList();
    }

    Optional<LocalResource> find(String logicalId) {
        return source.resources().find(logicalId).filter(r -> TYPES.contains(r.type()));
    }

    List<TableCount> counts() {
        List<TableCount> counts = new ArrayList<>();
        for (LocalResource table : all()) {
            try {
                Count count = count(table.ref());
                counts.add(new TableCount(table.logicalId(), table.ref(), count.items(), count.complete(), null));
            } catch (SdkException e) {
                counts.add(new TableCount(table.logicalId(), table.ref(), null, false, e.getMessage()));
            }
        }
        return counts;
    }

    /**
     * A table with its key attributes, its item count and up to {@code limit} items (one Scan page: fewer
     * when the items fill DynamoDB's 1 MB page).
     */
    Map<String, Object> view(LocalResource table, int limit) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("logicalId", table.logicalId());
        view.put("type", table.type());
        view.put("name", table.ref());
        DynamoDbClient dynamo = source.dynamo();
        try {
            List<String> keys = dynamo.describeTable(r -> r.tableName(table.ref())).table().keySchema().stream()
                    .sorted(Comparator.comparing((KeySchemaElement k) -> k.keyType() == KeyType.HASH ? 0 : 1))
                    .map(KeySchemaElement::attributeName).toList();
            view.put("keys", keys);
            Count count = count(table.ref());
            view.put("count", count.items());
            view.put("countComplete", count.complete());
            List<Map<String, Object>> items = new ArrayList<>();
            for (Map<String, AttributeValue> item : dynamo.scan(r -> r.tableName(table.ref()).limit(limit)).items()) {
                items.add(plain(item, keys));
            }
            view.put("items", items);
        } catch (SdkException e) {
            view.put("error", e.getMessage());
        }
        return view;
    }

    private Count count(String tableName) {
        long items = 0;
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page = source.dynamo().scan(ScanRequest.builder().tableName(tableName).select(Select.COUNT)
                    .limit(COUNT_PAGE).exclusiveStartKey(start).build());
            items += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && items < COUNT_BOUND);
        return new Count(items, start == null);
    }

    private record Count(long items, boolean complete) {
    }

    /** An item as a JSON object: its key attributes first, then the others by name. */
    static Map<String, Object> plain(Map<String, AttributeValue> item, List<String> keys) {
        Map<String, Object> plain = new LinkedHashMap<>();
        keys.stream().filter(item::containsKey).forEach(key -> plain.put(key, plain(item.get(key))));
        new TreeMap<>(item).forEach((name, value) -> plain.putIfAbsent(name, plain(value)));
        return plain;
    }

    /**
     * A DynamoDB attribute value as the plain JSON value it holds: S a string, N a number (digits kept),
     * BOOL, NULL null, M an object, L an array, SS/NS/BS arrays, B (and BS's members) base64.
     */
    static Object plain(AttributeValue value) {
        return switch (value.type()) {
            case S -> value.s();
            case N -> number(value.n());
            case BOOL -> value.bool();
            case NUL -> null;
            case B -> base64(value.b());
            case M -> {
                Map<String, Object> map = new LinkedHashMap<>();
                new TreeMap<>(value.m()).forEach((name, member) -> map.put(name, plain(member)));
                yield map;
            }
            case L -> value.l().stream().map(Tables::plain).toList();
            case SS -> List.copyOf(value.ss());
            case NS -> value.ns().stream().map(Tables::number).toList();
            case BS -> value.bs().stream().map(Tables::base64).toList();
            default -> String.valueOf(value);
        };
    }

    private static Object number(String digits) {
        BigDecimal number = new BigDecimal(digits);
        if (number.scale() <= 0 && number.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
            return number.longValueExact();
        }
        return number;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe());
    }
}
