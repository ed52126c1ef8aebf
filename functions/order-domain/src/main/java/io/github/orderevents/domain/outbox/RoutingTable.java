package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.Priority;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which destinations each event type goes to, per lane (the order's {@link Priority}). Every lane must
 * route every event type to at least one destination: no event goes nowhere, and none falls back to
 * another lane's queues.
 */
public final class RoutingTable {
    private final Map<Priority, Map<EventType, List<Route>>> routes;

    public RoutingTable(Map<Priority, ? extends Map<EventType, List<Route>>> routes) {
        EnumMap<Priority, Map<EventType, List<Route>>> copy = new EnumMap<>(Priority.class);
        for (Priority lane : Priority.values()) {
            Map<EventType, List<Route>> ofLane = routes.get(lane);
            if (ofLane == null) {
                throw new IllegalArgumentException("no routes for lane " + lane.wireName()
                        + ": every lane needs a destination for every event type");
            }
            copy.put(lane, lane(lane, ofLane));
        }
        this.routes = copy;
    }

    private static Map<EventType, List<Route>> lane(Priority lane, Map<EventType, List<Route>> routes) {
        EnumMap<EventType, List<Route>> copy = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            List<Route> forType = routes.getOrDefault(type, List.of());
            if (forType.isEmpty()) {
                throw new IllegalArgumentException("no route for event type " + type + " in lane " + lane.wireName()
                        + ": every event type needs at least one destination");
            }
            if (forType.stream().map(Route::destination).distinct().count() != forType.size()) {
                throw new IllegalArgumentException("event type " + type + " in lane " + lane.wireName()
                        + " names a destination twice");
            }
            copy.put(type, List.copyOf(forType));
        }
        return copy;
    }

    public List<Route> routesFor(Priority lane, EventType type) {
        return routes.get(lane).get(type);
    }

    /** The destinations of {@code event}: its type's, in its order's lane. */
    public List<Route> routesFor(OrderEvent event) {
        return routesFor(event.priority(), event.eventType());
    }

    /** Every destination in the table, each once. */
    public List<String> destinations() {
        return routes.values().stream().flatMap(lane -> lane.values().stream()).flatMap(List::stream)
                .map(Route::destination).distinct().toList();
    }
}
