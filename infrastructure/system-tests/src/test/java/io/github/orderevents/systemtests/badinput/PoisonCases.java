package io.github.orderevents.systemtests.badinput;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.orderevents.aws.Json;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The poison queue bodies of the bad-input suite: each kind of body a consumer must park in its DLQ at
 * once, with a park reason that names the problem ({@code reasonNames}, compared ignoring case).
 */
final class PoisonCases {
    /** A consumer: the queue a kind is sent to and the DLQ it must be parked in. */
    enum Target {
        INVENTORY("InventoryQueue", "InventoryDeadLetterQueue"),
        NOTIFICATIONS("NotificationsQueue", "NotificationsDeadLetterQueue"),
        INVENTORY_EXPRESS("InventoryExpressQueue", "InventoryExpressDeadLetterQueue"),
        NOTIFICATIONS_EXPRESS("NotificationsExpressQueue", "NotificationsExpressDeadLetterQueue");

        final String queue;
        final String deadLetterQueue;

        Target(String queue, String deadLetterQueue) {
            this.queue = queue;
            this.deadLetterQueue = deadLetterQueue;
        }
    }

    /** One kind of poison: its body, which consumers it is sent to, and what its park reason must name. */
    record Kind(String name, Set<Target> sentTo, String body, String reasonNames) {
    }

    private static final Set<Target> BOTH = Set.of(Target.INVENTORY, Target.NOTIFICATIONS);
    private static final Set<Target> INVENTORY = Set.of(Target.INVENTORY);
    /** Every consumer of both lanes: the express consumers park in their own DLQs. */
    private static final Set<Target> EVERY_LANE = Set.of(Target.values());

    private PoisonCases() {
    }

    static List<Kind> all() {
        return List.of(
                // Not an envelope at all.
                both("plain text", "hello, inventory: please ship order 42", "not valid JSON"),
                both("only whitespace", " \n ", "empty"),
                both("the JSON literal null", "null", "not a JSON object"),
                both("an empty JSON object", "{}", "schemaVersion"),
                both("a JSON array holding an envelope", "[" + envelope(e -> { }) + "]", "not a JSON object"),
                both("a JSON string", "\"OrderPlaced\"", "not a JSON object"),
                both("an envelope with a duplicate key", envelope(e -> { }).replaceFirst("\\{", "{\"eventType\": \"OrderPlaced\", "),
                        "not valid JSON"),
                both("an envelope followed by garbage", envelope(e -> { }) + " trailing", "not valid JSON"),
                both("200 KB of junk", "#@!%&<>".repeat(200_000 / 7), "not valid JSON"),
                both("unicode junk", "\uD83D\uDCA5\uD83D\uDE43 \u202Edesrever\u202C \uFDFA \uD835\uDD4F \u6F22\u5B57 \uFFFC", "not valid JSON"),
                both("arrays nested 1500 deep in the payload",
                        envelope(e -> e.putObject("payload").put("deep", "DEEP")).replace("\"DEEP\"", "[".repeat(1500) + "]".repeat(1500)),
                        "not valid JSON"),
                // A number no BigDecimal can hold: Jackson throws NumberFormatException, not a JsonProcessingException.
                both("a number with an exponent past BigDecimal's range",
                        envelope(e -> payload(e).put("total", "HUGE")).replace("\"HUGE\"", "1e99999999999999999999"),
                        "JSON"),
                // Each required envelope field missing.
                both("schemaVersion missing", envelope(e -> e.remove("schemaVersion")), "schemaVersion"),
                both("eventType missing", envelope(e -> e.remove("eventType")), "eventType"),
                both("sequence missing", envelope(e -> e.remove("sequence")), "sequence"),
                both("occurredAt missing", envelope(e -> e.remove("occurredAt")), "occurredAt"),
                both("payload missing", envelope(e -> e.remove("payload")), "payload"),
                both("eventId missing", envelope(e -> e.remove("eventId")), "eventId"),
                both("aggregateId missing", envelope(e -> e.remove("aggregateId")), "aggregateId"),
                both("customerId missing", envelope(e -> e.remove("customerId")), "customerId"),
                // Wrong types and values.
                both("eventType a number", envelope(e -> e.put("eventType", 1)), "eventType"),
                both("eventId a number", envelope(e -> e.put("eventId", 42)), "eventId"),
                both("sequence a string", envelope(e -> e.put("sequence", "1")), "sequence"),
                both("schemaVersion a string", envelope(e -> e.put("schemaVersion", "1")), "schemaVersion"),
                both("unknown eventType", envelope(e -> e.put("eventType", "OrderShipped")), "unknown eventType"),
                both("eventType in the wrong case", envelope(e -> e.put("eventType", "orderPlaced")), "unknown eventType"),
                both("eventType with a control character", envelope(e -> e.put("eventType", "Order\u0001Placed")), "unknown eventType"),
                inventory("OrderConfirmed, which inventory does not handle", envelope(e -> e.put("eventType", "OrderConfirmed")),
                        "not handled"),
                both("schemaVersion 2", envelope(e -> e.put("schemaVersion", 2)), "schemaVersion 2"),
                // 2^64 + 1: as a long it wraps to 1, the supported version.
                both("schemaVersion 2^64 + 1", envelope(e -> e.put("schemaVersion", BigInteger.TWO.pow(64).add(BigInteger.ONE))),
                        "schemaVersion"),
                both("eventId with forbidden characters", envelope(e -> e.put("eventId", "../evt 1;DROP TABLE")), "eventId"),
                both("eventId of 129 characters", envelope(e -> e.put("eventId", "e".repeat(129))), "eventId"),
                both("negative sequence", envelope(e -> e.put("sequence", -1)), "sequence"),
                both("sequence 0", envelope(e -> e.put("sequence", 0)), "sequence"),
                both("sequence past a long", envelope(e -> e.put("sequence", BigInteger.TWO.pow(64))), "sequence"),
                both("occurredAt garbage", envelope(e -> e.put("occurredAt", "yesterday at noon")), "occurredAt"),
                both("payload an array", envelope(e -> e.putArray("payload").add("items")), "payload"),
                both("payload a string", envelope(e -> e.put("payload", "{\"items\": []}")), "payload"),
                // The lane: absent is standard, anything but a lane's name is refused, on either lane's queues.
                everyLane("priority that is no lane", envelope(e -> e.put("priority", "urgent")), "priority 'urgent'"),
                everyLane("priority in capitals", envelope(e -> e.put("priority", "EXPRESS")), "priority 'EXPRESS'"),
                everyLane("priority a number", envelope(e -> e.put("priority", 1)), "priority is not a string"),
                everyLane("plain text on either lane", "express, please", "not valid JSON"),
                // Envelopes that are fine, with an OrderPlaced payload inventory cannot read.
                inventory("OrderPlaced whose items is a string", envelope(e -> payload(e).put("items", "SKU-1 x2")), "items"),
                inventory("OrderPlaced with no items", envelope(e -> payload(e).putArray("items")), "no items"),
                inventory("OrderPlaced with an item of quantity 0",
                        envelope(e -> firstItem(e).put("quantity", 0)), "quantity"),
                inventory("OrderPlaced with an item without sku",
                        envelope(e -> firstItem(e).remove("sku")), "sku"));
    }

