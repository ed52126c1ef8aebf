package io.github.orderevents.redrive;

import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A dead-lettered message as it goes back to its source queue. */
record Resend(DlqMessage original, String groupId, String deduplicationId, String body,
              Map<String, MessageAttributeValue> attributes) {
    /** The attributes consumers read; parking attributes ({@code parkReason}, …) stay behind. */
    private static final String[] COPIED_ATTRIBUTES = {"eventType", "correlationId"};

    Resend {
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    static Resend of(DlqMessage original, String body, String deadLetterQueueUrl, Instant redrivenAt) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        for (String name : COPIED_ATTRIBUTES) {
            MessageAttributeValue value = original.attributes().get(name);
            if (value != null) {
                attributes.put(name, MessageAttributeValue.builder().dataType(value.dataType())
                        .stringValue(value.stringValue()).binaryValue(value.binaryValue()).build());
            }
        }
        attributes.put("redrivenAt", string(redrivenAt.toString()));
        attributes.put("redrivenFrom", string(deadLetterQueueUrl));
        // Not the eventId: FIFO silently drops a message whose dedup id was sent in the last 5 minutes, so a
        // message dead-lettered soon after its first send would vanish. The DLQ message id names this one
        // dead-lettered copy (kept from the failed message when SQS moved it, new when a consumer parked it;
        // a redriven message gets a new id in the source queue) and is the same on every run, so a run
        // repeated after a crash is deduplicated instead.
        return new Resend(original, original.groupId(), "redrive-" + original.messageId(), body, attributes);
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
