package io.github.orderevents.domain.testing;

import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.outbox.FailedAttempt;
import io.github.orderevents.domain.outbox.FailedOutboxRow;
import io.github.orderevents.domain.outbox.Outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An {@link Outbox} that holds no rows of its own: it records every markPublished and recordFailedAttempts
 * call, and counts attempts per event id as if every event had a PENDING row.
 */
public final class RecordingOutbox implements Outbox {
    private final List<List<String>> calls = new ArrayList<>();
    private final Set<String> marked = new LinkedHashSet<>();
    private final List<List<FailedAttempt>> attemptCalls = new ArrayList<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private final Set<String> failed = new LinkedHashSet<>();

    @Override
    public synchronized int markPublished(List<OrderEvent> events) {
        List<String> ids = events.stream().map(OrderEvent::eventId).toList();
        calls.add(ids);
        int newlyMarked = 0;
        for (String id : ids) {
            failed.remove(id);
            if (marked.add(id)) {
                newlyMarked++;
            }
        }
        return newlyMarked;
    }

    @Override
    public synchronized List<FailedOutboxRow> recordFailedAttempts(List<FailedAttempt> failedAttempts, int maxAttempts) {
        attemptCalls.add(List.copyOf(failedAttempts));
        List<FailedOutboxRow> nowFailed = new ArrayList<>();
        for (FailedAttempt attempt : failedAttempts) {
            OrderEvent event = attempt.event();
            if (marked.contains(event.eventId()) || failed.contains(event.eventId())) {
                continue;
            }
            int count = attempts.merge(event.eventId(), 1, Integer::sum);
            if (count >= maxAttempts) {
                failed.add(event.eventId());
                nowFailed.add(new FailedOutboxRow(event.aggregateId(), event.sequence(), event.eventId(),
                        event.eventType().name(), count, attempt.reason(), Instant.EPOCH));
            }
        }
        return nowFailed;
    }

    @Override
    public synchronized boolean requeue(FailedOutboxRow row) {
        attempts.remove(row.eventId());
        return failed.remove(row.eventId());
    }

    /** The event ids of each markPublished call, in call order. */
    public synchronized List<List<String>> calls() {
        return List.copyOf(calls);
    }

    /** Every event id marked so far, in the order first marked. */
    public synchronized List<String> marked() {
        return List.copyOf(marked);
    }

    /** The attempts of each recordFailedAttempts call, in call order. */
    public synchronized List<List<FailedAttempt>> attemptCalls() {
        return List.copyOf(attemptCalls);
    }
}
