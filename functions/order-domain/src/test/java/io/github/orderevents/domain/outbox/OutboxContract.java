package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link Outbox} must do; the in-memory fake and the DynamoDB adapter both run it. */
public abstract class OutboxContract {

    /** The port under test, over an outbox with no rows in it. */
    protected abstract Outbox outbox();

    /** Writes these events as PENDING outbox rows, the way the order store does. */
    protected abstract void addPending(List<OrderEvent> events);

    /** Whether the row of this event exists and is still PENDING. */
    protected abstract boolean isPending(OrderEvent event);

    /** The sweeper's view of the same rows. */
    protected abstract PendingOutbox pendingRows();

    /** What the row stored under this event's (order, sequence) holds, or null when there is none. */
    protected abstract RowState stateOf(OrderEvent event);

    /** A row's publication state as stored: status, attempts counted (0 when none), last error (or null). */
    public record RowState(String eventId, String status, int attempts, String lastError) {
    }

    private static List<OrderEvent> placed(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> Orders.event(EventType.OrderPlaced, "ord-" + i, "cust-" + i, 1)).toList();
    }

    @Test
    void marksEveryStoredRowPublishedAndCountsThem() {
        List<OrderEvent> events = placed(3);
        addPending(events);

        int marked = outbox().markPublished(events);

        assertThat(marked).isEqualTo(3);
        assertThat(events).noneMatch(this::isPending);
    }

    @Test
    void marksOnlyTheRowsAskedFor() {
        List<OrderEvent> events = placed(3);
        addPending(events);

        outbox().markPublished(events.subList(0, 1));

        assertThat(events).filteredOn(this::isPending).containsExactlyElementsOf(events.subList(1, 3));
    }

    @Test
    void skipsARowThatIsGoneWithoutThrowingAndMarksTheOthers() {
        List<OrderEvent> events = placed(3);
        addPending(List.of(events.get(0), events.get(2)));

        int marked = outbox().markPublished(events);

        assertThat(marked).isEqualTo(2);
        assertThat(events).noneMatch(this::isPending);
    }

    @Test
    void leavesPendingARowOfTheSameOrderAndSequenceWithAnotherEventId() {
        OrderEvent stored = Orders.event(EventType.OrderPlaced, "ord-1", "cust-1", 1);
        OrderEvent other = Orders.eventWithId("evt-other", EventType.OrderPlaced, "ord-1", "cust-1", 1,
                stored.occurredAt());
        addPending(List.of(stored));

        assertThat(outbox().markPublished(List.of(other))).isZero();
        assertThat(isPending(stored)).isTrue();
    }

    @Test
    void marksABatchLargerThanOneStoreCallHolds() {
        List<OrderEvent> events = placed(30);
        addPending(events);

        assertThat(outbox().markPublished(events)).isEqualTo(30);
        assertThat(events).noneMatch(this::isPending);
    }

    @Test
    void marksNothingForAnEmptyList() {
        assertThat(outbox().markPublished(List.of())).isZero();
    }

    // ---- failed attempts ----

    private static List<FailedAttempt> refused(List<OrderEvent> events, String reason) {
        return events.stream().map(event -> new FailedAttempt(event, reason)).collect(Collectors.toList());
    }

    @Test
    void countsAFailedAttemptOnAPendingRowWithItsReasonAndKeepsItPending() {
        List<OrderEvent> events = placed(2);
        addPending(events);

        List<FailedOutboxRow> nowFailed = outbox().recordFailedAttempts(refused(events.subList(0, 1), "Throttled"), 3);

        assertThat(nowFailed).isEmpty();
        assertThat(stateOf(events.get(0))).isEqualTo(new RowState(events.get(0).eventId(), "PENDING", 1, "Throttled"));
        assertThat(stateOf(events.get(1))).isEqualTo(new RowState(events.get(1).eventId(), "PENDING", 0, null));
    }

    @Test
    void eachCallCountsOneMoreAttemptAndKeepsTheLastReason() {
        List<OrderEvent> events = placed(1);
        addPending(events);

        outbox().recordFailedAttempts(refused(events, "first"), 5);
        outbox().recordFailedAttempts(refused(events, "second"), 5);

        assertThat(stateOf(events.getFirst())).isEqualTo(new RowState(events.getFirst().eventId(), "PENDING", 2, "second"));
    }

    @Test
    void theAttemptThatReachesMaxAttemptsMakesTheRowFailedAndReportsItOnce() {
        List<OrderEvent> events = placed(2);
        addPending(events);
        OrderEvent doomed = events.get(0);
        outbox().recordFailedAttempts(refused(List.of(doomed), "QueueDoesNotExist"), 2);

        List<FailedOutboxRow> nowFailed = outbox().recordFailedAttempts(refused(events, "QueueDoesNotExist"), 2);
        List<FailedOutboxRow> again = outbox().recordFailedAttempts(refused(List.of(doomed), "later"), 2);

        assertThat(nowFailed).singleElement().satisfies(row -> {
            assertThat(row.eventId()).isEqualTo(doomed.eventId());
            assertThat(row.aggregateId()).isEqualTo(doomed.aggregateId());
            assertThat(row.sequence()).isEqualTo(doomed.sequence());
            assertThat(row.eventType()).isEqualTo(doomed.eventType().name());
            assertThat(row.attempts()).isEqualTo(2);
            assertThat(row.lastError()).isEqualTo("QueueDoesNotExist");
            assertThat(row.failedAt()).isNotNull();
        });
        assertThat(again).as("a FAILED row counts no more attempts").isEmpty();
        assertThat(stateOf(doomed)).isEqualTo(new RowState(doomed.eventId(), "FAILED", 2, "QueueDoesNotExist"));
        assertThat(stateOf(events.get(1)).status()).isEqualTo("PENDING");
    }

    @Test
    void aFailedRowLeavesThePendingRowsAndIsListedAsFailed() {
        List<OrderEvent> events = placed(2);
        addPending(events);

        outbox().recordFailedAttempts(refused(events.subList(0, 1), "QueueDoesNotExist"), 1);

        assertThat(pendingRows().pendingSince(Orders.T0.plusSeconds(3600), 10)).containsExactly(events.get(1));
        assertThat(pendingRows().failed(10)).extracting(FailedOutboxRow::eventId).containsExactly(events.get(0).eventId());
    }

    @Test
    void neverDowngradesAPublishedRow() {
        List<OrderEvent> events = placed(1);
        addPending(events);
        outbox().markPublished(events);

        assertThat(outbox().recordFailedAttempts(refused(events, "late failure"), 1)).isEmpty();

        assertThat(stateOf(events.getFirst()).status()).isEqualTo("PUBLISHED");
        assertThat(stateOf(events.getFirst()).attempts()).isZero();
    }

    @Test
    void createsNoRowForAnEventWhoseRowIsGone() {
        List<OrderEvent> events = placed(2);
        addPending(events.subList(1, 2));

        List<FailedOutboxRow> nowFailed = outbox().recordFailedAttempts(refused(events, "boom"), 1);

        assertThat(stateOf(events.get(0))).isNull();
        assertThat(nowFailed).extracting(FailedOutboxRow::eventId).containsExactly(events.get(1).eventId());
    }

    @Test
    void leavesAloneARowOfTheSameOrderAndSequenceWithAnotherEventId() {
        OrderEvent stored = Orders.event(EventType.OrderPlaced, "ord-1", "cust-1", 1);
        OrderEvent other = Orders.eventWithId("evt-other", EventType.OrderPlaced, "ord-1", "cust-1", 1,
                stored.occurredAt());
        addPending(List.of(stored));

        assertThat(outbox().recordFailedAttempts(refused(List.of(other), "boom"), 1)).isEmpty();
        assertThat(stateOf(stored)).isEqualTo(new RowState(stored.eventId(), "PENDING", 0, null));
    }

    @Test
    void recordsAttemptsForMoreRowsThanOneStoreCallHolds() {
        List<OrderEvent> events = placed(30);
        addPending(events);

        outbox().recordFailedAttempts(refused(events, "boom"), 2);
        List<FailedOutboxRow> nowFailed = outbox().recordFailedAttempts(refused(events, "boom"), 2);

        assertThat(nowFailed).hasSize(30);
        assertThat(events).allSatisfy(event -> assertThat(stateOf(event).status()).isEqualTo("FAILED"));
    }

    @Test
    void recordsNothingForAnEmptyList() {
        assertThat(outbox().recordFailedAttempts(List.of(), 3)).isEmpty();
    }

    @Test
    void aFailedRowThatTurnsOutPublishedIsMarkedPublishedAndNoLongerListedAsFailed() {
        List<OrderEvent> events = placed(1);
        addPending(events);
        outbox().recordFailedAttempts(refused(events, "timeout"), 1);

        assertThat(outbox().markPublished(events)).isEqualTo(1);

        assertThat(stateOf(events.getFirst()).status()).isEqualTo("PUBLISHED");
        assertThat(pendingRows().failed(10)).isEmpty();
    }

    // ---- requeue ----

    @Test
    void requeuePutsAFailedRowBackPendingWithNoAttemptsWhereTheSweeperFindsIt() {
        List<OrderEvent> events = placed(1);
        addPending(events);
        FailedOutboxRow failed = outbox().recordFailedAttempts(refused(events, "QueueDoesNotExist"), 1).getFirst();

        assertThat(outbox().requeue(failed)).isTrue();

        assertThat(stateOf(events.getFirst())).isEqualTo(new RowState(events.getFirst().eventId(), "PENDING", 0, null));
        assertThat(pendingRows().pendingSince(Orders.T0.plusSeconds(3600), 10)).containsExactly(events.getFirst());
        assertThat(pendingRows().failed(10)).isEmpty();
        assertThat(outbox().requeue(failed)).as("requeued already").isFalse();
    }

    @Test
    void requeueLeavesARowThatIsNotFailedAsItIsAndCreatesNone() {
        List<OrderEvent> events = placed(3);
        addPending(events.subList(0, 2));
        outbox().markPublished(events.subList(1, 2));
        outbox().recordFailedAttempts(refused(events.subList(0, 1), "Throttled"), 5);

        for (OrderEvent event : events) {
            assertThat(outbox().requeue(new FailedOutboxRow(event.aggregateId(), event.sequence(), event.eventId(),
                    event.eventType().name(), 5, "Throttled", Orders.T0))).as(event.eventId()).isFalse();
        }

        assertThat(stateOf(events.get(0))).isEqualTo(new RowState(events.get(0).eventId(), "PENDING", 1, "Throttled"));
        assertThat(stateOf(events.get(1)).status()).isEqualTo("PUBLISHED");
        assertThat(stateOf(events.get(2))).isNull();
    }
}
