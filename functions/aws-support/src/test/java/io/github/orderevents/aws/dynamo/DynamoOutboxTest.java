package io.github.orderevents.aws.dynamo;

import io.github.orderevents.aws.testing.FreshTables;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.outbox.Outbox;
import io.github.orderevents.domain.outbox.OutboxContract;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link DynamoOutbox} against DynamoDB Local: the port's contract, and how a marked row looks in the table. */
class DynamoOutboxTest extends OutboxContract {
    @RegisterExtension
    static final FreshTables DYNAMO = new FreshTables();
    private final DynamoDbClient dynamo = DYNAMO.client();


    @Override
    protected Outbox outbox() {
        return new DynamoOutbox(dynamo, DYNAMO.tables().outbox(), Clock.fixed(Orders.T0, ZoneOffset.UTC), Duration.ofDays(7));
    }

    @Override
    protected void addPending(List<OrderEvent> events) {
        events.forEach(e -> dynamo.putItem(r -> r.tableName(DYNAMO.tables().outbox()).item(OutboxItems.pendingRow(e))));
    }

    @Override
    protected boolean isPending(OrderEvent event) {
        Map<String, AttributeValue> row = row(event);
        return row != null && !row.isEmpty() && event.eventId().equals(row.get("eventId").s())
                && OutboxItems.STATUS_PENDING.equals(row.get("status").s());
    }

    @Test
    void aMarkedRowIsPublishedLeavesThePendingIndexAndExpiresAfterTheRetention() {
        List<OrderEvent> events = placed(3);
        addPending(events);

        outbox().markPublished(events);

        for (OrderEvent event : events) {
            Map<String, AttributeValue> row = row(event);
            assertThat(row.get("status").s()).isEqualTo("PUBLISHED");
            assertThat(row).doesNotContainKey(OutboxItems.PENDING_SHARD);
            assertThat(row.get("expiresAt").n()).isEqualTo(Long.toString(Orders.T0.plus(Duration.ofDays(7)).getEpochSecond()));
        }
        assertThat(dynamo.scan(r -> r.tableName(DYNAMO.tables().outbox()).indexName(OutboxItems.PENDING_INDEX)).count()).isZero();
    }

    @Test
    void marksRowsOverSeveralFullBatchStatementCallsAndARemainder() {
        List<OrderEvent> events = placed(DynamoOutbox.STATEMENTS_PER_CALL * 2 + 3);
        addPending(events);

        assertThat(outbox().markPublished(events)).isEqualTo(events.size());
    }

    @Test
    void doesNotRecreateARowThatVanished() {
        // An UpdateItem-style upsert would write a PUBLISHED row back for a row TTL has deleted.
        List<OrderEvent> events = placed(3);
        addPending(events);
        dynamo.deleteItem(r -> r.tableName(DYNAMO.tables().outbox()).key(OutboxItems.key(events.get(1))));

        outbox().markPublished(events);

        assertThat(dynamo.getItem(r -> r.tableName(DYNAMO.tables().outbox()).key(OutboxItems.key(events.get(1)))
                .consistentRead(true)).hasItem()).isFalse();
    }

    private static List<OrderEvent> placed(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> Orders.event(EventType.OrderPlaced, "ord-" + i, "cust-" + (i % 3), 1)).toList();
    }

    private Map<String, AttributeValue> row(OrderEvent event) {
        return dynamo.getItem(r -> r.tableName(DYNAMO.tables().outbox()).key(OutboxItems.key(event)).consistentRead(true)).item();
    }
}
