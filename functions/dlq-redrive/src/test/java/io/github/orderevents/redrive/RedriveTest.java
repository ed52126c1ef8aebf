package io.github.orderevents.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.Json;
import io.github.orderevents.aws.testing.FakeContext;
import io.github.orderevents.redrive.InMemoryFifoQueues.Stored;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The redrive logic on in-memory FIFO queues, with the per-entry failures SQS reports (a refused entry, a failed delete). */
class RedriveTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private final InMemoryFifoQueues sqs = new InMemoryFifoQueues();
    private String source;
    private String dlq;
    private DlqRedriveHandler handler;

    @BeforeEach
    void createQueues() {
        source = sqs.createQueue("notifications");
        dlq = sqs.createQueue("notifications-dlq");
        handler = new DlqRedriveHandler(new RedriveService(
                new RedriveQueues(Map.of("notifications", new RedriveQueues.Route(dlq, source))),
                sqs, Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @Test
    void aRefusedEntryStopsItsGroupWhileOtherGroupsGoOn() throws IOException {
        String a1 = park("cust-A", "e-a1");
        String a2 = park("cust-A", "e-a2");
        String a3 = park("cust-A", "e-a3");
        String b1 = park("cust-B", "e-b1");
        String b2 = park("cust-B", "e-b2");
        sqs.refuseSendIf(resend -> resend.body().contains("\"e-a2\""));

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
        assertThat(sqs.drain(source)).extracting(Stored::body).containsExactlyInAnyOrder(body("e-a1"), body("e-b1"), body("e-b2"));
        assertThat(sqs.drain(dlq)).extracting(Stored::messageId).containsExactly(a2, a3);
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
        assertThat(sqs.drain(source)).hasSize(1);
        assertThat(sqs.drain(dlq)).extracting(Stored::messageId).as("made visible again").containsExactly(a1);
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
        return sqs.put(dlq, groupId, body(eventId), Map.of("eventType", MessageAttributeValue.builder()
                .dataType("String").stringValue("OrderConfirmed").build()));
    }

    private static JsonNode message(JsonNode answer, String messageId) {
        return StreamSupport.stream(answer.get("messages").spliterator(), false)
                .filter(m -> m.get("messageId").asText().equals(messageId))
                .findFirst().orElseThrow(() -> new AssertionError("no message " + messageId + " in " + answer));
    }

    private static String result(JsonNode answer, String messageId) {
        return message(answer, messageId).get("result").asText();
    }
}
