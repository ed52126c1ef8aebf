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
        String cutReason = sqsSafe(reason);
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

    /**
     * The reason as SQS accepts it in an attribute (#x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD and whole
     * surrogate pairs; anything else, e.g. a control character or half an emoji quoted from the body,
     * escaped as \\uXXXX), at most {@value #MAX_REASON_LENGTH} characters, never cutting a pair.
     */
    static String sqsSafe(String reason) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < reason.length() && out.length() < MAX_REASON_LENGTH; i++) {
            char c = reason.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < reason.length() && Character.isLowSurrogate(reason.charAt(i + 1))) {
                if (out.length() + 2 > MAX_REASON_LENGTH) {
                    break;
                }
                out.append(c).append(reason.charAt(++i));
            } else if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.length() > MAX_REASON_LENGTH ? out.substring(0, MAX_REASON_LENGTH) : out.toString();
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
