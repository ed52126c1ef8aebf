package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link PendingOutbox} must do; the in-memory fake and the DynamoDB adapter both run it. */
public abstract class PendingOutboxContract {
    protected static final Instant T0 = Orders.T0;

    /** The port under test, over an outbox with no rows in it. */
    protected abstract PendingOutbox pendingOutbox();

    /** Writes these events as PENDING outbox rows, the way the order store does. */
    protected abstract void addPending(List<OrderEvent> events);

    /** Marks these rows PUBLISHED, the way the relay does. */
    protected abstract void markPublished(List<OrderEvent> events);

    /** The relay's port to the same rows, to make rows FAILED and requeue them. */
    protected abstract Outbox outbox();

    /** Makes these PENDING rows FAILED: their one publish attempt was refused for {@code reason}. */
    protected void fail(List<OrderEvent> events, String reason) {
        assertThat(outbox().recordFailedAttempts(events.stream().map(e -> new FailedAttempt(e, reason)).toList(), 1))
                .hasSize(events.size());
    }

    /** An OrderPlaced event of order {@code orderId} (sequence 1) that occurred at {@code at}. */
    protected static OrderEvent placedAt(String orderId, Instant at) {
        return occurredAt(Orders.event(EventType.OrderPlaced, orderId, "cust-" + orderId, 1), at);
    }

    protected static OrderEvent occurredAt(OrderEvent event, Instant at) {
        return Orders.at(event, event.sequence(), at);
    }

    private static List<String> ids(List<OrderEvent> events) {
        return events.stream().map(OrderEvent::eventId).toList();
    }

    @Test
    void findsNothingInAnEmptyOutbox() {
        assertThat(pendingOutbox().pendingSince(T0.plusSeconds(3600), 10)).isEmpty();
    }

    @Test
    void returnsOnlyRowsFromBeforeTheCutoffOldestFirst() {
        OrderEvent newest = placedAt("ord-c", T0.plusSeconds(30));
        OrderEvent oldest = placedAt("ord-a", T0);
        OrderEvent middle = placedAt("ord-b", T0.plusSeconds(10));
        OrderEvent tooYoung = placedAt("ord-d", T0.plusSeconds(61));
        addPending(List.of(newest, oldest, tooYoung, middle));

        List<OrderEvent> found = pendingOutbox().pendingSince(T0.plusSeconds(60), 10);

        assertThat(ids(found)).containsExactly(oldest.eventId(), middle.eventId(), newest.eventId());
    }

    @Test
    void aRowFromExactlyTheCutoffIsNotYetDue() {
        OrderEvent atCutoff = placedAt("ord-a", T0.plusSeconds(60));
        addPending(List.of(atCutoff));

        assertThat(pendingOutbox().pendingSince(T0.plusSeconds(60), 10)).isEmpty();
        assertThat(ids(pendingOutbox().pendingSince(T0.plusSeconds(60).plusNanos(1000), 10)))
                .containsExactly(atCutoff.eventId());
    }

    @Test
    void comparesTimesAsInstantsEvenWithinOneSecond() {
        // As ISO-8601 text "10:00:00.5Z" sorts before "10:00:00Z"; as times it is half a second later.
        OrderEvent whole = placedAt("ord-a", T0);
        OrderEvent half = placedAt("ord-b", T0.plusMillis(500));
        OrderEvent next = placedAt("ord-c", T0.plusSeconds(1));
        addPending(List.of(next, half, whole));

        assertThat(ids(pendingOutbox().pendingSince(T0.plusSeconds(2), 10)))
                .containsExactly(whole.eventId(), half.eventId(), next.eventId());
        assertThat(ids(pendingOutbox().pendingSince(T0.plusMillis(500), 10))).containsExactly(whole.eventId());
        assertThat(ids(pendingOutbox().pendingSince(T0.plusMillis(900), 10)))
                .containsExactly(whole.eventId(), half.eventId());
    }

