package io.github.orderevents.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.Priority;
import io.github.orderevents.domain.outbox.GroupKey;
import io.github.orderevents.domain.outbox.Route;
import io.github.orderevents.domain.outbox.RoutingTable;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads the routing table from the {@code OUTBOX_ROUTES} variable that template.yaml sets, lane by lane:
 * {@code {"standard": {"OrderPlaced": [{"queueUrl": "...", "groupBy": "orderId"}, ...], ...}, "express": {...}}}.
 * A mistake (a lane or an event type missing or unknown, a route without a queue) fails the function at
 * start, naming what is wrong, rather than sending an event to the wrong place.
 */
public final class RoutingConfig {
    public static final String VARIABLE = "OUTBOX_ROUTES";

    private RoutingConfig() {
    }

    public static RoutingTable parse(String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(VARIABLE + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalStateException(VARIABLE + " must be a JSON object of lane -> event type -> routes");
        }
        Map<Priority, Map<EventType, List<Route>>> lanes = new EnumMap<>(Priority.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            var field = it.next();
            Priority lane = Priority.parse(field.getKey()).orElseThrow(() -> new IllegalStateException(
                    VARIABLE + " names unknown lane '" + field.getKey() + "' (standard or express)"));
            if (!field.getValue().isObject()) {
                throw new IllegalStateException(VARIABLE + ": lane " + lane.wireName()
                        + " must be a JSON object of event type -> routes");
            }
            lanes.put(lane, lane(lane, field.getValue()));
        }
        try {
            return new RoutingTable(lanes);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(VARIABLE + ": " + e.getMessage());
        }
    }

    private static Map<EventType, List<Route>> lane(Priority lane, JsonNode json) {
        String where = " in lane " + lane.wireName();
        Map<EventType, List<Route>> routes = new EnumMap<>(EventType.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            var field = it.next();
            EventType type = EventType.parse(field.getKey()).orElseThrow(() -> new IllegalStateException(
                    VARIABLE + " names unknown event type '" + field.getKey() + "'" + where));
            if (!field.getValue().isArray()) {
                throw new IllegalStateException(VARIABLE + ": the routes of " + type + where + " must be a JSON array");
            }
            List<Route> forType = new ArrayList<>();
            for (JsonNode route : field.getValue()) {
                if (!route.isObject()) {
                    throw new IllegalStateException(VARIABLE + ": a route of " + type + where
                            + " must be an object {\"queueUrl\": ..., \"groupBy\": ...}");
                }
                String queueUrl = route.path("queueUrl").asText("");
                String groupBy = route.path("groupBy").asText("");
                if (queueUrl.isBlank()) {
                    throw new IllegalStateException(VARIABLE + ": a route of " + type + where + " has no queueUrl");
                }
                GroupKey key;
                try {
                    key = GroupKey.valueOf(groupBy);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(VARIABLE + ": groupBy of " + type + where
                            + " must be orderId or customerId, was '" + groupBy + "'");
                }
                forType.add(new Route(queueUrl, key));
            }
            routes.put(type, forType);
        }
        return routes;
    }
}
