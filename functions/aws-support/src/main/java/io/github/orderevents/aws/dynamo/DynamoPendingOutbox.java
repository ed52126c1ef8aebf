package io.github.orderevents.aws.dynamo;

import io.github.orderevents.aws.JsonLog;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.outbox.FailedOutboxRow;
import io.github.orderevents.domain.outbox.PendingOutbox;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.github.orderevents.aws.dynamo.Attributes.optionalString;
import static io.github.orderevents.aws.dynamo.Attributes.s;

/**
 * {@link PendingOutbox} on the outbox table's sparse {@value OutboxItems#PENDING_INDEX} index: one Query
 * per pending shard for rows older than the cutoff, oldest first, merged; and on its sparse
 * {@value OutboxItems#FAILED_INDEX} index for the FAILED rows.
 * <p>
 * Index reads are eventually consistent (a GSI offers nothing else), so a row marked PUBLISHED a moment
 * ago may still be listed. That costs one harmless duplicate publish: SQS FIFO drops it within its
 * 5-minute deduplication window (deduplication id = event id) and the consumers' sequence checks
 * catch it after that.
 */
public final class DynamoPendingOutbox implements PendingOutbox {
    private static final JsonLog LOG = JsonLog.of(DynamoPendingOutbox.class);
    private static final String OCCURRED_AT = "occurredAt";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoPendingOutbox(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<OrderEvent> pendingSince(Instant cutoff, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        // Each shard's oldest `limit` rows together hold the oldest `limit` overall (to within the second
        // that text order blurs, see textBound; a row missed that way is swept on the next run).
        List<OrderEvent> found = new ArrayList<>();
        for (int shard = 0; shard < OutboxItems.PENDING_SHARDS; shard++) {
            found.addAll(oldestInShard(Integer.toString(shard), cutoff, limit));
        }
        return found.stream()
                .sorted(Comparator.comparing(OrderEvent::occurredAt).thenComparing(OrderEvent::aggregateId)
                        .thenComparingLong(OrderEvent::sequence))
                .limit(limit)
                .toList();
    }

    private List<OrderEvent> oldestInShard(String shard, Instant cutoff, int limit) {
        List<OrderEvent> events = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder()
                    .tableName(table)
                    .indexName(OutboxItems.PENDING_INDEX)
                    .keyConditionExpression("#shard = :shard AND #occurredAt < :before")
                    .expressionAttributeNames(Map.of("#shard", OutboxItems.PENDING_SHARD, "#occurredAt", OCCURRED_AT))
                    .expressionAttributeValues(Map.of(":shard", s(shard), ":before", s(textBound(cutoff))))
                    .scanIndexForward(true)
                    .limit(limit - events.size());
            if (startKey != null) {
                query.exclusiveStartKey(startKey);
            }
            QueryResponse page = dynamo.query(query.build());
            for (Map<String, AttributeValue> row : page.items()) {
                OrderEvent event = readable(row);
                // The key condition compares text, which is only right to the second (see textBound).
                if (event != null && event.occurredAt().isBefore(cutoff) && events.size() < limit) {
                    events.add(event);
                }
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null && events.size() < limit);
        return events;
    }

    /** One Query of the sparse {@value OutboxItems#FAILED_INDEX} index (one partition), paged up to {@code limit}. */
    @Override
    public List<FailedOutboxRow> failed(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        List<FailedOutboxRow> rows = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder()
                    .tableName(table)
                    .indexName(OutboxItems.FAILED_INDEX)
                    .keyConditionExpression("#partition = :failed")
                    .expressionAttributeNames(Map.of("#partition", OutboxItems.FAILED_PARTITION))
                    .expressionAttributeValues(Map.of(":failed", s(OutboxItems.FAILED_PARTITION_VALUE)))
                    .scanIndexForward(true)
                    .limit(Math.min(limit - rows.size(), 1000));
            if (startKey != null) {
                query.exclusiveStartKey(startKey);
            }
            QueryResponse page = dynamo.query(query.build());
            for (Map<String, AttributeValue> row : page.items()) {
                if (rows.size() < limit) {
                    rows.add(OutboxItems.failedFromRow(row));
                }
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null && rows.size() < limit);
        return rows;
    }

    /**
     * An upper bound, as text, for the {@code occurredAt} of every row before {@code cutoff}. The index
     * compares {@code occurredAt} as a string. Rows are written in {@link SortableTime}'s fixed width,
     * where text order is time order; rows written before that carry {@link Instant#toString()}, which
     * drops zero fraction digits, so within one second their text order is not time order ("10:00:00.5Z"
     * sorts before "10:00:00Z"). Whole seconds compare correctly in both forms, so the start of the
     * second after the cutoff bounds every earlier row of either form; the exact test is then made on
     * the parsed instants. Rows read past the cutoff are at most a second's worth.
     */
    static String textBound(Instant cutoff) {
        return cutoff.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).toString();
    }

    private static OrderEvent readable(Map<String, AttributeValue> row) {
        try {
            return OutboxItems.fromRow(row);
        } catch (RuntimeException e) {
            // One bad row must not stop the sweep of all the others. It stays PENDING and is reported on
            // every sweep until someone repairs or deletes it.
            LOG.warn("pending outbox row unreadable; skipped",
                    "orderId", optionalString(row, OutboxItems.HASH_KEY),
                    "aggregateId", optionalString(row, OutboxItems.HASH_KEY),
                    "sequence", row.get(OutboxItems.RANGE_KEY) == null ? null : row.get(OutboxItems.RANGE_KEY).n(),
                    "eventId", optionalString(row, "eventId"),
                    "reason", e.getMessage());
            return null;
        }
    }
}
