package io.github.orderevents.redrive;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the operator asked for:
 * {@code {"action": "peek"|"redrive", "queue", "eventIds"|"messageIds", "fix", "dryRun", "max"}}.
 * Parsing is strict (unknown fields, wrong types and JSON nulls are refused): a typo in a selector
 * must never widen a redrive to the whole queue.
 */
record RedriveRequest(Action action, String queue, Selector selector, Optional<BodyFix> fix, boolean dryRun, int max) {
    static final int DEFAULT_MAX = 100;
    static final int MAX_MAX = 1000;
    private static final int MAX_ID_LENGTH = 256;
    private static final Set<String> FIELDS = Set.of("action", "queue", "eventIds", "messageIds", "fix", "dryRun", "max");
    /** Every action of the tool, for the error that names them: the outbox ones are {@link OutboxRequest}'s. */
    static final String ACTIONS = "\"peek\", \"redrive\" (dead-letter queues), \"peekOutbox\" or \"requeueOutbox\" (FAILED outbox rows)";
    private static final Set<String> FIX_FIELDS = Set.of("set", "remove", "replaceBody");

    enum Action {
        PEEK("peek"), REDRIVE("redrive");

        private final String json;

        Action(String json) {
            this.json = json;
        }

        String json() {
            return json;
        }
    }

    /** @throws BadRequest naming the field at fault */
    static RedriveRequest parse(byte[] json, Set<String> queueNames) {
        return parse(readTree(json), queueNames);
    }

