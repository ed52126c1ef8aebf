package io.github.orderevents.redrive;

import io.github.orderevents.aws.JsonLog;
import io.github.orderevents.aws.sqs.SqsBatchSender;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** {@link FifoQueues} on SQS FIFO queues. */
final class SqsFifoQueues implements FifoQueues {
    private static final JsonLog LOG = JsonLog.of(SqsFifoQueues.class);
    /** Entries per ReceiveMessage, ChangeMessageVisibilityBatch and DeleteMessageBatch call. */
    private static final int MAX_PER_CALL = 10;

    private final SqsClient sqs;
    private final SqsBatchSender sender;

    SqsFifoQueues(SqsClient sqs) {
        this.sqs = sqs;
        this.sender = new SqsBatchSender(sqs);
    }

    @Override
    public List<DlqMessage> receive(String queueUrl, int max, Duration visibility) {
        List<DlqMessage> received = new ArrayList<>();
        boolean confirmingEmpty = false;
        while (received.size() < max) {
            int wanted = Math.min(MAX_PER_CALL, max - received.size());
            // Short polls sample a subset of SQS's servers and may answer empty while a small queue still
            // has messages (ReceiveMessage docs); one long poll over all servers confirms the end.
            int waitSeconds = confirmingEmpty ? 1 : 0;
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                    .maxNumberOfMessages(wanted)
                    .waitTimeSeconds(waitSeconds)
                    .visibilityTimeout((int) visibility.toSeconds())
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            if (messages.isEmpty()) {
                if (confirmingEmpty) {
                    break;
                }
                confirmingEmpty = true;
                continue;
            }
            confirmingEmpty = false;
            messages.forEach(message -> received.add(DlqMessage.from(message)));
        }
        return received;
    }

    @Override
    public Map<String, String> release(String queueUrl, List<DlqMessage> messages) {
        return inCalls("ChangeMessageVisibilityBatch", messages, chunk -> {
            var response = sqs.changeMessageVisibilityBatch(r -> r.queueUrl(queueUrl).entries(IntStream
                    .range(0, chunk.size()).mapToObj(i -> ChangeMessageVisibilityBatchRequestEntry.builder().id(entryId(i))
                            .receiptHandle(chunk.get(i).receiptHandle()).visibilityTimeout(0).build()).toList()));
            return new Answer(response.successful().stream().map(ChangeMessageVisibilityBatchResultEntry::id)
                    .collect(Collectors.toSet()), response.failed());
        });
    }

    @Override
    public Map<String, String> delete(String queueUrl, List<DlqMessage> messages) {
        return inCalls("DeleteMessageBatch", messages, chunk -> {
            var response = sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(IntStream.range(0, chunk.size())
                    .mapToObj(i -> DeleteMessageBatchRequestEntry.builder().id(entryId(i))
                            .receiptHandle(chunk.get(i).receiptHandle()).build()).toList()));
            return new Answer(response.successful().stream().map(DeleteMessageBatchResultEntry::id)
                    .collect(Collectors.toSet()), response.failed());
        });
    }

    @Override
    public Sent send(String queueUrl, List<Resend> batch) {
        if (batch.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " messages per batch, got " + batch.size());
        }
        List<SendMessageBatchRequestEntry> entries = batch.stream().map(resend -> SendMessageBatchRequestEntry.builder()
                .messageBody(resend.body())
                .messageGroupId(resend.groupId())
                .messageDeduplicationId(resend.deduplicationId())
                .messageAttributes(resend.attributes())
                .build()).toList();
        List<SqsBatchSender.Result> results = sender.send(queueUrl, entries);
        Map<String, String> accepted = new HashMap<>();
        Map<String, String> failed = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            String dlqMessageId = batch.get(i).original().messageId();
            switch (results.get(i)) {
                case SqsBatchSender.Result.Sent sent -> accepted.put(dlqMessageId, sent.messageId());
                case SqsBatchSender.Result.Failed failure -> failed.put(dlqMessageId, failure.reason());
            }
        }
        return new Sent(accepted, failed);
    }

    /** The entry ids of a batch call that succeeded, and the failed ones. */
    private record Answer(Set<String> succeeded, List<BatchResultErrorEntry> failed) {
    }

    /**
     * Runs {@code call} on chunks of at most {@value #MAX_PER_CALL} messages (entry {@code i} of a chunk has id
     * {@link #entryId}(i)); answers, by message id, why each message not in {@code Successful} failed. A call
     * that fails as a whole fails all its entries.
     */
    private static Map<String, String> inCalls(String operation, List<DlqMessage> messages,
                                               Function<List<DlqMessage>, Answer> call) {
        Map<String, String> failures = new HashMap<>();
        for (int from = 0; from < messages.size(); from += MAX_PER_CALL) {
            List<DlqMessage> chunk = messages.subList(from, Math.min(from + MAX_PER_CALL, messages.size()));
            Answer answer;
            try {
                answer = call.apply(chunk);
            } catch (SdkException e) {
                LOG.warn(operation + " failed", "entries", chunk.size(), "reason", e.getMessage());
                chunk.forEach(m -> failures.put(m.messageId(), operation + ": " + e.getMessage()));
                continue;
            }
            Map<String, String> failed = new HashMap<>();
            answer.failed().forEach(f -> failed.put(f.id(), f.code() + ": " + f.message()));
            for (int i = 0; i < chunk.size(); i++) {
                if (!answer.succeeded().contains(entryId(i))) {
                    failures.put(chunk.get(i).messageId(),
                            failed.getOrDefault(entryId(i), "entry missing from the " + operation + " response"));
                }
            }
        }
        return failures;
    }

    private static String entryId(int index) {
        return "m" + index;
    }
}
