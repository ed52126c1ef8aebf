package io.github.orderevents.aws.sqs;

import io.github.orderevents.aws.sqs.SqsBatchSender.Result;
import io.github.orderevents.aws.testing.EmbeddedSqs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SqsBatchSenderTest {
    @RegisterExtension
    static final EmbeddedSqs elasticMq = new EmbeddedSqs();

    private static SendMessageBatchRequestEntry entry(String group, String body) {
        return SendMessageBatchRequestEntry.builder().messageGroupId(group).messageBody(body)
                .messageDeduplicationId(UUID.randomUUID().toString()).build();
    }

    @Test
    void sendsMoreThanOneCallHoldsAndAnswersEveryEntryInOrder() {
        String queue = elasticMq.createFifoQueue("sender-" + UUID.randomUUID().toString().substring(0, 8));
        String big = "x".repeat(100 * 1024);
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        IntStream.range(0, 12).forEach(i -> entries.add(entry("g" + i, i < 3 ? big + i : "small-" + i)));

        List<Result> results = new SqsBatchSender(elasticMq.client()).send(queue, entries);

        assertThat(results).hasSize(12).allSatisfy(result -> assertThat(result).isInstanceOf(Result.Sent.class));
        List<Message> arrived = elasticMq.drain(queue);
        assertThat(arrived).hasSize(12);
        assertThat(arrived).extracting(Message::messageId).containsExactlyInAnyOrderElementsOf(
                results.stream().map(r -> ((Result.Sent) r).messageId()).toList());
    }

    @Test
    void callsHoldAtMostTenEntriesAnd256KiBAndOneEntryPerGroup() {
        RecordingSqs sqs = new RecordingSqs();
        String big = "x".repeat(100 * 1024);
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        entries.add(entry("a", big));
        entries.add(entry("a", "a2"));
        IntStream.range(0, 11).forEach(i -> entries.add(entry("g" + i, i < 2 ? big : "s")));

        new SqsBatchSender(sqs).send("https://sqs.example/q.fifo", entries);

        assertThat(sqs.calls).allSatisfy(call -> {
            assertThat(call).hasSizeLessThanOrEqualTo(SqsBatchSender.MAX_ENTRIES);
            assertThat(call.stream().mapToInt(SqsBatchSender::payloadBytes).sum()).isLessThanOrEqualTo(SqsBatchSender.MAX_BYTES);
            assertThat(call).extracting(SendMessageBatchRequestEntry::messageGroupId).doesNotHaveDuplicates();
        });
        assertThat(sqs.calls.stream().mapToInt(List::size).sum()).isEqualTo(13);
    }

    @Test
    void tellsItsListenerTheEntriesOfEveryCallFailedOrNot() {
        RecordingSqs sqs = new RecordingSqs();
        List<Integer> entriesPerCall = new ArrayList<>();
        List<Duration> took = new ArrayList<>();
        String big = "x".repeat(200 * 1024);

        new SqsBatchSender(sqs, (entries, duration) -> {
            entriesPerCall.add(entries);
            took.add(duration);
        }).send("https://sqs.example/q.fifo", List.of(entry("a", big), entry("b", big), entry("c", "refuse")));

        assertThat(entriesPerCall).isEqualTo(sqs.calls.stream().map(List::size).toList()).containsExactly(2, 1);
        assertThat(took).allSatisfy(duration -> assertThat(duration.isNegative()).isFalse());
    }

    @Test
    void aRefusedEntryFailsAloneWithItsCodeAndStopsTheRestOfItsGroup() {
        RecordingSqs sqs = new RecordingSqs();

        List<Result> results = new SqsBatchSender(sqs).send("https://sqs.example/q.fifo",
                List.of(entry("a", "refuse"), entry("b", "b1"), entry("a", "a2"), entry("b", "b2")));

        assertThat(results.get(0)).isEqualTo(new Result.Failed("InvalidParameterValue", "refused by the test", true));
        assertThat(results.get(1)).isInstanceOf(Result.Sent.class);
        assertThat(results.get(2)).isInstanceOfSatisfying(Result.Failed.class,
                failed -> assertThat(failed.code()).isEqualTo(SqsBatchSender.GROUP_STOPPED));
        assertThat(results.get(3)).isInstanceOf(Result.Sent.class);
        assertThat(sqs.calls.stream().flatMap(List::stream).map(SendMessageBatchRequestEntry::messageBody))
                .as("a2 never sent").doesNotContain("a2");
    }

    @Test
    void anEntryMissingFromTheResponseIsFailed() {
        RecordingSqs sqs = new RecordingSqs();

        List<Result> results = new SqsBatchSender(sqs).send("https://sqs.example/q.fifo", List.of(entry("a", "forget")));

        assertThat(results).singleElement().isInstanceOfSatisfying(Result.Failed.class,
                failed -> assertThat(failed.code()).isEqualTo(SqsBatchSender.MISSING_FROM_RESPONSE));
    }

    @Test
    void aCallThatFailsAsAWholeFailsEachOfItsEntries() {
        String missingQueue = elasticMq.endpoint() + "/000000000000/no-such-queue-" + UUID.randomUUID() + ".fifo";

        List<Result> results = new SqsBatchSender(elasticMq.client()).send(missingQueue,
                List.of(entry("a", "a1"), entry("b", "b1")));

        assertThat(results).hasSize(2).allSatisfy(result -> assertThat(result).isInstanceOfSatisfying(Result.Failed.class,
                failed -> {
                    assertThat(failed.code()).isEqualTo(SqsBatchSender.CALL_FAILED);
                    assertThat(failed.reason()).startsWith("SendMessageBatch: ").hasSizeGreaterThan(20);
                    assertThat(failed.senderFault()).isTrue();
                }));
    }

    @Test
    void payloadBytesCountTheBodyAndEveryAttribute() {
        SendMessageBatchRequestEntry entry = entry("a", "héllo").toBuilder().messageAttributes(Map.of("eventType",
                MessageAttributeValue.builder().dataType("String").stringValue("OrderPlaced").build())).build();

        assertThat(SqsBatchSender.payloadBytes(entry)).isEqualTo(6 + "eventType".length() + "String".length() + "OrderPlaced".length());
    }

    /** Records each call; refuses entries whose body is "refuse" and leaves out those whose body is "forget". */
    private static final class RecordingSqs implements SqsClient {
        final List<List<SendMessageBatchRequestEntry>> calls = new ArrayList<>();

        @Override
        public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
            calls.add(request.entries());
            List<SendMessageBatchResultEntry> ok = new ArrayList<>();
            List<BatchResultErrorEntry> failed = new ArrayList<>();
            for (SendMessageBatchRequestEntry e : request.entries()) {
                switch (e.messageBody()) {
                    case "refuse" -> failed.add(BatchResultErrorEntry.builder().id(e.id()).code("InvalidParameterValue")
                            .message("refused by the test").senderFault(true).build());
                    case "forget" -> {
                    }
                    default -> ok.add(SendMessageBatchResultEntry.builder().id(e.id()).messageId("new-" + e.messageBody()).build());
                }
            }
            return SendMessageBatchResponse.builder().successful(ok).failed(failed).build();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    }
}
