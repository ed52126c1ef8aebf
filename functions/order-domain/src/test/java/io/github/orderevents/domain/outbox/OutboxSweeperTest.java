package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.testing.InMemoryPendingOutbox;
import io.github.orderevents.domain.testing.InMemoryPendingOutbox.Query;
import io.github.orderevents.domain.testing.MutableClock;
import io.github.orderevents.domain.testing.Orders;
import io.github.orderevents.domain.testing.RecordingPublisher;
import io.github.orderevents.domain.testing.RecordingPublisher.Call;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboxSweeperTest {
    private static final String INVENTORY = "inventory";
    private static final String NOTIFICATIONS = "notifications";
    private static final RoutingTable ROUTES = Orders.routes(INVENTORY, NOTIFICATIONS);
    private static final int MAX_ATTEMPTS = 3;
    private static final Duration AGE = Duration.ofMinutes(5);
    private static final Instant NOW = Orders.T0.plus(Duration.ofMinutes(10));

    private final InMemoryPendingOutbox outbox = new InMemoryPendingOutbox();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final MutableClock clock = new MutableClock(NOW);

    private OutboxSweeper sweeper(int maxRows) {
        return new OutboxSweeper(outbox, new OutboxRelay(ROUTES, publisher, outbox, MAX_ATTEMPTS), clock, AGE, maxRows);
    }

    private static OrderEvent event(EventType type, String orderId, long sequence, Instant occurredAt) {
        return Orders.at(Orders.event(type, orderId, "cust-" + orderId, sequence), sequence, occurredAt);
    }

    private static OrderEvent placed(String orderId, Instant occurredAt) {
        return event(EventType.OrderPlaced, orderId, 1, occurredAt);
    }

    private static Instant minutesAgo(long minutes) {
        return NOW.minus(Duration.ofMinutes(minutes));
    }

    private List<String> sentTo(String destination) {
        return publisher.callsTo(destination).stream().flatMap(call -> call.eventIds().stream()).toList();
    }

    private static List<String> ids(List<OrderEvent> events) {
        return events.stream().map(OrderEvent::eventId).toList();
    }

    @Test
    void findingNothingPublishesAndMarksNothing() {
        SweepResult result = sweeper(500).sweep();

        assertThat(result.found()).isZero();
        assertThat(result.published()).isEmpty();
        assertThat(result.complete()).isTrue();
        assertThat(publisher.calls()).isEmpty();
        assertThat(outbox.published()).isEmpty();
    }

    @Test
    void sweepsOnlyRowsPendingForLongerThanTheAge() {
        OrderEvent tenMinutes = placed("ord-1", minutesAgo(10));
        OrderEvent sixMinutes = placed("ord-2", minutesAgo(6));
        OrderEvent fourMinutes = placed("ord-3", minutesAgo(4));
        outbox.add(fourMinutes, tenMinutes, sixMinutes);

        SweepResult result = sweeper(500).sweep();

        assertThat(outbox.queries()).extracting(Query::cutoff).containsExactly(NOW.minus(AGE));
        assertThat(result.cutoff()).isEqualTo(NOW.minus(AGE));
        assertThat(result.found()).isEqualTo(2);
        assertThat(ids(result.published())).containsExactly(tenMinutes.eventId(), sixMinutes.eventId());
        assertThat(sentTo(INVENTORY)).containsExactly(tenMinutes.eventId(), sixMinutes.eventId());
        assertThat(outbox.published()).containsExactly(tenMinutes.eventId(), sixMinutes.eventId());
        assertThat(outbox.isPending(fourMinutes.eventId())).isTrue();
    }

    @Test
    void aRowComesDueOnceItIsOlderThanTheAgeAndIsSweptOnlyOnce() {
        OrderEvent fourMinutes = placed("ord-1", minutesAgo(4));
        outbox.add(fourMinutes);
        OutboxSweeper sweeper = sweeper(500);

        SweepResult early = sweeper.sweep();
        clock.advance(Duration.ofMinutes(2));
        SweepResult due = sweeper.sweep();
        SweepResult after = sweeper.sweep();

        assertThat(early.found()).isZero();
        assertThat(ids(due.published())).containsExactly(fourMinutes.eventId());
        assertThat(after.found()).isZero();
        assertThat(sentTo(INVENTORY)).containsExactly(fourMinutes.eventId());
    }

    @Test
    void publishesOneOrdersEventsInSequenceOrderWhateverOrderTheyAreFoundIn() {
        Instant sameTime = minutesAgo(10);
        OrderEvent third = event(EventType.OrderRejected, "ord-1", 3, sameTime);
        OrderEvent first = event(EventType.OrderPlaced, "ord-1", 1, sameTime);
        OrderEvent second = event(EventType.OrderConfirmed, "ord-1", 2, sameTime);
        outbox.add(third, first, second);

        SweepResult result = sweeper(500).sweep();

        assertThat(sentTo(NOTIFICATIONS)).containsExactly(first.eventId(), second.eventId(), third.eventId());
        assertThat(ids(result.published())).containsExactly(first.eventId(), second.eventId(), third.eventId());
        assertThat(outbox.published()).containsExactly(first.eventId(), second.eventId(), third.eventId());
    }

    @Test
    void keepsSequenceOrderWhenAnOrdersTimestampsDisagreeWithItsSequence() {
        // The outcome was written by another function whose clock ran behind create-order's.
        OrderEvent confirmed = event(EventType.OrderConfirmed, "ord-1", 2, minutesAgo(12));
        OrderEvent other = placed("ord-2", minutesAgo(11));
        OrderEvent placed = event(EventType.OrderPlaced, "ord-1", 1, minutesAgo(10));
        outbox.add(placed, other, confirmed);

        SweepResult result = sweeper(500).sweep();

        assertThat(ids(result.published())).containsExactly(placed.eventId(), other.eventId(), confirmed.eventId());
        assertThat(publisher.callsTo(NOTIFICATIONS)).extracting(Call::eventIds).containsExactly(
                List.of(placed.eventId(), other.eventId()), List.of(confirmed.eventId()));
    }

    @Test
    void ordersByAgeAcrossOrders() {
        OrderEvent newer = placed("ord-a", minutesAgo(7));
        OrderEvent older = placed("ord-b", minutesAgo(9));
        OrderEvent sameAsOlderButLaterId = placed("ord-c", minutesAgo(9));

        List<OrderEvent> ordered = OutboxSweeper.inPublishingOrder(List.of(newer, sameAsOlderButLaterId, older));

        assertThat(ordered).containsExactly(older, sameAsOlderButLaterId, newer);
    }

    @Test
    void reportsAFailedPublishAndMarksOnlyTheEventsBeforeIt() {
        OrderEvent first = placed("ord-1", minutesAgo(30));
        OrderEvent second = placed("ord-2", minutesAgo(20));
        OrderEvent third = placed("ord-3", minutesAgo(10));
        outbox.add(first, second, third);
        publisher.failEvent(INVENTORY, second.eventId(), "ThrottlingException: slow down");

        SweepResult result = sweeper(500).sweep();

        assertThat(result.found()).isEqualTo(3);
        assertThat(result.complete()).isFalse();
        assertThat(result.firstFailure()).contains(new SendFailure(second.eventId(), "ThrottlingException: slow down"));
        assertThat(ids(result.published())).containsExactly(first.eventId());
        assertThat(outbox.published()).containsExactly(first.eventId());
        assertThat(outbox.isPending(second.eventId())).isTrue();
        assertThat(outbox.isPending(third.eventId())).isTrue();
    }

    @Test
    void theNextSweepRetriesWhatAFailedSweepLeftPending() {
        OrderEvent first = placed("ord-1", minutesAgo(30));
        OrderEvent second = placed("ord-2", minutesAgo(20));
        outbox.add(first, second);
        publisher.failCall(0, "InternalError");
        OutboxSweeper sweeper = sweeper(500);

        SweepResult failed = sweeper.sweep();
        SweepResult retried = sweeper.sweep();

        assertThat(failed.published()).isEmpty();
        assertThat(failed.firstFailure()).contains(new SendFailure(first.eventId(), "InternalError"));
        assertThat(retried.complete()).isTrue();
        assertThat(ids(retried.published())).containsExactly(first.eventId(), second.eventId());
        assertThat(outbox.published()).containsExactly(first.eventId(), second.eventId());
    }

    @Test
    void aRowThatKeepsFailingBecomesFailedAfterMaxAttemptsAndIsNoLongerSwept() {
        OrderEvent refused = placed("ord-1", minutesAgo(30));
        outbox.add(refused);
        publisher.failEvent(refused.eventId(), "AWS.SimpleQueueService.NonExistentQueue");
        OutboxSweeper sweeper = sweeper(500);

        List<SweepResult> sweeps = java.util.stream.IntStream.range(0, MAX_ATTEMPTS).mapToObj(i -> sweeper.sweep()).toList();
        SweepResult afterwards = sweeper.sweep();

        assertThat(sweeps.getLast().nowFailed()).singleElement().satisfies(row -> {
            assertThat(row.eventId()).isEqualTo(refused.eventId());
            assertThat(row.attempts()).isEqualTo(MAX_ATTEMPTS);
            assertThat(row.lastError()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
        });
        assertThat(outbox.status(refused.eventId())).contains(InMemoryPendingOutbox.Status.FAILED);
        assertThat(afterwards.found()).isZero();
        assertThat(publisher.calls()).hasSize(MAX_ATTEMPTS * 2);
    }

    @Test
    void holdsBackLaterRowsOfAnOrderWithAFailedRowAndPublishesTheOtherOrders() {
        OrderEvent failed = placed("ord-1", minutesAgo(40));
        OrderEvent laterOfTheSameOrder = event(EventType.OrderConfirmed, "ord-1", 2, minutesAgo(30));
        OrderEvent otherOrder = placed("ord-2", minutesAgo(20));
        outbox.addFailed(failed, MAX_ATTEMPTS, "QueueDoesNotExist").add(laterOfTheSameOrder, otherOrder);

        SweepResult result = sweeper(500).sweep();

        assertThat(result.found()).isEqualTo(2);
        assertThat(ids(result.heldBack())).containsExactly(laterOfTheSameOrder.eventId());
        assertThat(ids(result.published())).containsExactly(otherOrder.eventId());
        assertThat(publisher.calls()).flatMap(Call::eventIds).containsOnly(otherOrder.eventId());
        assertThat(outbox.attempts(laterOfTheSameOrder.eventId())).as("held back, not tried").isZero();
        assertThat(outbox.isPending(laterOfTheSameOrder.eventId())).isTrue();
    }

    @Test
    void aRequeuedRowIsPublishedFirstThenTheRowsHeldBackBehindIt() {
        OrderEvent failed = placed("ord-1", minutesAgo(40));
        OrderEvent later = event(EventType.OrderConfirmed, "ord-1", 2, minutesAgo(30));
        outbox.addFailed(failed, MAX_ATTEMPTS, "QueueDoesNotExist").add(later);
        OutboxSweeper sweeper = sweeper(500);
        assertThat(sweeper.sweep().published()).isEmpty();

        assertThat(outbox.requeue(outbox.failed(10).getFirst())).isTrue();
        SweepResult result = sweeper.sweep();

        assertThat(ids(result.published())).containsExactly(failed.eventId(), later.eventId());
        assertThat(sentTo(NOTIFICATIONS)).containsExactly(failed.eventId(), later.eventId());
        assertThat(result.heldBack()).isEmpty();
    }

    @Test
    void readsTheFailedRowsOncePerSweepWithWorkAndNotAtAllWhenNothingIsDue() {
        OutboxSweeper sweeper = sweeper(500);
        sweeper.sweep();
        assertThat(outbox.failedReads()).isZero();

        for (int i = 1; i <= 5; i++) {
            outbox.add(placed("ord-" + i, minutesAgo(10 + i)));
        }
        sweeper.sweep();

        assertThat(outbox.failedReads()).isEqualTo(1);
    }

    @Test
    void asksForAtMostMaxRowsAndPublishesTheOldest() {
        for (int i = 1; i <= 5; i++) {
            outbox.add(placed("ord-" + i, minutesAgo(10 + i)));
        }

        SweepResult result = sweeper(2).sweep();

        assertThat(outbox.queries()).extracting(Query::limit).containsExactly(2);
        assertThat(result.found()).isEqualTo(2);
        assertThat(ids(result.published())).containsExactly("evt-ord-5-1", "evt-ord-4-1");
        assertThat(outbox.published()).hasSize(2);
    }

    @Test
    void refusesAMaxRowsBelowOneAndANegativeAge() {
        OutboxRelay relay = new OutboxRelay(ROUTES, publisher, outbox, MAX_ATTEMPTS);

        assertThatThrownBy(() -> new OutboxSweeper(outbox, relay, clock, AGE, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRows");
        assertThatThrownBy(() -> new OutboxSweeper(outbox, relay, clock, Duration.ofMinutes(-1), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("age");
    }
}
