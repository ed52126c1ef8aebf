package io.github.orderevents.aws.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.orderevents.aws.Json;
import io.github.orderevents.domain.EventPayload;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderConfirmed;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderItem;
import io.github.orderevents.domain.OrderPlaced;
import io.github.orderevents.domain.OrderRejected;
import io.github.orderevents.domain.Priority;
import io.github.orderevents.domain.consumer.InvalidMessageException;
import io.github.orderevents.domain.inventory.StockShortage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The one wire form of an event. The envelope, the body of every queue message:
 * {@code {"eventId","eventType","aggregateId","customerId","sequence","occurredAt","correlationId",
 * ["priority",] "schemaVersion","payload"}}; the payload alone is what an outbox row stores. Fields are written
 * in that fixed order and amounts as decimal strings ("44.90"), so a body re-encodes to the same bytes.
 * {@code "priority": "express"} is written for express events only: a standard event has no such field,
 * so its bytes are those of envelopes written before lanes existed, and an absent field reads as standard.
 * Consumers decode strictly: any problem is an {@link InvalidMessageException} whose message is the park
 * reason. DLQ inspection decodes leniently: whatever is readable, and the strict verdict as text.
 */
public final class EventCodec {
    /** The version this code writes and the only one it reads. */
    public static final int SCHEMA_VERSION = 1;
    private static final int MAX_ID_LENGTH = 128;
    /** Event ids become SQS deduplication ids, idempotency keys and sort-key parts: a safe alphabet only. */
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    /** Far above any order's total; it keeps "1e999999" from becoming a million digits when padded to cents. */
    private static final int MAX_AMOUNT_INTEGER_DIGITS = 18;

    private EventCodec() {
    }