    @Test
    void returnsTheOldestRowsUpToTheLimit() {
        List<OrderEvent> events = IntStream.range(0, 12)
                .mapToObj(i -> placedAt("ord-" + i, T0.plusSeconds(100 - i))).toList();
        addPending(events);

        List<OrderEvent> found = pendingOutbox().pendingSince(T0.plusSeconds(3600), 5);

        assertThat(ids(found)).containsExactly("evt-ord-11-1", "evt-ord-10-1", "evt-ord-9-1", "evt-ord-8-1",
                "evt-ord-7-1");
    }

    @Test
    void leavesOutRowsMarkedPublished() {
        List<OrderEvent> events = IntStream.range(0, 6)
                .mapToObj(i -> placedAt("ord-" + i, T0.plusSeconds(i))).toList();
        addPending(events);

        markPublished(List.of(events.get(0), events.get(3)));

        assertThat(ids(pendingOutbox().pendingSince(T0.plusSeconds(60), 10)))
                .containsExactly("evt-ord-1-1", "evt-ord-2-1", "evt-ord-4-1", "evt-ord-5-1");
    }

    @Test
    void returnsEachEventWhole() {
        OrderEvent placed = occurredAt(Orders.event(EventType.OrderPlaced, "ord-1", "cust-1", 1), T0.plusMillis(1));
        OrderEvent confirmed = occurredAt(Orders.event(EventType.OrderConfirmed, "ord-1", "cust-1", 2), T0.plusMillis(2));
        addPending(List.of(placed, confirmed));

        assertThat(pendingOutbox().pendingSince(T0.plusSeconds(1), 10)).containsExactly(placed, confirmed);
    }

    // ---- FAILED rows ----

    @Test
    void findsNoFailedRowsWhenNoneFailed() {
        addPending(List.of(placedAt("ord-a", T0)));

        assertThat(pendingOutbox().failed(10)).isEmpty();
    }

    @Test
    void leavesOutFailedRowsAndListsThemAsFailedOldestFirstUpToTheLimit() {
        List<OrderEvent> events = IntStream.range(0, 5)
                .mapToObj(i -> placedAt("ord-" + i, T0.plusSeconds(10 - i))).toList();
        addPending(events);

        fail(List.of(events.get(0), events.get(2), events.get(4)), "AWS.SimpleQueueService.NonExistentQueue");

        assertThat(ids(pendingOutbox().pendingSince(T0.plusSeconds(60), 10)))
                .containsExactly("evt-ord-3-1", "evt-ord-1-1");
        assertThat(pendingOutbox().failed(10)).extracting(FailedOutboxRow::eventId)
                .containsExactly("evt-ord-4-1", "evt-ord-2-1", "evt-ord-0-1");
        assertThat(pendingOutbox().failed(2)).extracting(FailedOutboxRow::eventId)
                .containsExactly("evt-ord-4-1", "evt-ord-2-1");
    }

    @Test
    void aFailedRowIsListedWithWhatAnOperatorNeedsToJudgeIt() {
        OrderEvent confirmed = occurredAt(Orders.event(EventType.OrderConfirmed, "ord-1", "cust-1", 2), T0);
        addPending(List.of(confirmed));

        fail(List.of(confirmed), "KMS.DisabledException: key disabled");

        assertThat(pendingOutbox().failed(10)).singleElement().satisfies(row -> {
            assertThat(row.eventId()).isEqualTo(confirmed.eventId());
            assertThat(row.aggregateId()).isEqualTo("ord-1");
            assertThat(row.sequence()).isEqualTo(2);
            assertThat(row.eventType()).isEqualTo("OrderConfirmed");
            assertThat(row.attempts()).isEqualTo(1);
            assertThat(row.lastError()).isEqualTo("KMS.DisabledException: key disabled");
            assertThat(row.failedAt()).isNotNull();
        });
    }

    @Test
    void aRequeuedRowIsPendingAgainAndNoLongerFailed() {
        OrderEvent event = placedAt("ord-a", T0);
        addPending(List.of(event));
        fail(List.of(event), "boom");

        assertThat(outbox().requeue(pendingOutbox().failed(10).getFirst())).isTrue();

        assertThat(pendingOutbox().pendingSince(T0.plusSeconds(60), 10)).containsExactly(event);
        assertThat(pendingOutbox().failed(10)).isEmpty();
    }
}