    /** @throws BadRequest naming the field at fault */
    static RedriveRequest parse(JsonNode root, Set<String> queueNames) {
        for (var names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new BadRequest(name, "unknown field \"" + name + "\"; allowed: action, queue, eventIds, "
                        + "messageIds, fix, dryRun, max");
            }
        }
        Action action = action(root.get("action"));
        String queue = queue(root.get("queue"), queueNames);
        Selector selector = selector(root);
        Optional<BodyFix> fix = root.has("fix") ? Optional.of(fix(root.get("fix"), action, selector)) : Optional.empty();
        boolean dryRun = dryRun(root.get("dryRun"));
        int max = max(root.get("max"));
        return new RedriveRequest(action, queue, selector, fix, dryRun, max);
    }

    /** The request as a JSON object. @throws BadRequest when it is not one */
    static JsonNode readTree(byte[] json) {
        JsonNode root;
        try {
            root = json.length == 0 ? null : BodyFix.TREES.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadRequest(null, "request is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequest(null, "request could not be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new BadRequest(null, "request is empty; expected {\"action\": \"peek\" | \"redrive\", \"queue\": \"...\"}"
                    + " or {\"action\": \"peekOutbox\" | \"requeueOutbox\"}");
        }
        if (!root.isObject()) {
            throw new BadRequest(null, "request must be a JSON object");
        }
        return root;
    }

    private static Action action(JsonNode node) {
        if (node == null) {
            throw new BadRequest("action", "action is required: " + ACTIONS);
        }
        for (Action action : Action.values()) {
            if (node.isTextual() && action.json().equals(node.asText())) {
                return action;
            }
        }
        throw new BadRequest("action", "action must be " + ACTIONS + ", was " + node);
    }

    private static String queue(JsonNode node, Set<String> queueNames) {
        if (node == null) {
            throw new BadRequest("queue", "queue is required: one of " + String.join(", ", queueNames));
        }
        if (!node.isTextual() || !queueNames.contains(node.asText())) {
            throw new BadRequest("queue", "unknown queue " + node + "; known: " + String.join(", ", queueNames));
        }
        return node.asText();
    }

    private static Selector selector(JsonNode root) {
        if (root.has("eventIds") && root.has("messageIds")) {
            throw new BadRequest("messageIds", "give eventIds or messageIds, not both");
        }
        if (root.has("eventIds")) {
            return new Selector.ByEventId(ids("eventIds", root.get("eventIds")));
        }
        if (root.has("messageIds")) {
            return new Selector.ByMessageId(ids("messageIds", root.get("messageIds")));
        }
        return new Selector.All();
    }

    private static Set<String> ids(String field, JsonNode node) {
        // An empty list is refused rather than read as "all": it is more likely a script's empty result.
        if (!node.isArray() || node.isEmpty()) {
            throw new BadRequest(field, field + " must be a non-empty array of strings (leave it out to select every message)");
        }
        if (node.size() > MAX_MAX) {
            throw new BadRequest(field, field + " may hold at most " + MAX_MAX + " ids");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode id = node.get(i);
            if (!id.isTextual() || id.asText().isBlank() || id.asText().length() > MAX_ID_LENGTH) {
                throw new BadRequest(field + "[" + i + "]", field + "[" + i + "] must be a non-blank string of at most "
                        + MAX_ID_LENGTH + " characters");
            }
            ids.add(id.asText());
        }
        return ids;
    }

    private static BodyFix fix(JsonNode node, Action action, Selector selector) {
        if (action != Action.REDRIVE) {
            throw new BadRequest("fix", "fix is only allowed with action \"redrive\"");
        }
        if (!node.isObject() || node.isEmpty()) {
            throw new BadRequest("fix", "fix must be an object with \"set\" and/or \"remove\", or with \"replaceBody\"");
        }
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIX_FIELDS.contains(name)) {
                throw new BadRequest("fix." + name, "unknown field \"fix." + name + "\"; allowed: set, remove, replaceBody");
            }
        }
        if (node.has("replaceBody")) {
            return replaceBody(node, selector);
        }
        Map<JsonPointer, JsonNode> set = new LinkedHashMap<>();
        if (node.has("set")) {
            JsonNode edits = node.get("set");
            if (!edits.isObject() || edits.isEmpty()) {
                throw new BadRequest("fix.set", "fix.set must be a non-empty object of JSON Pointer -> new value");
            }
            for (var edit : edits.properties()) {
                set.put(pointer("fix.set", edit.getKey()), edit.getValue());
            }
        }
        List<JsonPointer> remove = new ArrayList<>();
        if (node.has("remove")) {
            JsonNode pointers = node.get("remove");
            if (!pointers.isArray() || pointers.isEmpty()) {
                throw new BadRequest("fix.remove", "fix.remove must be a non-empty array of JSON Pointers");
            }
            for (int i = 0; i < pointers.size(); i++) {
                if (!pointers.get(i).isTextual()) {
                    throw new BadRequest("fix.remove[" + i + "]", "fix.remove[" + i + "] must be a JSON Pointer string");
                }
                remove.add(pointer("fix.remove[" + i + "]", pointers.get(i).asText()));
            }
        }
        return new BodyFix.PointerEdits(set, remove);
    }

    private static BodyFix replaceBody(JsonNode node, Selector selector) {
        if (node.has("set") || node.has("remove")) {
            throw new BadRequest("fix.replaceBody", "fix.replaceBody replaces the whole body; it cannot be combined with set or remove");
        }
        // A hand-written body belongs to one message: applied to several, it would send the same event twice.
        if (!(selector instanceof Selector.ByMessageId byId) || byId.ids().size() != 1) {
            throw new BadRequest("fix.replaceBody", "fix.replaceBody needs exactly one messageId (\"messageIds\": [\"<id>\"])");
        }
        JsonNode body = node.get("replaceBody");
        if (!body.isTextual() || body.asText().isEmpty()) {
            throw new BadRequest("fix.replaceBody", "fix.replaceBody must be a non-empty string: the new body text");
        }
        return new BodyFix.ReplaceBody(body.asText());
    }

    private static JsonPointer pointer(String field, String text) {
        try {
            return BodyFix.pointer(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(field, e.getMessage());
        }
    }

    private static boolean dryRun(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new BadRequest("dryRun", "dryRun must be true or false");
        }
        return node.booleanValue();
    }

    private static int max(JsonNode node) {
        if (node == null) {
            return DEFAULT_MAX;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1 || node.intValue() > MAX_MAX) {
            throw new BadRequest("max", "max must be a whole number from 1 to " + MAX_MAX + ", was " + node);
        }
        return node.intValue();
    }
}
