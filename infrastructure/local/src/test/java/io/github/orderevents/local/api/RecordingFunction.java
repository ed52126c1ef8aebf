package io.github.orderevents.local.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.orderevents.local.Json;
import io.github.orderevents.local.functions.LambdaFunction;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/** A fake function that records the events it gets and answers with whatever its behaviour returns. */
final class RecordingFunction implements LambdaFunction {
    private final String name;
    private final UnaryOperator<JsonNode> behaviour;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    RecordingFunction(String name, UnaryOperator<JsonNode> behaviour) {
        this.name = name;
        this.behaviour = behaviour;
    }

    /** Answers every event with {@code statusCode} and a text body. */
    static RecordingFunction answering(String name, int statusCode, String body) {
        return new RecordingFunction(name, event -> response(statusCode, body));
    }

    static ObjectNode response(int statusCode, String body) {
        ObjectNode response = Json.MAPPER.createObjectNode();
        response.put("statusCode", statusCode);
        response.put("body", body);
        return response;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public JsonNode invoke(JsonNode event) {
        events.add(event);
        return behaviour.apply(event);
    }

    List<JsonNode> events() {
        return events;
    }

    JsonNode lastEvent() {
        if (events.isEmpty()) {
            throw new AssertionError(name + " was not invoked");
        }
        return events.get(events.size() - 1);
    }
}
