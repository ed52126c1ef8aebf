package io.github.orderevents.aws.sqs;

import io.github.orderevents.aws.JsonLog;
import io.github.orderevents.domain.outbox.BatchPlanner;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Sends messages to one SQS queue with {@code SendMessageBatch} and tells, entry by entry, what became of
 * each: a call holds at most {@value #MAX_ENTRIES} entries and {@value #MAX_BYTES} bytes and at most one
 * entry per message group (see {@link BatchPlanner}). Every entry's result is checked: an entry in
 * {@code Failed}, or in neither list, was not sent, and a call that fails as a whole fails all its entries.
 */
public final class SqsBatchSender {
    public static final int MAX_ENTRIES = 10;
    /**
     * Payload bytes per call. SQS allows 1 MiB per batch now, but emulators and older regions still cap
     * at 256 KiB; more goes out as several calls.
     */
    public static final int MAX_BYTES = 256 * 1024;
    /** The code of a result whose call failed as a whole (its message says why). */
    public static final String CALL_FAILED = "SendMessageBatch";
    /** The code of a result that SQS's answer did not mention. */
    public static final String MISSING_FROM_RESPONSE = "MissingFromResponse";
    /** The code of an entry not sent because an earlier entry of its message group was not accepted. */
    public static final String GROUP_STOPPED = "GroupStopped";
    private static final BatchPlanner CALLS = new BatchPlanner(MAX_ENTRIES, MAX_BYTES);
    private static final JsonLog LOG = JsonLog.of(SqsBatchSender.class);

    private final SqsClient sqs;
    private final CallListener calls;

    public SqsBatchSender(SqsClient sqs) {
        this(sqs, CallListener.NONE);
    }

    /** A sender that tells {@code calls} of every SendMessageBatch call it makes (for metrics). */
    public SqsBatchSender(SqsClient sqs, CallListener calls) {
        this.sqs = sqs;
        this.calls = calls;
    }

    /** Hears of each SendMessageBatch call: how many entries it held and how long it took, failed or not. */
    @FunctionalInterface
    public interface CallListener {
        CallListener NONE = (entries, took) -> {
        };

        void called(int entries, Duration took);
    }

    /** What became of one entry. */
    public sealed interface Result {
        /** Accepted by the queue as {@code messageId} (a deduplicated entry is accepted too). */
        record Sent(String messageId) implements Result {
        }

        /** Not sent: SQS's error code and message, or one of the codes named on {@link SqsBatchSender}. */
        record Failed(String code, String message, boolean senderFault) implements Result {
            /** {@code "<code>: <message>"}, for a report. */
            public String reason() {
                return code + ": " + message;
            }
        }
    }

    /**
     * Sends {@code entries} (their ids are set here) to {@code queueUrl}, in order; answers one result
     * per entry, in the same order. Never throws for a failed send. Every call is attempted, but after an
     * entry that was not sent, the later entries of its message group are not sent either
     * ({@value #GROUP_STOPPED}): they must not reach the queue before it.
     */
    public List<Result> send(String queueUrl, List<SendMessageBatchRequestEntry> entries) {
        Result[] results = new Result[entries.size()];
        Set<String> stoppedGroups = new HashSet<>();
        List<Integer> positions = IntStream.range(0, entries.size()).boxed().toList();
        for (List<Integer> planned : CALLS.plan(positions, i -> entries.get(i).messageGroupId(),
                i -> payloadBytes(entries.get(i)))) {
            List<Integer> call = new ArrayList<>();
            for (int i : planned) {
                String group = entries.get(i).messageGroupId();
                if (group != null && stoppedGroups.contains(group)) {
                    results[i] = new Result.Failed(GROUP_STOPPED, "an earlier message of group " + group
                            + " was not sent", false);
                } else {
                    call.add(i);
                }
            }
            List<Result> sent = call.isEmpty() ? List.of()
                    : sendCall(queueUrl, call.stream().map(entries::get).toList());
            for (int n = 0; n < call.size(); n++) {
                int i = call.get(n);
                results[i] = sent.get(n);
                if (results[i] instanceof Result.Failed && entries.get(i).messageGroupId() != null) {
                    stoppedGroups.add(entries.get(i).messageGroupId());
                }
            }
        }
        return List.of(results);
    }

    /** The size SQS counts against its limits: the body and every attribute's name, type and value. */
    public static int payloadBytes(SendMessageBatchRequestEntry entry) {
        int size = entry.messageBody().getBytes(StandardCharsets.UTF_8).length;
        for (Map.Entry<String, MessageAttributeValue> attribute : entry.messageAttributes().entrySet()) {
            MessageAttributeValue value = attribute.getValue();
            size += utf8(attribute.getKey()) + utf8(value.dataType())
                    + (value.stringValue() == null ? 0 : utf8(value.stringValue()))
                    + (value.binaryValue() == null ? 0 : value.binaryValue().asByteArray().length);
        }
        return size;
    }

    private List<Result> sendCall(String queueUrl, List<SendMessageBatchRequestEntry> call) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < call.size(); i++) {
            entries.add(call.get(i).toBuilder().id("m" + i).build());
        }
        SendMessageBatchResponse response;
        long started = System.nanoTime();
        try {
            response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
        } catch (SdkException e) {
            calls.called(entries.size(), Duration.ofNanos(System.nanoTime() - started));
            LOG.warn("SendMessageBatch failed", "queueUrl", queueUrl, "entries", entries.size(), "reason", e.getMessage());
            boolean senderFault = e instanceof AwsServiceException service && service.statusCode() / 100 == 4;
            return entries.stream().<Result>map(entry -> new Result.Failed(CALL_FAILED, e.getMessage(), senderFault)).toList();
        }
        calls.called(entries.size(), Duration.ofNanos(System.nanoTime() - started));
        Map<String, String> sent = new HashMap<>();
        response.successful().forEach(ok -> sent.put(ok.id(), ok.messageId()));
        Map<String, BatchResultErrorEntry> failed = new HashMap<>();
        response.failed().forEach(f -> failed.put(f.id(), f));
        List<Result> results = new ArrayList<>();
        for (SendMessageBatchRequestEntry entry : entries) {
            BatchResultErrorEntry error = failed.get(entry.id());
            results.add(sent.containsKey(entry.id()) ? new Result.Sent(sent.get(entry.id()))
                    : error != null ? new Result.Failed(error.code(), error.message(), Boolean.TRUE.equals(error.senderFault()))
                    : new Result.Failed(MISSING_FROM_RESPONSE, "entry missing from the SendMessageBatch response", false));
        }
        return results;
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
