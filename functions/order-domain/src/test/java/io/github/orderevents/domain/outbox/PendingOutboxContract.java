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
}
