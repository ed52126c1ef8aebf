package io.github.orderevents.consumer;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.github.orderevents.aws.JsonLog;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Parks a message that can never be processed in the queue's dead-letter queue at once, with message
 * attributes saying why ({@code parkReason}), from where ({@code parkedFrom}), when ({@code parkedAt})
 * and which message it was ({@code originalMessageId}). The body is kept as it was, so an operator can
 * fix it and redrive it. Retrying it maxReceiveCount times first would only delay its group.
 */
public final class MessageParking {
    static final int MAX_REASON_LENGTH = 1024;
    private static final JsonLog LOG = JsonLog.of(MessageParking.class);

    private final SqsClient sqs;
    private final String deadLetterQueueUrl;
    private final Clock clock;

    public MessageParking(SqsClient sqs, String deadLetterQueueUrl, Clock clock) {
        this.sqs = sqs;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
        this.clock = clock;
    }

    /**
     * Sends the message to the DLQ with its reason. Throws if the DLQ did not take it: the caller then
     * fails the message, which stays in its queue (nothing is ever dropped).
     */
    public void park(SQSMessage message, String reason) {
        String cutReason = reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        if (message.getMessageAttributes() != null) {
            message.getMessageAttributes().forEach((name, value) -> {
                if (value != null && value.getStringValue() != null && ("eventType".equals(name) || "correlationId".equals(name))) {
                    attributes.put(name, string(value.getStringValue()));
                }
            });
        }
        attributes.put("parkReason", string(cutReason));
        attributes.put("parkedFrom", string(String.valueOf(message.getEventSourceArn())));
        attributes.put("parkedAt", string(clock.instant().toString()));
        attributes.put("originalMessageId", string(message.getMessageId()));
        String group = message.getAttributes() == null ? null : message.getAttributes().get("MessageGroupId");
        sqs.sendMessage(r -> r.queueUrl(deadLetterQueueUrl)
                .messageBody(message.getBody() == null || message.getBody().isEmpty() ? "(empty body)" : message.getBody())
                .messageGroupId(group == null ? "unknown-group" : group)
                // A retry of this park (after a crash) is deduplicated by SQS instead of parked twice.
                .messageDeduplicationId("park-" + message.getMessageId())
                .messageAttributes(attributes));
        LOG.warn("message parked in the dead-letter queue", "messageId", message.getMessageId(),
                "messageGroupId", group, "reason", cutReason, "deadLetterQueueUrl", deadLetterQueueUrl);
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
