package io.github.orderevents.aws.sqs;

import io.github.orderevents.aws.JsonLog;
import io.github.orderevents.aws.events.EventCodec;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.outbox.EventPublisher;
import io.github.orderevents.domain.outbox.OutboundMessage;
import io.github.orderevents.domain.outbox.SendFailure;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link EventPublisher} on SQS FIFO: deduplication id = event id, attributes {@code eventType} and
 * {@code correlationId}, sent by {@link SqsBatchSender}, which checks every entry's result.
 */
public final class SqsEventPublisher implements EventPublisher {
    private static final JsonLog LOG = JsonLog.of(SqsEventPublisher.class);

    private final SqsBatchSender sender;

    public SqsEventPublisher(SqsClient sqs) {
        this(sqs, SqsBatchSender.CallListener.NONE);
    }

    /** A publisher whose every SendMessageBatch call is told to {@code calls}. */
    public SqsEventPublisher(SqsClient sqs, SqsBatchSender.CallListener calls) {
        this.sender = new SqsBatchSender(sqs, calls);
    }

    @Override
    public List<SendFailure> publish(String queueUrl, List<OutboundMessage> batch) {
        if (batch.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " messages per batch, got " + batch.size());
        }
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(entry(i, batch.get(i)));
        }
        List<SqsBatchSender.Result> results = sender.send(queueUrl, entries);
        List<SendFailure> failures = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (results.get(i) instanceof SqsBatchSender.Result.Failed failed) {
                OrderEvent event = batch.get(i).event();
                LOG.warn("message not accepted", "queueUrl", queueUrl, "eventId", event.eventId(),
                        "orderId", event.aggregateId(), "reason", failed.reason());
                failures.add(new SendFailure(event.eventId(), failed.reason()));
            }
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

    private static MessageAttributeValue stringAttribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
