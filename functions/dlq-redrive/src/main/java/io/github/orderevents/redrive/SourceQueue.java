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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
     * Sends a batch of at most {@value #MAX_BATCH} messages, at most one per group; answers the reason for
     * each one SQS did not accept, by dead-letter message id. An entry in {@code Failed}, or in neither
     * list, was not accepted; a call that fails as a whole (no such queue, access denied) fails all its entries.
     */
    Map<String, String> send(List<Resend> batch) {
        if (batch.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " messages per batch, got " + batch.size());
        }
        Map<String, String> failures = new HashMap<>();
        List<Resend> call = new ArrayList<>();
        int bytes = 0;
        for (Resend resend : batch) {
            int size = size(resend);
            if (!call.isEmpty() && bytes + size > MAX_CALL_BYTES) {
                failures.putAll(sendCall(call));
                call = new ArrayList<>();
                bytes = 0;
            }
            call.add(resend);
            bytes += size;
        }
        if (!call.isEmpty()) {
            failures.putAll(sendCall(call));
        }
        return failures;
    }

    private Map<String, String> sendCall(List<Resend> call) {
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
            return failures;
        }
        Set<String> accepted = new HashSet<>();
        response.successful().forEach(ok -> accepted.add(ok.id()));
        Map<String, BatchResultErrorEntry> failed = new HashMap<>();
        response.failed().forEach(f -> failed.put(f.id(), f));
        for (int i = 0; i < call.size(); i++) {
            String id = "m" + i;
            if (!accepted.contains(id)) {
                BatchResultErrorEntry error = failed.get(id);
                failures.put(call.get(i).original().messageId(), error == null
                        ? "entry missing from the SendMessageBatch response" : error.code() + ": " + error.message());
            }
        }
        return failures;
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
