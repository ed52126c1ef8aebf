package io.github.orderevents.consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.Json;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.consumer.InvalidMessageException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Reads a queue message body as the event envelope, strictly: every field present with its JSON type,
 * a known event type, a schema version this code reads. Anything else is an
 * {@link InvalidMessageException} whose message says exactly what is wrong (it becomes the park reason).
 */
public final class EnvelopeParser {
    public static final int SUPPORTED_SCHEMA_VERSION = OrderEvent.SCHEMA_VERSION;
    private static final int MAX_ID_LENGTH = 128;
    /** Event ids become SQS deduplication ids, idempotency keys and sort-key parts: a safe alphabet only. */
    private static final java.util.regex.Pattern EVENT_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {
    };

    private EnvelopeParser() {
    }

    public static OrderEvent parse(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidMessageException("body is empty");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            // The position only: Jackson's message quotes the body's text, and park reasons are logged.
            var at = e.getLocation();
            throw new InvalidMessageException("body is not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        } catch (NumberFormatException e) {
            throw new InvalidMessageException("body is not valid JSON: a number is out of range");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidMessageException("body is not a JSON object");
        }
        JsonNode version = root.get("schemaVersion");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()) {
            throw new InvalidMessageException("schemaVersion is missing or not a whole number");
        }
        if (version.asLong() != SUPPORTED_SCHEMA_VERSION) {
            throw new InvalidMessageException("schemaVersion " + version.asText() + " is not supported (this consumer reads "
                    + SUPPORTED_SCHEMA_VERSION + ")");
        }
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
        return new OrderEvent(eventId, type, text(root, "aggregateId", MAX_ID_LENGTH),
                text(root, "customerId", MAX_ID_LENGTH), sequence.asLong(), occurredAt, correlationId,
                version.asInt(), Json.MAPPER.convertValue(payload, PAYLOAD));
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
}
