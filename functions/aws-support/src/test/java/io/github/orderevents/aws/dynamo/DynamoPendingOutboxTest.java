package io.github.orderevents.aws.dynamo;

import io.github.orderevents.aws.testing.FreshTables;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.outbox.Outbox;
import io.github.orderevents.domain.outbox.PendingOutbox;
import io.github.orderevents.domain.outbox.PendingOutboxContract;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The DynamoDB adapter against DynamoDB Local: the shared contract, the index's shards and bad rows. */
class DynamoPendingOutboxTest extends PendingOutboxContract {
    @RegisterExtension
    static final FreshTables DYNAMO = new FreshTables();
    private final DynamoDbClient dynamo = DYNAMO.client();
    private DynamoPendingOutbox pending;
    private DynamoOutbox outbox;

    @BeforeEach
    void adaptersOnFreshTables() {
        pending = new DynamoPendingOutbox(dynamo, DYNAMO.tables().outbox());
        outbox = new DynamoOutbox(dynamo, DYNAMO.tables().outbox(), Clock.fixed(T0, ZoneOffset.UTC), Duration.ofDays(7));
    }

    @Override
    protected PendingOutbox pendingOutbox() {
        return pending;
    }

    @Override
    protected void addPending(List<OrderEvent> events) {
        events.forEach(e -> put(OutboxItems.pendingRow(e)));
    }

    @Override
    protected Outbox outbox() {
        return outbox;
    }

    @Override
    protected void markPublished(List<OrderEvent> events) {
        assertThat(outbox.markPublished(events)).isEqualTo(events.size());
    }

    private void put(Map<String, AttributeValue> row) {
        dynamo.putItem(r -> r.tableName(DYNAMO.tables().outbox()).item(row));
    }

    private static List<String> ids(List<OrderEvent> events) {
        return events.stream().map(OrderEvent::eventId).toList();
    }

    /** Twenty PENDING rows one second apart, oldest first; their event ids spread over every shard. */
    private List<OrderEvent> twentyRowsOverEveryShard() {
        List<OrderEvent> events = IntStream.range(0, 20)
                .mapToObj(i -> placedAt("ord-" + i, T0.plusSeconds(i))).toList();
        assertThat(events.stream().map(e -> OutboxItems.shardOf(e.eventId())).distinct())
                .as("the rows' pending shards").hasSize(OutboxItems.PENDING_SHARDS);
        addPending(events.reversed());
        return events;
    }

    @Test
    void findsThePendingRowsOfEveryShardMergedOldestFirst() {
        List<OrderEvent> events = twentyRowsOverEveryShard();

        List<OrderEvent> found = pending.pendingSince(T0.plusSeconds(15), 100);

        assertThat(ids(found)).isEqualTo(ids(events.subList(0, 15)));
    }

    @Test
    void keepsTheOldestRowsOverAllShardsWhenThereAreMoreThanTheLimit() {
        List<OrderEvent> events = twentyRowsOverEveryShard();

        List<OrderEvent> found = pending.pendingSince(T0.plusSeconds(60), 7);

        assertThat(ids(found)).isEqualTo(ids(events.subList(0, 7)));
    }

    @Test
    void leavesOutRowsPublishedThroughTheRelaysOwnMarking() {
        List<OrderEvent> events = twentyRowsOverEveryShard();
        outbox.markPublished(events.subList(0, 10));

        List<OrderEvent> found = pending.pendingSince(T0.plusSeconds(60), 100);

        assertThat(ids(found)).isEqualTo(ids(events.subList(10, 20)));
    }

    @Test
    void skipsAnUnreadableRowAndStillReturnsTheRestUpToTheLimit() {
        OrderEvent bad = placedAt("ord-bad", T0);
        Map<String, AttributeValue> badRow = new HashMap<>(OutboxItems.pendingRow(bad));
        badRow.put("eventType", AttributeValue.fromS("OrderShipped"));
        badRow.put(OutboxItems.PENDING_SHARD, AttributeValue.fromS("0"));
        put(badRow);
        // Two readable rows in the same shard, after the bad one: the first page (limit 2) holds the bad
        // row and one good one, so the second good one needs another page.
        OrderEvent good1 = placedAt("ord-1", T0.plusSeconds(1));
        OrderEvent good2 = placedAt("ord-2", T0.plusSeconds(2));
        for (OrderEvent good : List.of(good1, good2)) {
            Map<String, AttributeValue> row = new HashMap<>(OutboxItems.pendingRow(good));
            row.put(OutboxItems.PENDING_SHARD, AttributeValue.fromS("0"));
            put(row);
        }

        List<OrderEvent> found = pending.pendingSince(T0.plusSeconds(60), 2);

        assertThat(ids(found)).containsExactly(good1.eventId(), good2.eventId());
    }

    @Test
    void skipsARowWithAPayloadThatIsNotJson() {
        OrderEvent bad = placedAt("ord-bad", T0);
        Map<String, AttributeValue> badRow = new HashMap<>(OutboxItems.pendingRow(bad));
        badRow.put("payload", AttributeValue.fromS("{not json"));
        put(badRow);
        OrderEvent good = placedAt("ord-1", T0.plusSeconds(1));
        addPending(List.of(good));

        assertThat(ids(pending.pendingSince(T0.plusSeconds(60), 10))).containsExactly(good.eventId());
    }

    @Test
    void readsRowsWrittenBeforeFixedWidthTimesInTimeOrderAndAgainstTheExactCutoff() {
        // Instant.toString() text, as rows were written before SortableTime: "…:00.5Z" sorts before "…:00Z".
        OrderEvent whole = placedAt("ord-a", T0);
        OrderEvent half = placedAt("ord-b", T0.plusMillis(500));
        OrderEvent next = placedAt("ord-c", T0.plusSeconds(1));
        for (OrderEvent event : List.of(next, half, whole)) {
            Map<String, AttributeValue> row = new HashMap<>(OutboxItems.pendingRow(event));
            row.put("occurredAt", AttributeValue.fromS(event.occurredAt().toString()));
            row.put(OutboxItems.PENDING_SHARD, AttributeValue.fromS("1"));
            put(row);
        }

        assertThat(ids(pending.pendingSince(T0.plusSeconds(2), 10)))
                .containsExactly(whole.eventId(), half.eventId(), next.eventId());
        assertThat(ids(pending.pendingSince(T0.plusMillis(500), 10))).containsExactly(whole.eventId());
        assertThat(ids(pending.pendingSince(T0.plusMillis(900), 10))).containsExactly(whole.eventId(), half.eventId());
        assertThat(ids(pending.pendingSince(T0.plusSeconds(1), 10))).containsExactly(whole.eventId(), half.eventId());
    }

    @Test
    void textBoundIsTheStartOfTheSecondAfterTheCutoff() {
        assertThat(DynamoPendingOutbox.textBound(Instant.parse("2026-11-21T10:00:00.5Z")))
                .isEqualTo("2026-11-21T10:00:01Z");
        assertThat(DynamoPendingOutbox.textBound(Instant.parse("2026-11-21T10:00:00Z")))
                .isEqualTo("2026-11-21T10:00:01Z");
    }

    @Test
    void findsAnOutcomeEventAfterItsOrderPlacedWhenBothArePending() {
        OrderEvent placed = Orders.event(EventType.OrderPlaced, "ord-1", "cust-1", 1);
        OrderEvent confirmed = Orders.event(EventType.OrderConfirmed, "ord-1", "cust-1", 2);
        addPending(List.of(confirmed, placed));

        assertThat(pending.pendingSince(T0.plusSeconds(60), 10)).containsExactly(placed, confirmed);
    }
}
