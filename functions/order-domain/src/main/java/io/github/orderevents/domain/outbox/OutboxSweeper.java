package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.OrderEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Publishes again the outbox rows still PENDING some time after they were written: those of a stream
 * batch that exhausted its retries, or whose marking failed. It goes through the relay's own code
 * ({@link OutboxRelay}), so routing, batching per group, marking and counting failed attempts are the same as
 * on the stream path. A row of an order that has an earlier FAILED row is held back, not published: its
 * consumers would take it for a gap, or apply it before the event that failed.
 */
public final class OutboxSweeper {
    private static final Comparator<OrderEvent> BY_AGE = Comparator.comparing(OrderEvent::occurredAt)
            .thenComparing(OrderEvent::aggregateId)
            .thenComparingLong(OrderEvent::sequence);

    /**
     * The most FAILED rows one sweep reads to hold later rows of their orders back. Each FAILED row raises
     * an alarm, so there are normally none; past this many, later events of the orders not read may be
     * published ahead of their FAILED predecessor (the consumer then sees a gap, see docs/guarantees.md).
     */
    static final int FAILED_ROWS_READ = 10_000;

    private final PendingOutbox pending;
    private final OutboxRelay relay;
    private final Clock clock;
    private final Duration age;
    private final int maxRows;

    /**
     * @param age     how long a row stays PENDING before the sweeper takes it over; long enough for the
     *                stream relay to have had its go (it usually takes well under a second)
     * @param maxRows the most rows one sweep publishes, so that a run fits in the function's timeout;
     *                a backlog is worked off over successive runs, oldest first
     */
    public OutboxSweeper(PendingOutbox pending, OutboxRelay relay, Clock clock, Duration age, int maxRows) {
        if (age.isNegative()) {
            throw new IllegalArgumentException("age must not be negative, was " + age);
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, was " + maxRows);
        }
        this.pending = Objects.requireNonNull(pending, "pending");
        this.relay = Objects.requireNonNull(relay, "relay");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.age = age;
        this.maxRows = maxRows;
    }

    public SweepResult sweep() {
        Instant cutoff = clock.instant().minus(age);
        List<OrderEvent> found = pending.pendingSince(cutoff, maxRows);
        if (found.isEmpty()) {
            return new SweepResult(cutoff, 0, List.of(), Optional.empty(), List.of(), List.of());
        }
        // Read once per sweep that has work, not per row: FAILED rows are few, and a sweep that finds
        // nothing costs what it did before.
        Map<String, Long> firstFailed = new HashMap<>();
        for (FailedOutboxRow row : pending.failed(FAILED_ROWS_READ)) {
            firstFailed.merge(row.aggregateId(), row.sequence(), Math::min);
        }
        List<OrderEvent> due = new ArrayList<>();
        List<OrderEvent> heldBack = new ArrayList<>();
        for (OrderEvent event : found) {
            Long failed = firstFailed.get(event.aggregateId());
            (failed != null && event.sequence() > failed ? heldBack : due).add(event);
        }
        RelayResult result = due.isEmpty() ? RelayResult.nothing() : relay.relay(inPublishingOrder(due));
        return new SweepResult(cutoff, found.size(), result.published(), result.firstUnpublished(), heldBack,
                result.nowFailed());
    }

    /**
     * Oldest first, and each aggregate's events in sequence order. Sequence order per aggregate is what
     * matters: a consumer that sees sequence 3 before 2 takes it for a gap and fails the message, which
     * then blocks its FIFO group until it goes to the DLQ; and the relay only marks the events before
     * the first failure, so a failed sequence 2 keeps sequence 3 PENDING behind it.
     * <p>
     * Sorting by (occurredAt, aggregateId, sequence) gives that order as long as an aggregate's
     * timestamps grow with its sequence. They come from the clocks of different functions, though
     * (OrderPlaced from create-order, the outcome from inventory), so as a guard against clock skew each
     * aggregate's events are then dealt, in sequence order, into the places its events hold in that
     * sort: the overall order stays by age, and no aggregate's sequence ever goes backwards.
     */
    static List<OrderEvent> inPublishingOrder(List<OrderEvent> events) {
        List<OrderEvent> byAge = events.stream().sorted(BY_AGE).toList();
        Map<String, Deque<OrderEvent>> bySequence = new HashMap<>();
        events.stream().sorted(Comparator.comparingLong(OrderEvent::sequence)).forEach(event ->
                bySequence.computeIfAbsent(event.aggregateId(), id -> new ArrayDeque<>()).add(event));
        return byAge.stream().map(slot -> bySequence.get(slot.aggregateId()).removeFirst()).toList();
    }
}
