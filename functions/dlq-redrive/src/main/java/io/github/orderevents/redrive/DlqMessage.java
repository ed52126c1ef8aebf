package io.github.orderevents.redrive;

import io.github.orderevents.aws.events.EventCodec;
import io.github.orderevents.aws.events.LenientEnvelope;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A message received from a dead-letter queue, with what its body says as an event envelope: the fields
 * it has, and why consumers refuse it.
 */
record DlqMessage(String messageId, String receiptHandle, String groupId, String body, LenientEnvelope envelope,
                  Integer receiveCount, Instant sentTimestamp, Map<String, MessageAttributeValue> attributes) {

    DlqMessage {
        attributes = Map.copyOf(attributes);
    }

    static DlqMessage from(Message message) {
        Map<MessageSystemAttributeName, String> system = message.attributes();
        return new DlqMessage(message.messageId(), message.receiptHandle(),
                system.get(MessageSystemAttributeName.MESSAGE_GROUP_ID), message.body(), EventCodec.decodeLenient(message.body()),
                number(system.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).map(Long::intValue).orElse(null),
                number(system.get(MessageSystemAttributeName.SENT_TIMESTAMP)).map(Instant::ofEpochMilli).orElse(null),
                message.messageAttributes());
    }

    /** The string value of message attribute {@code name}, if the message has it. */
    Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name)).map(MessageAttributeValue::stringValue);
    }

    private static Optional<Long> number(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
