package io.github.orderevents.redrive;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the operator asked of the FAILED outbox rows: {@code {"action": "peekOutbox"|"requeueOutbox",
 * "eventIds", "dryRun", "max"}}. {@code peekOutbox} lists them; {@code requeueOutbox} puts them back
 * (all examined rows, or those of {@code eventIds}). Parsed as strictly as {@link RedriveRequest}.
 *
 * @param eventIds the rows to requeue; empty means every examined row
 */
record OutboxRequest(Action action, Set<String> eventIds, boolean dryRun, int max) {
    private static final int MAX_ID_LENGTH = 256;
    private static final Set<String> FIELDS = Set.of("action", "eventIds", "dryRun", "max");

    enum Action {
        PEEK_OUTBOX("peekOutbox"), REQUEUE_OUTBOX("requeueOutbox");

        private final String json;

        Action(String json) {
            this.json = json;
        }

        String json() {
            return json;
        }

        static Optional<Action> of(JsonNode node) {
            for (Action action : values()) {
                if (node != null && node.isTextual() && action.json.equals(node.asText())) {
                    return Optional.of(action);
                }
            }
            return Optional.empty();
        }
    }

    OutboxRequest {
        eventIds = Collections.unmodifiableSet(new LinkedHashSet<>(eventIds));
    }

    /** Whether this request is one of the outbox actions (any other is {@link RedriveRequest}'s to parse). */
    static boolean isOutboxAction(JsonNode root) {
        return Action.of(root.get("action")).isPresent();
    }

    /** @throws BadRequest naming the field at fault */
    static OutboxRequest parse(JsonNode root) {
        Action action = Action.of(root.get("action"))
                .orElseThrow(() -> new BadRequest("action", "action must be " + RedriveRequest.ACTIONS));
        for (var names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.equals("queue")) {
                throw new BadRequest("queue", "queue does not apply to " + action.json()
                        + ": FAILED outbox rows are in the outbox table, not in a queue");
            }
            if (!FIELDS.contains(name)) {
                throw new BadRequest(name, "unknown field \"" + name + "\" for " + action.json()
                        + "; allowed: action, eventIds, dryRun, max");
            }
        }
        Set<String> eventIds = root.has("eventIds") ? eventIds(action, root.get("eventIds")) : Set.of();
        boolean dryRun = false;
        if (root.has("dryRun")) {
            if (action != Action.REQUEUE_OUTBOX) {
                throw new BadRequest("dryRun", "dryRun only applies to requeueOutbox");
            }
            if (!root.get("dryRun").isBoolean()) {
                throw new BadRequest("dryRun", "dryRun must be true or false");
            }
            dryRun = root.get("dryRun").booleanValue();
        }
        return new OutboxRequest(action, eventIds, dryRun, max(root.get("max")));
    }

    private static Set<String> eventIds(Action action, JsonNode node) {
        if (action != Action.REQUEUE_OUTBOX) {
            throw new BadRequest("eventIds", "eventIds only applies to requeueOutbox; peekOutbox lists every FAILED row");
        }
        // An empty list is refused rather than read as "all": it is more likely a script's empty result.
        if (!node.isArray() || node.isEmpty()) {
            throw new BadRequest("eventIds", "eventIds must be a non-empty array of strings (leave it out to requeue every row examined)");
        }
        if (node.size() > RedriveRequest.MAX_MAX) {
            throw new BadRequest("eventIds", "eventIds may hold at most " + RedriveRequest.MAX_MAX + " ids");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode id = node.get(i);
            if (!id.isTextual() || id.asText().isBlank() || id.asText().length() > MAX_ID_LENGTH) {
                throw new BadRequest("eventIds[" + i + "]", "eventIds[" + i + "] must be a non-blank string of at most "
                        + MAX_ID_LENGTH + " characters");
            }
            ids.add(id.asText());
        }
        return ids;
    }

    private static int max(JsonNode node) {
        if (node == null) {
            return RedriveRequest.DEFAULT_MAX;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1 || node.intValue() > RedriveRequest.MAX_MAX) {
            throw new BadRequest("max", "max must be a whole number from 1 to " + RedriveRequest.MAX_MAX + ", was " + node);
        }
        return node.intValue();
    }
}