    /** The envelope JSON of {@code event}: the queue message body. */
    public static String encode(OrderEvent event) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("eventId", event.eventId());
        root.put("eventType", event.eventType().name());
        root.put("aggregateId", event.aggregateId());
        root.put("customerId", event.customerId());
        root.put("sequence", event.sequence());
        root.put("occurredAt", event.occurredAt().toString());
        root.put("correlationId", event.correlationId());
        if (event.priority() != Priority.STANDARD) {
            root.put("priority", event.priority().wireName());
        }
        root.put("schemaVersion", SCHEMA_VERSION);
        root.set("payload", payloadTree(event.payload()));
        return Json.write(root);
    }

    /** The payload JSON of {@code payload}, as an outbox row stores it. */
    public static String encodePayload(EventPayload payload) {
        return Json.write(payloadTree(payload));
    }

    /** {@link #decodeStrict(String, Consumer)} for a reader of every event type. */
    public static OrderEvent decodeStrict(String body) {
        return decodeStrict(body, type -> {
        });
    }

    /**
     * The event a queue message body holds, read strictly: every envelope field present with its JSON
     * type, a known event type, the supported schema version, and a payload of that type's shape.
     * {@code typeCheck} sees the event type once the envelope is read and before the payload is, so a
     * consumer refuses a type it does not read by that fact rather than by its payload.
     *
     * @throws InvalidMessageException saying exactly what is wrong, first problem first
     */
    public static OrderEvent decodeStrict(String body, Consumer<EventType> typeCheck) {
        JsonNode root = readObject(body, "body");
        checkSchemaVersion(root.get("schemaVersion"));
        String typeName = text(root, "eventType", 64);
        EventType type = EventType.parse(typeName)
                .orElseThrow(() -> new InvalidMessageException("unknown eventType '" + typeName + "'"));
        JsonNode sequence = root.get("sequence");
        if (sequence == null || !sequence.isIntegralNumber() || !sequence.canConvertToLong() || sequence.asLong() < 1) {
            throw new InvalidMessageException("sequence is missing or not a whole number >= 1");
        }
        Instant occurredAt;
        try {
            occurredAt = Instant.parse(text(root, "occurredAt", 64));
        } catch (DateTimeParseException e) {
            throw new InvalidMessageException("occurredAt is not an ISO-8601 instant");
        }
        JsonNode payload = root.get("payload");
        if (payload == null || !payload.isObject()) {
            throw new InvalidMessageException("payload is missing or not a JSON object");
        }
        JsonNode correlation = root.get("correlationId");
        String correlationId = correlation == null || correlation.isNull() ? null : text(root, "correlationId", MAX_ID_LENGTH);
        String eventId = text(root, "eventId", MAX_ID_LENGTH);
        if (!EVENT_ID.matcher(eventId).matches()) {
            throw new InvalidMessageException("eventId may contain only letters, digits and - _ . :");
        }
        String aggregateId = text(root, "aggregateId", MAX_ID_LENGTH);
        String customerId = text(root, "customerId", MAX_ID_LENGTH);
        Priority priority = priority(root.get("priority"));
        typeCheck.accept(type);
        return new OrderEvent(eventId, aggregateId, customerId, sequence.asLong(), occurredAt, correlationId,
                priority, new PayloadReader(type).read(payload));
    }

    /**
     * What an operator can learn from a body that may be broken: each envelope field that is present
     * with its JSON type (null otherwise), and why {@link #decodeStrict(String)} refuses the body, if it does.
     * Never throws.
     */
    public static LenientEnvelope decodeLenient(String body) {
        String problem = null;
        try {
            decodeStrict(body);
        } catch (InvalidMessageException e) {
            problem = e.getMessage();
        }
        JsonNode root;
        try {
            root = body == null ? null : Json.MAPPER.readTree(body);
        } catch (JsonProcessingException | NumberFormatException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            return new LenientEnvelope(null, null, null, null, null, null, problem);
        }
        JsonNode sequence = root.get("sequence");
        return new LenientEnvelope(textOrNull(root, "eventId"), textOrNull(root, "eventType"),
                textOrNull(root, "aggregateId"), textOrNull(root, "customerId"),
                sequence != null && sequence.isIntegralNumber() && sequence.canConvertToLong() ? sequence.longValue() : null,
                textOrNull(root, "correlationId"), problem);
    }

    /**
     * The payload an outbox row stores, read as strictly as a queue message's.
     *
     * @throws InvalidMessageException saying what is wrong with the version or the payload
     */
    public static EventPayload decodePayload(EventType type, long schemaVersion, String json) {
        checkSchemaVersion(schemaVersion, Long.toString(schemaVersion));
        return new PayloadReader(type).read(readObject(json, "payload"));
    }

    // ---- envelope ----

    private static JsonNode readObject(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new InvalidMessageException(what + " is empty");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            // The position only: Jackson's message quotes the text, and park reasons are logged.
            var at = e.getLocation();
            throw new InvalidMessageException(what + " is not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        } catch (NumberFormatException e) {
            throw new InvalidMessageException(what + " is not valid JSON: a number is out of range");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidMessageException(what + " is not a JSON object");
        }
        return root;
    }

    private static void checkSchemaVersion(JsonNode version) {
        if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()) {
            throw new InvalidMessageException("schemaVersion is missing or not a whole number");
        }
        checkSchemaVersion(version.asLong(), version.asText());
    }

    private static void checkSchemaVersion(long version, String asWritten) {
        if (version != SCHEMA_VERSION) {
            throw new InvalidMessageException("schemaVersion " + asWritten + " is not supported (this consumer reads "
                    + SCHEMA_VERSION + ")");
        }
    }

    /** Absent (every envelope written before lanes) is standard; anything else must name a lane. */
    private static Priority priority(JsonNode value) {
        if (value == null) {
            return Priority.STANDARD;
        }
        if (!value.isTextual()) {
            throw new InvalidMessageException("priority is not a string (standard or express)");
        }
        String name = value.textValue();
        return Priority.parse(name).orElseThrow(() -> new InvalidMessageException("priority '"
                + (name.length() > 32 ? name.substring(0, 32) + "..." : name) + "' is not a lane (standard or express)"));
    }

    private static String text(JsonNode root, String field, int maxLength) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidMessageException(field + " is missing");
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new InvalidMessageException(field + " is not a non-empty string");
        }
        if (value.textValue().length() > maxLength) {
            throw new InvalidMessageException(field + " is longer than " + maxLength + " characters");
        }
        return value.textValue();
    }

    private static String textOrNull(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    // ---- payload ----

    private static ObjectNode payloadTree(EventPayload payload) {
        ObjectNode tree = Json.MAPPER.createObjectNode();
        switch (payload) {
            case OrderPlaced placed -> {
                tree.put("customerId", placed.customerId());
                tree.put("currency", placed.currency());
                tree.put("total", money(placed.total()));
                ArrayNode items = tree.putArray("items");
                placed.items().forEach(item -> items.addObject().put("sku", item.sku())
                        .put("quantity", item.quantity()).put("unitPrice", money(item.unitPrice())));
            }
            case OrderConfirmed confirmed -> {
                tree.put("customerId", confirmed.customerId());
                tree.put("total", money(confirmed.total()));
                tree.put("currency", confirmed.currency());
                ArrayNode reserved = tree.putArray("reserved");
                confirmed.reserved().forEach(r -> reserved.addObject().put("sku", r.sku()).put("quantity", r.quantity()));
            }
            case OrderRejected rejected -> {
                tree.put("customerId", rejected.customerId());
                tree.put("reason", rejected.reason());
                ArrayNode shortages = tree.putArray("shortages");
                rejected.shortages().forEach(s -> shortages.addObject().put("sku", s.sku())
                        .put("requested", s.requested()).put("available", s.available()));
            }
        }
        return tree;
    }

    /** Money travels as a decimal string: no binary floating point anywhere on the wire. */
    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** Reads the payload of one event type; each problem names its field, e.g. "items[0].sku is not a string". */
    private record PayloadReader(EventType type) {

        EventPayload read(JsonNode payload) {
            return switch (type) {
                case OrderPlaced -> new OrderPlaced(string(payload, "customerId"), string(payload, "currency"),
                        amount(payload, "total"), list(payload, "items", (item, at) -> new OrderItem(
                        string(item, at + "sku"), wholeNumber(item, at + "quantity"), amount(item, at + "unitPrice"))));
                case OrderConfirmed -> new OrderConfirmed(string(payload, "customerId"), amount(payload, "total"),
                        string(payload, "currency"), list(payload, "reserved", (line, at) -> new OrderConfirmed.Reserved(
                        string(line, at + "sku"), wholeNumber(line, at + "quantity"))));
                case OrderRejected -> new OrderRejected(string(payload, "customerId"), string(payload, "reason"),
                        list(payload, "shortages", (line, at) -> new StockShortage(string(line, at + "sku"),
                                wholeNumber(line, at + "requested"), optionalWholeNumber(line, at + "available"))));
            };
        }

        private interface Element<T> {
            /** {@code at} is the element's path with a trailing dot, e.g. "items[0]." */
            T read(JsonNode element, String at);
        }

        private <T> List<T> list(JsonNode payload, String field, Element<T> element) {
            JsonNode list = payload.get(field);
            if (list == null || !list.isArray()) {
                throw problem(field + " is missing or not a list");
            }
            List<T> read = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                String path = field + "[" + i + "]";
                if (!list.get(i).isObject()) {
                    throw problem(path + " is not an object");
                }
                read.add(element.read(list.get(i), path + "."));
            }
            return read;
        }

        /** {@code path} ends in the field name: "customerId", "items[0].sku". */
        private String string(JsonNode object, String path) {
            JsonNode value = object.get(name(path));
            if (value == null || !value.isTextual()) {
                throw problem(path + " is not a string");
            }
            return value.textValue();
        }

        /** A whole number in int range, written as a JSON number or a string of digits (as ever accepted). */
        private int wholeNumber(JsonNode object, String path) {
            try {
                return decimal(object.get(name(path))).intValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                throw problem(path + " is not a whole number in range");
            }
        }

        private Integer optionalWholeNumber(JsonNode object, String path) {
            JsonNode value = object.get(name(path));
            return value == null || value.isNull() ? null : wholeNumber(object, path);
        }

        /** An amount with at most two decimals, written as a decimal string (as written) or a JSON number. */
        private BigDecimal amount(JsonNode object, String path) {
            BigDecimal amount;
            try {
                amount = decimal(object.get(name(path)));
            } catch (NumberFormatException e) {
                throw problem(path + " is not a decimal");
            }
            // In long: precision - scale overflows an int for an exponent such as 1e2147483647.
            if ((long) amount.precision() - amount.scale() > MAX_AMOUNT_INTEGER_DIGITS) {
                throw problem(path + " is out of range");
            }
            if (amount.stripTrailingZeros().scale() > 2) {
                throw problem(path + " has more than two decimals");
            }
            return amount;
        }

        private static BigDecimal decimal(JsonNode value) {
            if (value != null && value.isNumber()) {
                return value.decimalValue();
            }
            if (value != null && value.isTextual()) {
                return new BigDecimal(value.textValue());
            }
            throw new NumberFormatException("not a number");
        }

        private static String name(String path) {
            return path.substring(path.lastIndexOf('.') + 1);
        }

        private InvalidMessageException problem(String what) {
            return new InvalidMessageException(type + " payload: " + what);
        }
    }
}
