package io.github.orderevents.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.Json;
import io.github.orderevents.aws.testing.EmbeddedSqs;
import io.github.orderevents.aws.testing.FakeContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-entry failures that ElasticMQ does not produce by itself (one entry of a batch refused, a delete
 * that fails), injected by a client that wraps the real one.
 */
class RedriveTest {
    @RegisterExtension
    static final EmbeddedSqs SQS = new EmbeddedSqs();
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private final FaultySqs sqs = new FaultySqs(SQS.client());
    private String source;
    private String dlq;
    private DlqRedriveHandler handler;

    @BeforeEach
    void createQueues() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        source = SQS.createFifoQueue("notifications-" + run);
        dlq = SQS.createFifoQueue("notifications-dlq-" + run);
        handler = new DlqRedriveHandler(new RedriveQueues(Map.of("notifications", new RedriveQueues.Route(dlq, source))),
                sqs, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aRefusedEntryStopsItsGroupWhileOtherGroupsGoOn() throws IOException {
        String a1 = park("cust-A", "e-a1");
        String a2 = park("cust-A", "e-a2");
        String a3 = park("cust-A", "e-a3");
        String b1 = park("cust-B", "e-b1");
        String b2 = park("cust-B", "e-b2");
        sqs.refuseSendOf("e-a2");

        JsonNode answer = redrive();

        assertThat(result(answer, a1)).isEqualTo("redriven");
        assertThat(result(answer, a2)).isEqualTo("failed");
        assertThat(message(answer, a2).get("error").asText()).isEqualTo("send: InternalError: refused by the test");
        assertThat(result(answer, a3)).isEqualTo("skipped");
        assertThat(result(answer, b1)).isEqualTo("redriven");
        assertThat(result(answer, b2)).isEqualTo("redriven");
        assertThat(answer.get("redriven").intValue()).isEqualTo(3);
        assertThat(answer.get("failed").intValue()).isEqualTo(1);
        assertThat(answer.get("skipped").intValue()).isEqualTo(1);
        assertThat(SQS.drain(source)).extracting(m -> m.body()).containsExactlyInAnyOrder(body("e-a1"), body("e-b1"), body("e-b2"));
        assertThat(SQS.drain(dlq)).extracting(Message::messageId).containsExactly(a2, a3);
    }

    @Test
    void aBatchHoldsOneMessagePerGroup() throws IOException {
        park("cust-A", "e-a1");
        park("cust-A", "e-a2");
        park("cust-B", "e-b1");

        redrive();

        assertThat(sqs.sentBatches).containsExactly(List.of("cust-A", "cust-B"), List.of("cust-A"));
    }

    @Test
    void aMessageSentButNotDeletedIsReportedRedrivenWithAWarning() throws IOException {
        String a1 = park("cust-A", "e-a1");
        sqs.refuseDeleteOf(a1);

        JsonNode answer = redrive();

        assertThat(result(answer, a1)).isEqualTo("redriven");
        assertThat(message(answer, a1).get("warning").asText())
                .startsWith("sent, but not deleted from the dead-letter queue (InternalError: refused by the test)");
        assertThat(message(answer, a1).get("resend").get("messageAttributes").get("redrivenAt").asText())
                .isEqualTo("2026-11-21T12:00:00Z");
        assertThat(SQS.drain(source)).hasSize(1);
        assertThat(SQS.drain(dlq)).extracting(Message::messageId).as("made visible again").containsExactly(a1);
    }

    // ------------------------------------------------------------------ helpers

    private JsonNode redrive() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(
                        "{\"action\": \"redrive\", \"queue\": \"notifications\"}".getBytes(StandardCharsets.UTF_8)),
                out, FakeContext.withRemainingMillis(30_000));
        return Json.MAPPER.readTree(out.toByteArray());
    }

    private static String body(String eventId) {
        return "{\"eventId\":\"" + eventId + "\",\"eventType\":\"OrderConfirmed\",\"sequence\":2}";
    }

    private String park(String groupId, String eventId) {
        return SQS.client().sendMessage(r -> r.queueUrl(dlq).messageBody(body(eventId)).messageGroupId(groupId)
                .messageDeduplicationId(UUID.randomUUID().toString())
                .messageAttributes(Map.of("eventType", MessageAttributeValue.builder().dataType("String")
                        .stringValue("OrderConfirmed").build()))).messageId();
    }


    private static JsonNode message(JsonNode answer, String messageId) {
        return StreamSupport.stream(answer.get("messages").spliterator(), false)
                .filter(m -> m.get("messageId").asText().equals(messageId))
                .findFirst().orElseThrow(() -> new AssertionError("no message " + messageId + " in " + answer));
    }

    private static String result(JsonNode answer, String messageId) {
        return message(answer, messageId).get("result").asText();
    }

    /** The real client, except that chosen send and delete entries are answered as failed. */
    private static final class FaultySqs implements SqsClient {
        private final SqsClient real;
        private final Set<String> refusedEventIds = new HashSet<>();
        private final Set<String> refusedDeletes = new HashSet<>();
        private final Map<String, String> messageIdsByReceipt = new java.util.concurrent.ConcurrentHashMap<>();
        final List<List<String>> sentBatches = new ArrayList<>();

        FaultySqs(SqsClient real) {
            this.real = real;
        }

        void refuseSendOf(String eventId) {
            refusedEventIds.add(eventId);
        }

        void refuseDeleteOf(String messageId) {
            refusedDeletes.add(messageId);
        }

        @Override
        public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
            ReceiveMessageResponse response = real.receiveMessage(request);
            response.messages().forEach(m -> messageIdsByReceipt.put(m.receiptHandle(), m.messageId()));
            return response;
        }

        @Override
        public ChangeMessageVisibilityBatchResponse changeMessageVisibilityBatch(ChangeMessageVisibilityBatchRequest request) {
            return real.changeMessageVisibilityBatch(request);
        }

        @Override
        public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
            sentBatches.add(request.entries().stream().map(SendMessageBatchRequestEntry::messageGroupId).toList());
            List<SendMessageBatchRequestEntry> passed = request.entries().stream()
                    .filter(e -> refusedEventIds.stream().noneMatch(id -> e.messageBody().contains("\"" + id + "\""))).toList();
            List<BatchResultErrorEntry> refused = request.entries().stream().filter(e -> !passed.contains(e))
                    .map(e -> refusal(e.id())).toList();
            SendMessageBatchResponse sent = passed.isEmpty() ? SendMessageBatchResponse.builder().build()
                    : real.sendMessageBatch(request.toBuilder().entries(passed).build());
            return sent.toBuilder().failed(concat(sent.failed(), refused)).build();
        }

        @Override
        public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
            var passed = request.entries().stream()
                    .filter(e -> !refusedDeletes.contains(messageIdsByReceipt.get(e.receiptHandle()))).toList();
            List<BatchResultErrorEntry> refused = request.entries().stream().filter(e -> !passed.contains(e))
                    .map(e -> refusal(e.id())).toList();
            DeleteMessageBatchResponse deleted = passed.isEmpty() ? DeleteMessageBatchResponse.builder().build()
                    : real.deleteMessageBatch(request.toBuilder().entries(passed).build());
            return deleted.toBuilder().failed(concat(deleted.failed(), refused)).build();
        }

        private static BatchResultErrorEntry refusal(String id) {
            return BatchResultErrorEntry.builder().id(id).code("InternalError").message("refused by the test")
                    .senderFault(false).build();
        }

        private static <T> List<T> concat(List<T> first, List<T> second) {
            List<T> all = new ArrayList<>(first);
            all.addAll(second);
            return all;
        }

        @Override
        public String serviceName() {
            return real.serviceName();
        }

        @Override
        public void close() {
        }
    }
}
