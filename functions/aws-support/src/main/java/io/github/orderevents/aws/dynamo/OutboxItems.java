package io.github.orderevents.aws.dynamo;

import io.github.orderevents.aws.events.EventCodec;
import io.github.orderevents.domain.EventPayload;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.consumer.InvalidMessageException;
import io.github.orderevents.domain.outbox.FailedOutboxRow;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.github.orderevents.aws.dynamo.Attributes.n;
import static io.github.orderevents.aws.dynamo.Attributes.number;
import static io.github.orderevents.aws.dynamo.Attributes.optionalString;
import static io.github.orderevents.aws.dynamo.Attributes.s;
import static io.github.orderevents.aws.dynamo.Attributes.string;

/**
 * An {@link OrderEvent} as a row of the outbox table: key (aggregateId, sequence), so an aggregate can
 * never get two events with one sequence number. A PENDING row carries {@code pendingShard}, the hash
 * key of the sparse {@value #PENDING_INDEX} index, which the relay removes when it marks the row
 * PUBLISHED: the index holds exactly the rows not yet published, sorted by {@code occurredAt}. The row keeps
 * the event's priority, so the relay and the sweeper send it down its order's lane (a row without one,
 * written before lanes, is standard).
 * <p>
 * Every row counts its failed publish attempts ({@value #ATTEMPTS}, 0 when written) and keeps the last
 * one's reason ({@value #LAST_ERROR}). A row whose attempts ran out is FAILED: it leaves the pending index
 * and carries {@value #FAILED_PARTITION} instead, the hash key of the sparse {@value #FAILED_INDEX} index
 * (one partition: FAILED rows are few, each raises an alarm), until an operator requeues it.
 */
public final class OutboxItems {
    public static final String HASH_KEY = "aggregateId";
    public static final String RANGE_KEY = "sequence";
    public static final String PENDING_INDEX = "pending-by-age";
    public static final String PENDING_SHARD = "pendingShard";
    /** Spreads pending rows over this many index partitions, so no single partition takes every write. */
    public static final int PENDING_SHARDS = 4;
    public static final String STATUS_PENDING = "PENDING";
    public static final String STATUS_PUBLISHED = "PUBLISHED";
    public static final String STATUS_FAILED = "FAILED";
    public static final String FAILED_INDEX = "failed-by-age";
    public static final String FAILED_PARTITION = "failedPartition";
    /** The one value of {@value #FAILED_PARTITION}. */
    public static final String FAILED_PARTITION_VALUE = "FAILED";
    public static final String ATTEMPTS = "attempts";
    public static final String LAST_ERROR = "lastError";
    public static final String FAILED_AT = "failedAt";
    /** What the {@value #FAILED_INDEX} index projects besides the keys: what an operator needs to judge a row. */
    public static final List<String> FAILED_INDEX_ATTRIBUTES = List.of("eventId", "eventType", ATTEMPTS, LAST_ERROR, FAILED_AT);

    private OutboxItems() {
    }

    /** The row for a new event: PENDING and in the pending index. */
    public static Map<String, AttributeValue> pendingRow(OrderEvent event) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(HASH_KEY, s(event.aggregateId()));
        item.put(RANGE_KEY, n(event.sequence()));
        item.put("eventId", s(event.eventId()));
        item.put("eventType", s(event.eventType().name()));
        item.put("customerId", s(event.customerId()));
        item.put(OrderItems.PRIORITY, s(event.priority().wireName()));
        item.put("occurredAt", s(SortableTime.format(event.occurredAt())));
        item.put("schemaVersion", n(EventCodec.SCHEMA_VERSION));
        item.put("payload", s(EventCodec.encodePayload(event.payload())));
        item.put("status", s(STATUS_PENDING));
        item.put(PENDING_SHARD, s(shardOf(event.eventId())));
        item.put(ATTEMPTS, n(0));
        if (event.correlationId() != null) {
            item.put("correlationId", s(event.correlationId()));
        }
        return item;
    }

    /**
     * The event a row holds.
     *
     * @throws IllegalArgumentException naming the attribute that is missing or unreadable
     * @throws InvalidMessageException  naming what is wrong with the schema version or the payload
     */
    public static OrderEvent fromRow(Map<String, AttributeValue> row) {
        String type = string(row, "eventType");
        EventType eventType = EventType.parse(type)
                .orElseThrow(() -> new IllegalArgumentException("unknown eventType '" + type + "'"));
        EventPayload payload = EventCodec.decodePayload(eventType, number(row, "schemaVersion"), string(row, "payload"));
        return new OrderEvent(string(row, "eventId"), string(row, HASH_KEY), string(row, "customerId"),
                number(row, RANGE_KEY), Instant.parse(string(row, "occurredAt")),
                optionalString(row, "correlationId"), OrderItems.priority(row), payload);
    }

    /**
     * The FAILED row as the {@value #FAILED_INDEX} index holds it.
     *
     * @throws IllegalArgumentException naming the key attribute that is missing
     */
    public static FailedOutboxRow failedFromRow(Map<String, AttributeValue> row) {
        String failedAt = optionalString(row, FAILED_AT);
        AttributeValue attempts = row.get(ATTEMPTS);
        return new FailedOutboxRow(string(row, HASH_KEY), number(row, RANGE_KEY), string(row, "eventId"),
                optionalString(row, "eventType"), attempts == null || attempts.n() == null ? 0 : Integer.parseInt(attempts.n()),
                optionalString(row, LAST_ERROR), failedAt == null ? null : Instant.parse(failedAt));
    }

    public static Map<String, AttributeValue> key(OrderEvent event) {
        return Map.of(HASH_KEY, s(event.aggregateId()), RANGE_KEY, n(event.sequence()));
    }

    static String shardOf(String eventId) {
        return Integer.toString(Math.floorMod(eventId.hashCode(), PENDING_SHARDS));
    }
}