    private static ObjectNode payload(ObjectNode envelope) {
        return envelope.withObjectProperty("payload");
    }

    private static ObjectNode firstItem(ObjectNode envelope) {
        return (ObjectNode) payload(envelope).withArray("items").get(0);
    }

    private static Kind both(String name, String body, String reasonNames) {
        return new Kind(name, BOTH, body, reasonNames);
    }

    private static Kind everyLane(String name, String body, String reasonNames) {
        return new Kind(name, EVERY_LANE, body, reasonNames);
    }

    private static Kind inventory(String name, String body, String reasonNames) {
        return new Kind(name, INVENTORY, body, reasonNames);
    }

    /**
     * A valid OrderPlaced envelope of an order that does not exist, changed by {@code change}. Unchanged it
     * would be consumed; each kind breaks exactly one thing.
     */
    private static String envelope(Consumer<ObjectNode> change) {
        String orderId = "ord-poison-" + UUID.randomUUID();
        ObjectNode envelope = Json.MAPPER.createObjectNode();
        envelope.put("eventId", UUID.randomUUID().toString());
        envelope.put("eventType", "OrderPlaced");
        envelope.put("aggregateId", orderId);
        envelope.put("customerId", "cust-poison");
        envelope.put("sequence", 1);
        envelope.put("occurredAt", "2026-11-21T10:00:01Z");
        envelope.put("correlationId", "bad-input-poison");
        envelope.put("schemaVersion", 1);
        ObjectNode payload = envelope.putObject("payload");
        payload.put("customerId", "cust-poison");
        payload.put("currency", "EUR");
        payload.put("total", "19.99");
        ObjectNode item = payload.putArray("items").addObject();
        item.put("sku", "SKU-POISON");
        item.put("quantity", 1);
        item.put("unitPrice", "19.99");
        change.accept(envelope);
        return Json.write(envelope);
    }
}
