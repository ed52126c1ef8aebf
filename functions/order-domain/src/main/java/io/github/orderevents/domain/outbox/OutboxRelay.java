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
 * Used by the stream relay and the sweeper alike.
 */
public final class OutboxRelay {
    private final RoutingTable routes;
    private final EventPublisher publisher;
    private final Outbox outbox;

    public OutboxRelay(RoutingTable routes, EventPublisher publisher, Outbox outbox) {
        this.routes = routes;
        this.publisher = publisher;
        this.outbox = outbox;
    }

    /**
     * Sends {@code events} (in stream order) to every destination of their type. Stops a destination at
     * its first failed batch; the result names the first event, in input order, that did not reach all
     * its destinations. Only the events before it are marked PUBLISHED.
     */
    public RelayResult relay(List<OrderEvent> events) {
        Map<String, SendFailure> unpublished = new HashMap<>();
        for (var perDestination : messagesByDestination(events).entrySet()) {
            send(perDestination.getKey(), perDestination.getValue(), unpublished);
        }
        List<OrderEvent> published = new ArrayList<>();
        Optional<SendFailure> first = Optional.empty();
        for (OrderEvent event : events) {
            SendFailure failure = unpublished.get(event.eventId());
            if (failure != null) {
                first = Optional.of(failure);
                break;
            }
            published.add(event);
        }
        if (!published.isEmpty()) {
            outbox.markPublished(published);
        }
        return new RelayResult(published, first);
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

    private void send(String destination, List<OutboundMessage> messages, Map<String, SendFailure> unpublished) {
        List<List<OutboundMessage>> batches = BatchPlanner.ofEntries(EventPublisher.MAX_BATCH).plan(messages, OutboundMessage::groupId);
        for (int i = 0; i < batches.size(); i++) {
            List<SendFailure> failures = publisher.publish(destination, batches.get(i));
            if (!failures.isEmpty()) {
                failures.forEach(f -> unpublished.putIfAbsent(f.eventId(), f));
                String reason = "not sent: an earlier batch to " + destination + " failed";
                batches.subList(i + 1, batches.size()).stream().flatMap(List::stream)
                        .forEach(m -> unpublished.putIfAbsent(m.event().eventId(),
                                new SendFailure(m.event().eventId(), reason)));
                return;
            }
        }
    }
}
