package io.github.orderevents.aws.dynamo;

import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.TestTables;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.BeforeEach;
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

class DynamoOutboxTest {
    @RegisterExtension
    static final EmbeddedDynamo DYNAMO_LOCAL = new EmbeddedDynamo();
    private final DynamoDbClient dynamo = DYNAMO_LOCAL.client();
    private TestTables tables;
    private DynamoOutbox outbox;

    @BeforeEach
    void freshTables() {
        tables = TestTables.create(dynamo);
        outbox = new DynamoOutbox(dynamo, tables.outbox(), Clock.fixed(Orders.T0, ZoneOffset.UTC), Duration.ofDays(7));
    }

    @Test
    void marksRowsPublishedAndTakesThemOutOfThePendingIndex() {
        List<OrderEvent> events = insert(3);

        int marked = outbox.markPublished(events);

        assertThat(marked).isEqualTo(3);
        for (OrderEvent event : events) {
            Map<String, AttributeValue> row = row(event);
            assertThat(row.get("status").s()).isEqualTo("PUBLISHED");
            assertThat(row).doesNotContainKey(OutboxItems.PENDING_SHARD);
            assertThat(row.get("expiresAt").n()).isEqualTo(Long.toString(Orders.T0.plus(Duration.ofDays(7)).getEpochSecond()));
        }
        assertThat(dynamo.scan(r -> r.tableName(tables.outbox()).indexName(OutboxItems.PENDING_INDEX)).count()).isZero();
    }

    @Test
    void marksMoreRowsThanOneBatchStatementCallHolds() {
        List<OrderEvent> events = insert(DynamoOutbox.STATEMENTS_PER_CALL * 2 + 3);

        assertThat(outbox.markPublished(events)).isEqualTo(events.size());
    }

    @Test
    void leavesAVanishedRowGoneAndMarksTheOthers() {
        List<OrderEvent> events = insert(3);
        dynamo.deleteItem(r -> r.tableName(tables.outbox()).key(OutboxItems.key(events.get(1))));

        int marked = outbox.markPublished(events);

        assertThat(marked).isEqualTo(2);
        assertThat(dynamo.getItem(r -> r.tableName(tables.outbox()).key(OutboxItems.key(events.get(1)))).hasItem())
                .isFalse();
        assertThat(row(events.get(2)).get("status").s()).isEqualTo("PUBLISHED");
    }

    @Test
    void doesNotMarkARowWhoseEventIdDiffers() {
        OrderEvent stored = insert(1).get(0);
        OrderEvent other = new OrderEvent("another-event", stored.aggregateId(), stored.customerId(),
                stored.sequence(), stored.occurredAt(), null, stored.payload());

        assertThat(outbox.markPublished(List.of(other))).isZero();
        assertThat(row(stored).get("status").s()).isEqualTo("PENDING");
    }

    private List<OrderEvent> insert(int count) {
        List<OrderEvent> events = IntStream.rangeClosed(1, count)
                .mapToObj(i -> Orders.event(EventType.OrderPlaced, "ord-" + i, "cust-" + (i % 3), 1)).toList();
        events.forEach(e -> dynamo.putItem(r -> r.tableName(tables.outbox()).item(OutboxItems.pendingRow(e))));
        return events;
    }

    private Map<String, AttributeValue> row(OrderEvent event) {
        return dynamo.getItem(r -> r.tableName(tables.outbox()).key(OutboxItems.key(event)).consistentRead(true)).item();
    }
}
