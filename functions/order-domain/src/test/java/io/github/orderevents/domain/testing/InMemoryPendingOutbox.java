package io.github.orderevents.domain.testing;

import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.outbox.Outbox;
import io.github.orderevents.domain.outbox.PendingOutbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Outbox rows in memory: PENDING until marked PUBLISHED; records every {@link #pendingSince} call.
 * Rows with equal {@code occurredAt} come back in the order they were added. Passes {@code PendingOutboxContract}.
 */
public final class InMemoryPendingOutbox implements PendingOutbox, Outbox {

    /** One {@link #pendingSince} call as it was made. */
    public record Query(Instant cutoff, int limit) {
    }

    private final List<OrderEvent> rows = new ArrayList<>();
    private final Set<String> published = new LinkedHashSet<>();
    private final List<Query> queries = new ArrayList<>();

    /** Adds PENDING rows, in this order. */
    public synchronized InMemoryPendingOutbox add(OrderEvent... events) {
        rows.addAll(List.of(events));
        return this;
    }

    @Override
    public synchronized List<OrderEvent> pendingSince(Instant cutoff, int limit) {
        queries.add(new Query(cutoff, limit));
        return rows.stream()
                .filter(e -> !published.contains(e.eventId()) && e.occurredAt().isBefore(cutoff))
                .sorted(Comparator.comparing(OrderEvent::occurredAt))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized int markPublished(List<OrderEvent> events) {
        int marked = 0;
        for (OrderEvent event : events) {
            boolean stored = rows.stream().anyMatch(row -> row.eventId().equals(event.eventId()));
            if (stored && published.add(event.eventId())) {
                marked++;
            }
        }
        return marked;
    }

    public synchronized List<Query> queries() {
        return List.copyOf(queries);
    }

    /** Every event id marked PUBLISHED, in the order marked. */
    public synchronized List<String> published() {
        return List.copyOf(published);
    }

    public synchronized boolean isPending(String eventId) {
        return rows.stream().anyMatch(row -> row.eventId().equals(eventId)) && !published.contains(eventId);
    }
}
