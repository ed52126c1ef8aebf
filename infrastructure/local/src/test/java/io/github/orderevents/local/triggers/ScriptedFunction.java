package io.github.orderevents.local.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.github.orderevents.local.Json;
import io.github.orderevents.local.functions.FunctionErrorException;
import io.github.orderevents.local.functions.LambdaFunction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A function for trigger tests: records every event, and answers as scripted: queued answers first
 * (one per invocation), then the standing rule (by default success with an empty response).
 */
final class ScriptedFunction implements LambdaFunction {
    private final List<JsonNode> events = new ArrayList<>();
    private final Deque<Function<JsonNode, JsonNode>> next = new ArrayDeque<>();
    private Function<JsonNode, JsonNode> always = event -> NullNode.getInstance();

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public synchronized JsonNode invoke(JsonNode event) {
        events.add(event);
        return (next.isEmpty() ? always : next.poll()).apply(event);
    }

    /** The next invocation throws (a function error). */
    synchronized ScriptedFunction failNext() {
        next.add(event -> {
            throw error();
        });
        return this;
    }

    /** The next invocation reports the record at {@code index} of its batch as the first failure. */
    synchronized ScriptedFunction reportFailureNext(int index) {
        next.add(event -> failure(event.get("Records").get(index).get("dynamodb").get("SequenceNumber").asText()));
        return this;
    }

    /** The next invocation reports the records at {@code indexes} of its batch as failed, in that order. */
    synchronized ScriptedFunction reportFailuresNext(int... indexes) {
        next.add(event -> {
            var failures = Json.MAPPER.createArrayNode();
            for (int index : indexes) {
                failures.addObject().put("itemIdentifier",
                        event.get("Records").get(index).get("dynamodb").get("SequenceNumber").asText());
            }
            return Json.MAPPER.createObjectNode().set("batchItemFailures", failures);
        });
        return this;
    }

    /** The next invocation answers {@code response}. */
    synchronized ScriptedFunction answerNext(JsonNode response) {
        next.add(event -> response);
        return this;
    }

    /** From now on, every invocation whose batch holds a record with one of {@code ids} throws. */
    synchronized ScriptedFunction failWhenBatchHolds(String... ids) {
        Predicate<JsonNode> holds = event -> ids(event).stream().anyMatch(List.of(ids)::contains);
        always = event -> {
            if (holds.test(event)) {
                throw error();
            }
            return NullNode.getInstance();
        };
        return this;
    }

    /** From now on, every invocation reports the record with {@code id}, if its batch holds it, as failed. */
    synchronized ScriptedFunction reportFailureOf(String id) {
        always = event -> {
            for (JsonNode record : event.get("Records")) {
                if (id.equals(id(record))) {
                    return failure(record.get("dynamodb").get("SequenceNumber").asText());
                }
            }
            return NullNode.getInstance();
        };
        return this;
    }

    synchronized ScriptedFunction failAlways() {
        always = event -> {
            throw error();
        };
        return this;
    }

    synchronized ScriptedFunction succeedAlways() {
        always = event -> NullNode.getInstance();
        return this;
    }

    synchronized List<JsonNode> events() {
        return List.copyOf(events);
    }

    /** The records of every invocation, flattened. */
    synchronized List<JsonNode> records() {
        List<JsonNode> records = new ArrayList<>();
        events.forEach(e -> e.get("Records").forEach(records::add));
        return records;
    }

    /** Per invocation, the ids (the items' "id" key) of its records. */
    synchronized List<List<String>> batches() {
        return events.stream().map(ScriptedFunction::ids).toList();
    }

    static List<String> ids(JsonNode event) {
        List<String> ids = new ArrayList<>();
        event.get("Records").forEach(r -> ids.add(id(r)));
        return ids;
    }

    static String id(JsonNode record) {
        return record.get("dynamodb").get("Keys").get("id").get("S").asText();
    }

    static JsonNode failure(String sequenceNumber) {
        return Json.MAPPER.createObjectNode().set("batchItemFailures", Json.MAPPER.createArrayNode()
                .add(Json.MAPPER.createObjectNode().put("itemIdentifier", sequenceNumber)));
    }

    private FunctionErrorException error() {
        return new FunctionErrorException(name(), new IllegalStateException("scripted failure"));
    }
}
