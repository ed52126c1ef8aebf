package io.github.orderevents.redrive;

import io.github.orderevents.aws.JsonLog;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The FIFO queue dead-lettered messages go back to. */
final class SourceQueue {
    static final int MAX_BATCH = 10;
    /**
     * Bytes per SendMessageBatch call. SQS allows 1 MiB now, but emulators and older regions cap at
     * 256 KiB; a larger batch goes out as several calls (it holds one message per group, so this keeps order).
     */
    static final int MAX_CALL_BYTES = 256 * 1024;
    private static final JsonLog LOG = JsonLog.of(SourceQueue.class);

    private final SqsClient sqs;
    private final String url;

    SourceQueue(SqsClient sqs, String url) {
        this.sqs = sqs;
        this.url = url;
    }

    /**
     * What SQS did with a batch, by dead-letter message id: the new message id of each accepted message,
     * the reason for each other one.
     */
    record Sent(Map<String, String> accepted, Map<String, String> failed) {
        Sent merge(Sent other) {
            Map<String, String> allAccepted = new HashMap<>(accepted);
            allAccepted.putAll(other.accepted);
            Map<String, String> allFailed = new HashMap<>(failed);
            allFailed.putAll(other.failed);
            return new Sent(allAccepted, allFailed);
        }
    }

    /**
     * Sends a batch of at most {@value #MAX_BATCH} messages, at most one per group. An entry in
     * {@code Failed}, or in neither list, was not accepted; a call that fails as a whole (no such queue,
     * access denied) fails all its entries.
     */
    Sent send(List<Resend> batch) {
        if (batch.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " messages per batch, got " + batch.size());
        }
        Sent sent = new Sent(Map.of(), Map.of());
        List<Resend> call = new ArrayList<>();
        int bytes = 0;
        for (Resend resend : batch) {
            int size = size(resend);
            if (!call.isEmpty() && bytes + size > MAX_CALL_BYTES) {
                sent = sent.merge(sendCall(call));
                call = new ArrayList<>();
                bytes = 0;
            }
            call.add(resend);
            bytes += size;
        }
        if (!call.isEmpty()) {
            sent = sent.merge(sendCall(call));
        }
        return sent;
    }

    private Sent sendCall(List<Resend> call) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < call.size(); i++) {
            Resend resend = call.get(i);
            entries.add(SendMessageBatchRequestEntry.builder()
                    .id("m" + i)
                    .messageBody(resend.body())
                    .messageGroupId(resend.groupId())
                    .messageDeduplicationId(resend.deduplicationId())
                    .messageAttributes(resend.attributes())
                    .build());
        }
        Map<String, String> failures = new HashMap<>();
        SendMessageBatchResponse response;
        try {
            response = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries));
        } catch (SdkException e) {
            LOG.warn("SendMessageBatch failed", "queueUrl", url, "entries", entries.size(), "reason", e.getMessage());
            call.forEach(resend -> failures.put(resend.original().messageId(), "SendMessageBatch: " + e.getMessage()));
            return new Sent(Map.of(), failures);
        }
        Map<String, String> newIds = new HashMap<>();
        response.successful().forEach(ok -> newIds.put(ok.id(), ok.messageId()));
        Map<String, BatchResultErrorEntry> failed = new HashMap<>();
        response.failed().forEach(f -> failed.put(f.id(), f));
        Map<String, String> accepted = new HashMap<>();
        for (int i = 0; i < call.size(); i++) {
            String id = "m" + i;
            String dlqMessageId = call.get(i).original().messageId();
            if (newIds.containsKey(id)) {
                accepted.put(dlqMessageId, newIds.get(id));
            } else {
                BatchResultErrorEntry error = failed.get(id);
                failures.put(dlqMessageId, error == null
                        ? "entry missing from the SendMessageBatch response" : error.code() + ": " + error.message());
            }
        }
        return new Sent(accepted, failures);
    }

    private static int size(Resend resend) {
        int size = resend.body().getBytes(StandardCharsets.UTF_8).length;
        for (Map.Entry<String, MessageAttributeValue> attribute : resend.attributes().entrySet()) {
            MessageAttributeValue value = attribute.getValue();
            size += attribute.getKey().length() + value.dataType().length()
                    + (value.stringValue() == null ? 0 : value.stringValue().getBytes(StandardCharsets.UTF_8).length)
                    + (value.binaryValue() == null ? 0 : value.binaryValue().asByteArray().length);
        }
        return size;
    }
}
