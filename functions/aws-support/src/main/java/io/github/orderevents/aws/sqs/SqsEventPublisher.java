package io.github.orderevents.aws.sqs;

import io.github.orderevents.aws.JsonLog;
import io.github.orderevents.aws.events.EventCodec;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.outbox.EventPublisher;
import io.github.orderevents.domain.outbox.OutboundMessage;
import io.github.orderevents.domain.outbox.SendFailure;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link EventPublisher} on SQS FIFO: one {@code SendMessageBatch} per batch, deduplication id = event
 * id, attributes {@code eventType} and {@code correlationId}. Every entry's result is checked: an entry
 * in {@code Failed}, or in neither list, is reported as failed.
 */
public final class SqsEventPublisher implements EventPublisher {
    /**
     * Bytes of bodies per call. SQS allows 1 MiB per batch now, but emulators and older regions still
     * cap at 256 KiB; a batch over this is split into calls that are all attempted.
     */
    static final int MAX_BATCH_BYTES = 256 * 1024;
    private static final JsonLog LOG = JsonLog.of(SqsEventPublisher.class);

    private final SqsClient sqs;

    public SqsEventPublisher(SqsClient sqs) {
        this.sqs = sqs;
    }

    @Override
    public List<SendFailure> publish(String queueUrl, List<OutboundMessage> batch) {
        if (batch.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " messages per batch, got " + batch.size());
        }
        List<SendFailure> failures = new ArrayList<>();
        List<SendMessageBatchRequestEntry> call = new ArrayList<>();
        Map<String, OrderEvent> byEntryId = new HashMap<>();
        int bytes = 0;
        for (OutboundMessage message : batch) {
            SendMessageBatchRequestEntry entry = entry(byEntryId.size(), message);
            int size = entry.messageBody().getBytes(StandardCharsets.UTF_8).length;
            if (!call.isEmpty() && bytes + size > MAX_BATCH_BYTES) {
                failures.addAll(send(queueUrl, call, byEntryId));
                call = new ArrayList<>();
                bytes = 0;
            }
            call.add(entry);
            byEntryId.put(entry.id(), message.event());
            bytes += size;
        }
        if (!call.isEmpty()) {
            failures.addAll(send(queueUrl, call, byEntryId));
        }
        return failures;
    }

    private static SendMessageBatchRequestEntry entry(int index, OutboundMessage message) {
        OrderEvent event = message.event();
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        attributes.put("eventType", stringAttribute(event.eventType().name()));
        if (event.correlationId() != null) {
            attributes.put("correlationId", stringAttribute(event.correlationId()));
        }
        return SendMessageBatchRequestEntry.builder()
                .id("m" + index)
                .messageBody(EventCodec.encode(event))
                .messageGroupId(message.groupId())
                .messageDeduplicationId(event.eventId())
                .messageAttributes(attributes)
                .build();
    }

    private List<SendFailure> send(String queueUrl, List<SendMessageBatchRequestEntry> entries,
                                   Map<String, OrderEvent> byEntryId) {
        List<SendFailure> failures = new ArrayList<>();
        SendMessageBatchResponse response;
        try {
            response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
        } catch (SdkException e) {
            LOG.warn("SendMessageBatch failed", "queueUrl", queueUrl, "entries", entries.size(),
                    "reason", e.getMessage());
            for (SendMessageBatchRequestEntry entry : entries) {
                failures.add(new SendFailure(byEntryId.get(entry.id()).eventId(), "SendMessageBatch: " + e.getMessage()));
            }
            return failures;
        }
        Set<String> accepted = new HashSet<>();
        response.successful().forEach(ok -> accepted.add(ok.id()));
        Map<String, BatchResultErrorEntry> failed = new HashMap<>();
        response.failed().forEach(f -> failed.put(f.id(), f));
        for (SendMessageBatchRequestEntry entry : entries) {
            if (accepted.contains(entry.id())) {
                continue;
            }
            BatchResultErrorEntry error = failed.get(entry.id());
            String reason = error == null ? "entry missing from the SendMessageBatch response"
                    : error.code() + ": " + error.message();
            OrderEvent event = byEntryId.get(entry.id());
            LOG.warn("message not accepted", "queueUrl", queueUrl, "eventId", event.eventId(),
                    "orderId", event.aggregateId(), "reason", reason);
            failures.add(new SendFailure(event.eventId(), reason));
        }
        return failures;
    }

    private static MessageAttributeValue stringAttribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
