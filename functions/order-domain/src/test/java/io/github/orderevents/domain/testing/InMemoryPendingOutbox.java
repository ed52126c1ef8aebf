package io.github.orderevents.domain.testing;

import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.outbox.FailedAttempt;
import io.github.orderevents.domain.outbox.FailedOutboxRow;
import io.github.orderevents.domain.outbox.Outbox;
import io.github.orderevents.domain.outbox.PendingOutbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Outbox rows in memory: PENDING until marked PUBLISHED, or FAILED once their attempts run out; records every
 * {@link #pendingSince} and {@link #recordFailedAttempts} call. Rows with equal {@code occurredAt} come back in
 * the order they were added. Passes {@code PendingOutboxContract} and {@code OutboxContract}.
 */
public final class InMemoryPendingOutbox implements PendingOutbox, Outbox {

    /** One {@link #pendingSince} call as it was made. */
    public record Query(Instant cutoff, int limit) {
    }

    /** A row's publication state. */
    public enum Status { PENDING, PUBLISHED, FAILED }

    private static final class Row {
        final OrderEvent event;
        Status status = Status.PENDING;
        int attempts;
        String lastError;
        Instant failedAt;

        Row(OrderEvent event) {
            this.event = event;
        }

        FailedOutboxRow failed() {
            return new FailedOutboxRow(event.aggregateId(), event.sequence(), event.eventId(),
                    event.eventType().name(), attempts, lastError, failedAt);
        }
    }

    private final Clock clock;
    private final List<Row> rows = new ArrayList<>();
    private final Set<String> published = new LinkedHashSet<>();
    private final List<Query> queries = new ArrayList<>();
    private final List<List<FailedAttempt>> attemptCalls = new ArrayList<>();
    private int failedReads;

    public InMemoryPendingOutbox() {
        this(Clock.systemUTC());
    }

    /** @param clock the time FAILED rows are stamped with */
    public InMemoryPendingOutbox(Clock clock) {
        this.clock = clock;
    }

    /** Adds PENDING rows, in this order. */
    public synchronized InMemoryPendingOutbox add(OrderEvent... events) {
        for (OrderEvent event : events) {
            rows.add(new Row(event));
        }
        return this;
    }

    /** Adds a row that is FAILED already, after {@code attempts} attempts, the last refused for {@code lastError}. */
    public synchronized InMemoryPendingOutbox addFailed(OrderEvent event, int attempts, String lastError) {
        Row row = new Row(event);
        row.status = Status.FAILED;
        row.attempts = attempts;
        row.lastError = lastError;
        row.failedAt = clock.instant();
        rows.add(row);
        return this;
    }

    @Override
    public synchronized List<OrderEvent> pendingSince(Instant cutoff, int limit) {
        queries.add(new Query(cutoff, limit));
        return rows.stream()
                .filter(row -> row.status == Status.PENDING && row.event.occurredAt().isBefore(cutoff))
                .map(row -> row.event)
                .sorted(Comparator.comparing(OrderEvent::occurredAt))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<FailedOutboxRow> failed(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        failedReads++;
        return rows.stream().filter(row -> row.status == Status.FAILED)
                .sorted(Comparator.comparing(row -> row.event.occurredAt()))
                .limit(limit).map(Row::failed).toList();
    }

    @Override
    public synchronized int markPublished(List<OrderEvent> events) {
        int marked = 0;
        for (OrderEvent event : events) {
            Optional<Row> row = row(event.eventId());
            if (row.isPresent() && row.get().status != Status.PUBLISHED) {
                row.get().status = Status.PUBLISHED;
                published.add(event.eventId());
                marked++;
            }
        }
        return marked;
    }

    @Override
    public synchronized List<FailedOutboxRow> recordFailedAttempts(List<FailedAttempt> attempts, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        attemptCalls.add(List.copyOf(attempts));
        List<FailedOutboxRow> nowFailed = new ArrayList<>();
        for (FailedAttempt attempt : attempts) {
            Optional<Row> found = row(attempt.event().eventId());
            if (found.isEmpty() || found.get().status != Status.PENDING) {
                continue;
            }
            Row row = found.get();
            row.attempts++;
            row.lastError = attempt.reason();
            if (row.attempts >= maxAttempts) {
                row.status = Status.FAILED;
                row.failedAt = clock.instant();
                nowFailed.add(row.failed());
            }
        }
        return nowFailed;
    }

    @Override
    public synchronized boolean requeue(FailedOutboxRow failed) {
        Optional<Row> found = row(failed.eventId());
        if (found.isEmpty() || found.get().status != Status.FAILED) {
            return false;
        }
        Row row = found.get();
        row.status = Status.PENDING;
        row.attempts = 0;
        row.lastError = null;
        row.failedAt = null;
        return true;
    }

    private Optional<Row> row(String eventId) {
        return rows.stream().filter(row -> row.event.eventId().equals(eventId)).findFirst();
    }

    public synchronized List<Query> queries() {
        return List.copyOf(queries);
    }

    /** How many times {@link #failed} was called. */
    public synchronized int failedReads() {
        return failedReads;
    }

    /** The attempts of each {@link #recordFailedAttempts} call, in call order. */
    public synchronized List<List<FailedAttempt>> attemptCalls() {
        return List.copyOf(attemptCalls);
    }

    /** Every event id marked PUBLISHED, in the order first marked. */
    public synchronized List<String> published() {
        return List.copyOf(published);
    }

    public synchronized boolean isPending(String eventId) {
        return row(eventId).map(row -> row.status == Status.PENDING).orElse(false);
    }

    /** The row's state, or empty when there is no row of this event. */
    public synchronized Optional<Status> status(String eventId) {
        return row(eventId).map(row -> row.status);
    }

    /** The attempts counted on the row (0 when there is none). */
    public synchronized int attempts(String eventId) {
        return row(eventId).map(row -> row.attempts).orElse(0);
    }

    /** The row's last error, if an attempt failed since it was written or requeued. */
    public synchronized Optional<String> lastError(String eventId) {
        return row(eventId).map(row -> row.lastError);
    }
}
