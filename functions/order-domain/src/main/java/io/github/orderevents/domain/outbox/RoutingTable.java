package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.EventType;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Which destinations each event type goes to. Every type must have at least one: no event goes nowhere. */
public final class RoutingTable {
    private final Map<EventType, List<Route>> routes;

    public RoutingTable(Map<EventType, List<Route>> routes) {
        EnumMap<EventType, List<Route>> copy = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            List<Route> forType = routes.getOrDefault(type, List.of());
            if (forType.isEmpty()) {
                throw new IllegalArgumentException("no route for event type " + type
                        + ": every event type needs at least one destination");
            }
            if (forType.stream().map(Route::destination).distinct().count() != forType.size()) {
                throw new IllegalArgumentException("event type " + type + " names a destination twice");
            }
            copy.put(type, List.copyOf(forType));
        }
        this.routes = copy;
    }

    public List<Route> routesFor(EventType type) {
        return routes.get(type);
    }

    /** Every destination in the table, each once. */
    public List<String> destinations() {
        return routes.values().stream().flatMap(List::stream).map(Route::destination).distinct().toList();
    }
}
