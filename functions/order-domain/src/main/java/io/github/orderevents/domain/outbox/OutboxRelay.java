package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.OrderEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes outbox events to their destinations, in order, and marks the ones that arrived everywhere.
 * Every event a destination refused counts a failed attempt on its row, and a row whose attempts reach
 * {@code maxAttempts} becomes FAILED (see {@link Outbox#recordFailedAttempts}). Used by the stream relay and
 * the sweeper alike.
 */
public final class OutboxRelay {
    private final RoutingTable routes;
    private final EventPublisher publisher;
    private final Outbox outbox;
    private final int maxAttempts;

    /** @param maxAttempts publish attempts a row gets before it is FAILED, at least 1 */
    public OutboxRelay(RoutingTable routes, EventPublisher publisher, Outbox outbox, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.routes = routes;
        this.publisher = publisher;
        this.outbox = outbox;
        this.maxAttempts = maxAttempts;
    }

    /**
     * Sends {@code events} (in stream order) to every destination of their type. Stops a destination at
     * its first failed batch; the result names the first event, in input order, that did not reach all
     * its destinations. Only the events before it are marked PUBLISHED. Each event that a destination
     * refused counts one failed attempt, all in one call to the outbox; an event that was only held back
     * (behind a failed batch) was not tried and counts none. When every event arrived, the outbox sees
     * only the marking: failures cost nothing on the way that works.
     */
    public RelayResult relay(List<OrderEvent> events) {
        Map<String, SendFailure> refused = new HashMap<>();
        Map<String, SendFailure> heldBack = new HashMap<>();
        for (var perDestination : messagesByDestination(events).entrySet()) {
            send(perDestination.getKey(), perDestination.getValue(), refused, heldBack);
        }
        List<OrderEvent> published = new ArrayList<>();
        Optional<SendFailure> first = Optional.empty();
        for (OrderEvent event : events) {
            SendFailure failure = refused.getOrDefault(event.eventId(), heldBack.get(event.eventId()));
            if (failure != null) {
                first = Optional.of(failure);
                break;
            }
            published.add(event);
        }
        if (!published.isEmpty()) {
            outbox.markPublished(published);
        }
        List<FailedAttempt> attempts = events.stream().filter(event -> refused.containsKey(event.eventId()))
                .map(event -> new FailedAttempt(event, refused.get(event.eventId()).reason())).toList();
        List<FailedOutboxRow> nowFailed = attempts.isEmpty() ? List.of()
                : outbox.recordFailedAttempts(attempts, maxAttempts);
        return new RelayResult(published, first, nowFailed);
    }

    private Map<String, List<OutboundMessage>> messagesByDestination(List<OrderEvent> events) {
        Map<String, List<OutboundMessage>> byDestination = new LinkedHashMap<>();
        for (OrderEvent event : events) {
            for (Route route : routes.routesFor(event)) {
                byDestination.computeIfAbsent(route.destination(), d -> new ArrayList<>())
                        .add(new OutboundMessage(event, route.groupBy().of(event)));
            }
        }
        return byDestination;
    }

    private void send(String destination, List<OutboundMessage> messages, Map<String, SendFailure> refused,
                      Map<String, SendFailure> heldBack) {
        List<List<OutboundMessage>> batches = BatchPlanner.ofEntries(EventPublisher.MAX_BATCH).plan(messages, OutboundMessage::groupId);
        for (int i = 0; i < batches.size(); i++) {
            List<SendFailure> failures = publisher.publish(destination, batches.get(i));
            if (!failures.isEmpty()) {
                failures.forEach(f -> refused.putIfAbsent(f.eventId(), f));
                String reason = "not sent: an earlier batch to " + destination + " failed";
                batches.subList(i + 1, batches.size()).stream().flatMap(List::stream)
                        .forEach(m -> heldBack.putIfAbsent(m.event().eventId(),
                                new SendFailure(m.event().eventId(), reason)));
                return;
            }
        }
    }
}
