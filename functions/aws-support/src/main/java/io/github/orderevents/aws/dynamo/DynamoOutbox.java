package io.github.orderevents.aws.dynamo;

import io.github.orderevents.aws.JsonLog;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.outbox.FailedAttempt;
import io.github.orderevents.domain.outbox.FailedOutboxRow;
import io.github.orderevents.domain.outbox.Outbox;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementError;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementErrorCodeEnum;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import static io.github.orderevents.aws.dynamo.Attributes.n;
import static io.github.orderevents.aws.dynamo.Attributes.optionalString;
import static io.github.orderevents.aws.dynamo.Attributes.s;

/**
 * {@link Outbox} on the outbox table. Marks rows and counts failed attempts with PartiQL
 * {@code BatchExecuteStatement}: 25 conditional updates per call, each succeeding or failing on its own
 * (unlike a transaction, where one vanished row would cancel the rest). A PartiQL UPDATE never creates an
 * item, and every statement names the row's event id, so a row deleted by TTL is not recreated. A published
 * row gets a TTL so the table does not grow forever.
 */
public final class DynamoOutbox implements Outbox {
    /** DynamoDB's limit of statements per BatchExecuteStatement call. */
    static final int STATEMENTS_PER_CALL = 25;
    private static final JsonLog LOG = JsonLog.of(DynamoOutbox.class);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Duration retention;
    private final String markStatement;
    private final String countStatement;

    public DynamoOutbox(DynamoDbClient dynamo, String table, Clock clock, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.retention = retention;
        // Whatever it said before (PENDING, or FAILED by a concurrent run): every destination has the event.
        this.markStatement = "UPDATE \"" + table + "\" SET \"status\" = '" + OutboxItems.STATUS_PUBLISHED + "'"
                + " SET \"publishedAt\" = ? SET \"expiresAt\" = ? REMOVE \"" + OutboxItems.PENDING_SHARD + "\""
                + " REMOVE \"" + OutboxItems.FAILED_PARTITION + "\"" + whereRow();
        // The common case, one statement per row: an attempt that leaves the row PENDING.
        this.countStatement = "UPDATE \"" + table + "\" SET \"" + OutboxItems.ATTEMPTS + "\" = \"" + OutboxItems.ATTEMPTS
                + "\" + 1 SET \"" + OutboxItems.LAST_ERROR + "\" = ?" + whereRow() + " AND \"status\" = '"
                + OutboxItems.STATUS_PENDING + "' AND \"" + OutboxItems.ATTEMPTS + "\" < ?";
    }

    private static String whereRow() {
        return " WHERE \"" + OutboxItems.HASH_KEY + "\" = ? AND \"" + OutboxItems.RANGE_KEY + "\" = ? AND \"eventId\" = ?";
    }

    private static List<AttributeValue> rowParameters(OrderEvent event) {
        return List.of(s(event.aggregateId()), n(event.sequence()), s(event.eventId()));
    }

    @Override
    public int markPublished(List<OrderEvent> events) {
        Instant now = clock.instant();
        int[] marked = {0};
        executeInChunks(events, event -> {
            List<AttributeValue> parameters = new ArrayList<>(List.of(s(now.toString()), n(now.plus(retention).getEpochSecond())));
            parameters.addAll(rowParameters(event));
            return BatchStatementRequest.builder().statement(markStatement).parameters(parameters).build();
        }, (event, error) -> {
            if (error == null) {
                marked[0]++;
            } else {
                LOG.warn("outbox row not marked published; the sweeper will publish it again",
                        "eventId", event.eventId(), "reason", String.valueOf(error.codeAsString()));
            }
        }, "outbox rows not marked published; the sweeper will publish them again");
        return marked[0];
    }

    /**
     * One statement per row adds the attempt while the row stays PENDING. A row on its last attempt (or one
     * written before rows counted attempts) fails that statement's condition, which answers with the row as
     * it is; only for those a second statement, conditional on the attempts just read, sets the exact count
     * and, on the last attempt, FAILED. Two runs failing the same row at once may see one of them not counted.
     */
    @Override
    public List<FailedOutboxRow> recordFailedAttempts(List<FailedAttempt> attempts, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        List<Exact> exact = new ArrayList<>();
        executeInChunks(attempts, attempt -> {
            List<AttributeValue> parameters = new ArrayList<>(List.of(s(attempt.reason())));
            parameters.addAll(rowParameters(attempt.event()));
            parameters.add(n(maxAttempts - 1));
            return BatchStatementRequest.builder().statement(countStatement).parameters(parameters)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build();
        }, (attempt, error) -> {
            if (error == null) {
                return;
            }
            Map<String, AttributeValue> old = error.item();
            if (error.code() == BatchStatementErrorCodeEnum.CONDITIONAL_CHECK_FAILED && old != null && !old.isEmpty()) {
                // Not PENDING (published, FAILED) or another event's row: left as it is.
                if (attempt.event().eventId().equals(optionalString(old, "eventId"))
                        && OutboxItems.STATUS_PENDING.equals(optionalString(old, "status"))) {
                    exact.add(new Exact(attempt, old.get(OutboxItems.ATTEMPTS)));
                }
            } else if (error.code() != BatchStatementErrorCodeEnum.CONDITIONAL_CHECK_FAILED) {
                LOG.warn("failed publish attempt not recorded on its outbox row", "eventId", attempt.event().eventId(),
                        "reason", String.valueOf(error.codeAsString()));
            }
        }, "failed publish attempts not recorded on their outbox rows");
        return exact.isEmpty() ? List.of() : recordExactly(exact, maxAttempts);
    }

