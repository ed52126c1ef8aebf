package io.github.orderevents.redrive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.Json;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** A message received from a dead-letter queue, with what its body says when it is an event envelope. */
record DlqMessage(String messageId, String receiptHandle, String groupId, String body, Optional<Envelope> envelope,
                  Integer receiveCount, Instant sentTimestamp, Map<String, MessageAttributeValue> attributes) {

    /** The envelope fields an operator looks for; each is null when the body lacks it or has the wrong type. */
    record Envelope(String eventId, String eventType, String aggregateId, Long sequence, String correlationId) {
    }

    DlqMessage {
        attributes = Map.copyOf(attributes);
    }

    static DlqMessage from(Message message) {
        Map<MessageSystemAttributeName, String> system = message.attributes();
        return new DlqMessage(message.messageId(), message.receiptHandle(),
                system.get(MessageSystemAttributeName.MESSAGE_GROUP_ID), message.body(), envelope(message.body()),
                number(system.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).map(Long::intValue).orElse(null),
                number(system.get(MessageSystemAttributeName.SENT_TIMESTAMP)).map(Instant::ofEpochMilli).orElse(null),
                message.messageAttributes());
    }

    /** The string value of message attribute {@code name}, if the message has it. */
    Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name)).map(MessageAttributeValue::stringValue);
    }

    private static Optional<Envelope> envelope(String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        JsonNode sequence = root.get("sequence");
        return Optional.of(new Envelope(text(root, "eventId"), text(root, "eventType"), text(root, "aggregateId"),
                sequence != null && sequence.isIntegralNumber() && sequence.canConvertToLong() ? sequence.longValue() : null,
                text(root, "correlationId")));
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static Optional<Long> number(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
