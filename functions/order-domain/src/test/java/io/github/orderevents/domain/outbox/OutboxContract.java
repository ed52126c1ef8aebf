package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.Test;

import java.util.List;
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
}