    /** An attempt whose row's count was read: {@code seen} is its attempts attribute, or null when it has none. */
    private record Exact(FailedAttempt attempt, AttributeValue seen) {
        int attempts() {
            return (seen == null || seen.n() == null ? 0 : Integer.parseInt(seen.n())) + 1;
        }
    }

    private List<FailedOutboxRow> recordExactly(List<Exact> rows, int maxAttempts) {
        Instant now = clock.instant();
        List<FailedOutboxRow> nowFailed = new ArrayList<>();
        executeInChunks(rows, row -> exactStatement(row, row.attempts() >= maxAttempts, now), (row, error) -> {
            OrderEvent event = row.attempt().event();
            if (error == null && row.attempts() >= maxAttempts) {
                nowFailed.add(new FailedOutboxRow(event.aggregateId(), event.sequence(), event.eventId(),
                        event.eventType().name(), row.attempts(), row.attempt().reason(), now));
            } else if (error != null) {
                // Changed since it was read (another run counted, published or failed it): that run's word stands.
                LOG.warn("failed publish attempt not recorded on its outbox row", "eventId", event.eventId(),
                        "reason", String.valueOf(error.codeAsString()));
            }
        }, "failed publish attempts not recorded on their outbox rows");
        return nowFailed;
    }

    private BatchStatementRequest exactStatement(Exact row, boolean last, Instant now) {
        StringBuilder statement = new StringBuilder("UPDATE \"").append(table).append("\" SET \"")
                .append(OutboxItems.ATTEMPTS).append("\" = ? SET \"").append(OutboxItems.LAST_ERROR).append("\" = ?");
        List<AttributeValue> parameters = new ArrayList<>(List.of(n(row.attempts()), s(row.attempt().reason())));
        if (last) {
            statement.append(" SET \"status\" = '").append(OutboxItems.STATUS_FAILED).append("' SET \"")
                    .append(OutboxItems.FAILED_AT).append("\" = ? SET \"").append(OutboxItems.FAILED_PARTITION)
                    .append("\" = '").append(OutboxItems.FAILED_PARTITION_VALUE).append("' REMOVE \"")
                    .append(OutboxItems.PENDING_SHARD).append('"');
            parameters.add(s(now.toString()));
        }
        statement.append(whereRow()).append(" AND \"status\" = '").append(OutboxItems.STATUS_PENDING).append("' AND \"")
                .append(OutboxItems.ATTEMPTS).append(row.seen() == null ? "\" IS MISSING" : "\" = ?");
        parameters.addAll(rowParameters(row.attempt().event()));
        if (row.seen() != null) {
            parameters.add(row.seen());
        }
        return BatchStatementRequest.builder().statement(statement.toString()).parameters(parameters).build();
    }

    /** Runs one statement per item, 25 per call; {@code outcome} gets each item with its error (null when it succeeded). */
    private <T> void executeInChunks(List<T> items, Function<T, BatchStatementRequest> statementOf,
                                     BiConsumer<T, BatchStatementError> outcome, String whenCallFails) {
        for (int from = 0; from < items.size(); from += STATEMENTS_PER_CALL) {
            List<T> chunk = items.subList(from, Math.min(items.size(), from + STATEMENTS_PER_CALL));
            List<BatchStatementRequest> statements = chunk.stream().map(statementOf).toList();
            try {
                List<BatchStatementResponse> responses = dynamo.batchExecuteStatement(r -> r.statements(statements))
                        .responses();
                for (int i = 0; i < responses.size(); i++) {
                    outcome.accept(chunk.get(i), responses.get(i).error());
                }
            } catch (SdkException e) {
                // Leaving rows as they are is safe: PENDING rows are published again, attempts counted again.
                LOG.warn(whenCallFails, "rows", chunk.size(), "reason", e.getMessage());
            }
        }
    }

    @Override
    public boolean requeue(FailedOutboxRow row) {
        try {
            dynamo.updateItem(r -> r.tableName(table)
                    .key(Map.of(OutboxItems.HASH_KEY, s(row.aggregateId()), OutboxItems.RANGE_KEY, n(row.sequence())))
                    .updateExpression("SET #status = :pending, #attempts = :zero, #shard = :shard"
                            + " REMOVE #lastError, #failedAt, #failedPartition")
                    .conditionExpression("#eventId = :eventId AND #status = :failed")
                    .expressionAttributeNames(Map.of("#status", "status", "#attempts", OutboxItems.ATTEMPTS,
                            "#shard", OutboxItems.PENDING_SHARD, "#lastError", OutboxItems.LAST_ERROR,
                            "#failedAt", OutboxItems.FAILED_AT, "#failedPartition", OutboxItems.FAILED_PARTITION,
                            "#eventId", "eventId"))
                    .expressionAttributeValues(Map.of(":pending", s(OutboxItems.STATUS_PENDING), ":zero", n(0),
                            ":shard", s(OutboxItems.shardOf(row.eventId())), ":eventId", s(row.eventId()),
                            ":failed", s(OutboxItems.STATUS_FAILED))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
