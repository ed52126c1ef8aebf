package io.github.orderevents.aws.dynamo;

import io.github.orderevents.aws.testing.FreshTables;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.outbox.Outbox;
import io.github.orderevents.domain.outbox.FailedAttempt;
import io.github.orderevents.domain.outbox.OutboxContract;
import io.github.orderevents.domain.outbox.PendingOutbox;
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
    protected PendingOutbox pendingRows() {
        return new DynamoPendingOutbox(dynamo, DYNAMO.tables().outbox());
    }

    @Override
    protected RowState stateOf(OrderEvent event) {
        Map<String, AttributeValue> row = row(event);
        if (row == null || row.isEmpty()) {
            return null;
        }
        AttributeValue attempts = row.get(OutboxItems.ATTEMPTS);
        AttributeValue lastError = row.get(OutboxItems.LAST_ERROR);
        return new RowState(row.get("eventId").s(), row.get("status").s(),
                attempts == null ? 0 : Integer.parseInt(attempts.n()), lastError == null ? null : lastError.s());
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

    @Test
    void aFailedRowMovesFromThePendingIndexToTheFailedIndexAndARequeuedOneBack() {
        List<OrderEvent> events = placed(1);
        addPending(events);

        outbox().recordFailedAttempts(List.of(new FailedAttempt(events.getFirst(), "QueueDoesNotExist")), 1);

        Map<String, AttributeValue> failed = row(events.getFirst());
        assertThat(failed).doesNotContainKey(OutboxItems.PENDING_SHARD);
        assertThat(failed.get(OutboxItems.FAILED_PARTITION).s()).isEqualTo(OutboxItems.FAILED_PARTITION_VALUE);
        assertThat(failed.get(OutboxItems.FAILED_AT).s()).isEqualTo(Orders.T0.toString());
        assertThat(indexCount(OutboxItems.PENDING_INDEX)).isZero();
        assertThat(indexCount(OutboxItems.FAILED_INDEX)).isOne();

        outbox().requeue(pendingRows().failed(1).getFirst());

        Map<String, AttributeValue> requeued = row(events.getFirst());
        assertThat(requeued.get(OutboxItems.PENDING_SHARD).s()).isEqualTo(OutboxItems.shardOf(events.getFirst().eventId()));
        assertThat(requeued).doesNotContainKeys(OutboxItems.FAILED_PARTITION, OutboxItems.FAILED_AT, OutboxItems.LAST_ERROR);
        assertThat(indexCount(OutboxItems.PENDING_INDEX)).isOne();
        assertThat(indexCount(OutboxItems.FAILED_INDEX)).isZero();
    }

    @Test
    void countsAttemptsOnARowWrittenBeforeRowsCountedThem() {
        OrderEvent event = placed(1).getFirst();
        Map<String, AttributeValue> legacy = new java.util.HashMap<>(OutboxItems.pendingRow(event));
        legacy.remove(OutboxItems.ATTEMPTS);
        dynamo.putItem(r -> r.tableName(DYNAMO.tables().outbox()).item(legacy));

        outbox().recordFailedAttempts(List.of(new FailedAttempt(event, "first")), 3);
        outbox().recordFailedAttempts(List.of(new FailedAttempt(event, "second")), 3);

        assertThat(stateOf(event)).isEqualTo(new RowState(event.eventId(), "PENDING", 2, "second"));
    }

    @Test
    void aFirstFailedAttemptCostsOneRequestForAllRowsOfTheCall() {
        List<OrderEvent> events = placed(20);
        addPending(events);
        List<String> requests = new java.util.ArrayList<>();
        DynamoDbClient counting = (DynamoDbClient) java.lang.reflect.Proxy.newProxyInstance(
                DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    requests.add(method.getName());
                    return method.invoke(dynamo, args);
                });
        DynamoOutbox counted = new DynamoOutbox(counting, DYNAMO.tables().outbox(),
                Clock.fixed(Orders.T0, ZoneOffset.UTC), Duration.ofDays(7));

        counted.recordFailedAttempts(events.stream().map(e -> new FailedAttempt(e, "Throttled")).toList(), 10);

        assertThat(requests).containsExactly("batchExecuteStatement");
        assertThat(events).allSatisfy(event -> assertThat(stateOf(event).attempts()).isOne());
    }

    private long indexCount(String index) {
        return dynamo.scan(r -> r.tableName(DYNAMO.tables().outbox()).indexName(index)).count();
    }

    private static List<OrderEvent> placed(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> Orders.event(EventType.OrderPlaced, "ord-" + i, "cust-" + (i % 3), 1)).toList();
    }

    private Map<String, AttributeValue> row(OrderEvent event) {
        return dynamo.getItem(r -> r.tableName(DYNAMO.tables().outbox()).key(OutboxItems.key(event)).consistentRead(true)).item();
    }
}
