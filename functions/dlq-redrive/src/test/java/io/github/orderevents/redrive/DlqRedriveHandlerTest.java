package io.github.orderevents.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.Json;
import io.github.orderevents.aws.testing.EmbeddedSqs;
import io.github.orderevents.aws.testing.FakeContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DlqRedriveHandlerTest {
    @RegisterExtension
    static final EmbeddedSqs SQS = new EmbeddedSqs();

    private String source;
    private String dlq;

    @BeforeEach
    void createQueues() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        source = SQS.createFifoQueue("inventory-" + run);
        dlq = SQS.createFifoQueue("inventory-dlq-" + run);
    }

    // ------------------------------------------------------------------ peek

    @Test
    void peekListsEveryMessageWithItsParkingAttributesAndLeavesThemAllReceivable() throws IOException {
        String a1 = park("ord-A", envelope("e-a1", "ord-A", 1), parked("unknown sku"));
        String a2 = park("ord-A", envelope("e-a2", "ord-A", 2), Map.of());
        String b1 = park("ord-B", "not json at all", Map.of());

        JsonNode answer = invoke("{\"action\": \"peek\", \"queue\": \"inventory\"}");

        assertThat(answer.get("action").asText()).isEqualTo("peek");
        assertThat(answer.get("queue").asText()).isEqualTo("inventory");
        assertThat(answer.get("examined").intValue()).isEqualTo(3);
        assertThat(answer.get("selected").intValue()).isEqualTo(3);
        assertThat(answer.get("redriven").intValue()).isZero();
        JsonNode first = message(answer, a1);
        assertThat(first.get("result").asText()).isEqualTo("listed");
        assertThat(first.get("messageGroupId").asText()).isEqualTo("ord-A");
        assertThat(first.get("eventId").asText()).isEqualTo("e-a1");
        assertThat(first.get("eventType").asText()).isEqualTo("OrderPlaced");
        assertThat(first.get("aggregateId").asText()).isEqualTo("ord-A");
        assertThat(first.get("sequence").longValue()).isEqualTo(1);
        assertThat(first.get("correlationId").asText()).isEqualTo("corr-e-a1");
        assertThat(first.get("receiveCount").intValue()).isEqualTo(1);
        assertThat(first.get("sentTimestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(first.get("parkReason").asText()).isEqualTo("unknown sku");
        assertThat(first.get("parkedFrom").asText()).isEqualTo("https://sqs.example/inventory.fifo");
        assertThat(first.get("parkedAt").asText()).isEqualTo("2026-11-21T10:00:00Z");
        assertThat(first.get("originalMessageId").asText()).isEqualTo("orig-1");
        assertThat(first.get("body").asText()).isEqualTo(envelope("e-a1", "ord-A", 1));
        assertThat(first.has("bodyTruncated")).isFalse();
        assertThat(message(answer, a2).has("parkReason")).isFalse();
        JsonNode unparseable = message(answer, b1);
        assertThat(unparseable.has("eventId")).isFalse();
        assertThat(unparseable.get("body").asText()).isEqualTo("not json at all");

        assertThat(SQS.drain(dlq)).extracting(Message::messageId).containsExactlyInAnyOrder(a1, a2, b1);
        assertThat(SQS.drain(source)).isEmpty();
    }

    @Test
    void peekCutsLongBodiesTo4KiBAndSaysSo() throws IOException {
        String big = "{\"eventId\":\"e-big\",\"padding\":\"" + "x".repeat(10_000) + "\"}";
        String id = park("ord-A", big, Map.of());

        JsonNode listed = message(invoke("{\"action\": \"peek\", \"queue\": \"inventory\"}"), id);

        assertThat(listed.get("body").asText()).hasSize(4096).isEqualTo(big.substring(0, 4096));
        assertThat(listed.get("bodyTruncated").booleanValue()).isTrue();
        assertThat(listed.get("eventId").asText()).isEqualTo("e-big");
    }

    @Test
    void peekWithEventIdsListsThoseMarksTheRestNotSelectedAndReportsIdsNotFound() throws IOException {
        String a1 = park("ord-A", envelope("e-a1", "ord-A", 1), Map.of());
        String b1 = park("ord-B", envelope("e-b1", "ord-B", 1), Map.of());
        String c1 = park("ord-C", "not json", Map.of());

        JsonNode answer = invoke("{\"action\": \"peek\", \"queue\": \"inventory\", \"eventIds\": [\"e-b1\", \"e-zz\"]}");

        assertThat(answer.get("examined").intValue()).isEqualTo(3);
        assertThat(answer.get("selected").intValue()).isEqualTo(1);
        assertThat(message(answer, b1).get("result").asText()).isEqualTo("listed");
        assertThat(message(answer, a1).get("result").asText()).isEqualTo("notSelected");
        assertThat(message(answer, a1).has("body")).isFalse();
        assertThat(message(answer, c1).get("result").asText()).isEqualTo("notSelected");
        assertThat(texts(answer.get("notFound"))).containsExactly("e-zz");
        assertThat(SQS.drain(dlq)).hasSize(3);
    }

    @Test
    void peekLooksAtNoMoreThanMax() throws IOException {
        for (int i = 0; i < 5; i++) {
            park("ord-" + i, envelope("e-" + i, "ord-" + i, 1), Map.of());
        }

        JsonNode answer = invoke("{\"action\": \"peek\", \"queue\": \"inventory\", \"max\": 2}");

        assertThat(answer.get("examined").intValue()).isEqualTo(2);
        assertThat(answer.get("messages")).hasSize(2);
        assertThat(SQS.drain(dlq)).hasSize(5);
    }

    // ------------------------------------------------------------------ redrive

    @Test
    void redriveSendsEveryMessageBackWithItsGroupAttributesAndARedriveDeduplicationId() throws IOException {
        String a1 = park("ord-A", envelope("e-a1", "ord-A", 1), parked("unknown sku"));
        String b1 = park("cust-B", envelope("e-b1", "ord-B", 1), parked("timeout"));

        JsonNode answer = invoke("{\"action\": \"redrive\", \"queue\": \"inventory\"}");

        assertThat(answer.get("redriven").intValue()).isEqualTo(2);
        assertThat(answer.get("failed").intValue()).isZero();
        assertThat(message(answer, a1).get("result").asText()).isEqualTo("redriven");
        assertThat(message(answer, a1).get("resend").get("messageDeduplicationId").asText()).isEqualTo("redrive-" + a1);
        assertThat(message(answer, a1).get("resend").has("body")).as("no fix, body sent as it is").isFalse();
        List<Message> arrived = SQS.drain(source);
        assertThat(arrived).extracting(Message::body)
                .containsExactlyInAnyOrder(envelope("e-a1", "ord-A", 1), envelope("e-b1", "ord-B", 1));
        Message first = arrived.stream().filter(m -> m.body().contains("e-a1")).findFirst().orElseThrow();
        assertThat(first.messageId()).isEqualTo(message(answer, a1).get("newMessageId").asText());
        assertThat(first.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo("ord-A");
        assertThat(first.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID)).isEqualTo("redrive-" + a1);
        assertThat(first.messageAttributes()).containsOnlyKeys("eventType", "correlationId", "redrivenAt", "redrivenFrom");
        assertThat(first.messageAttributes().get("eventType").stringValue()).isEqualTo("OrderPlaced");
        assertThat(first.messageAttributes().get("correlationId").stringValue()).isEqualTo("corr-e-a1");
        assertThat(first.messageAttributes().get("redrivenFrom").stringValue()).isEqualTo(dlq);
        assertThat(first.messageAttributes().get("redrivenAt").stringValue()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        Message second = arrived.stream().filter(m -> m.body().contains("e-b1")).findFirst().orElseThrow();
        assertThat(second.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo("cust-B");
        assertThat(SQS.drain(dlq)).isEmpty();
    }

    @Test
    void redriveKeepsTheOrderOfMessagesWithinAGroup() throws IOException {
        park("ord-A", envelope("e-a1", "ord-A", 1), Map.of());
        park("ord-B", envelope("e-b1", "ord-B", 1), Map.of());
        park("ord-A", envelope("e-a2", "ord-A", 2), Map.of());
        park("ord-A", envelope("e-a3", "ord-A", 3), Map.of());

        JsonNode answer = invoke("{\"action\": \"redrive\", \"queue\": \"inventory\"}");

        assertThat(answer.get("redriven").intValue()).isEqualTo(4);
        List<String> groupA = SQS.drain(source).stream()
                .filter(m -> "ord-A".equals(m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)))
                .map(m -> eventId(m.body())).toList();
        assertThat(groupA).containsExactly("e-a1", "e-a2", "e-a3");
    }

    @Test
    void redriveByEventIdLeavesTheOtherMessagesInTheDeadLetterQueue() throws IOException {
        String a1 = park("ord-A", envelope("e-a1", "ord-A", 1), Map.of());
        String b1 = park("ord-B", envelope("e-b1", "ord-B", 1), Map.of());
        String c1 = park("ord-C", "not json", Map.of());

        JsonNode answer = invoke("{\"action\": \"redrive\", \"queue\": \"inventory\", \"eventIds\": [\"e-b1\"]}");

        assertThat(answer.get("selected").intValue()).isEqualTo(1);
        assertThat(answer.get("redriven").intValue()).isEqualTo(1);
        assertThat(message(answer, a1).get("result").asText()).isEqualTo("notSelected");
        assertThat(message(answer, c1).get("result").asText()).isEqualTo("notSelected");
        assertThat(SQS.drain(source)).extracting(m -> eventId(m.body())).containsExactly("e-b1");
        assertThat(SQS.drain(dlq)).extracting(Message::messageId).containsExactlyInAnyOrder(a1, c1).doesNotContain(b1);
    }

    @Test
    void redriveAppliesTheFixToEachSelectedBody() throws IOException {
        park("ord-A", envelope("e-a1", "ord-A", 1).replace("SKU-1", "bad sku"), Map.of());
        park("ord-A", envelope("e-a2", "ord-A", 2).replace("\"schemaVersion\":1", "\"schemaVersion\":1,\"bogus\":0"), Map.of());

        JsonNode answer = invoke("""
                {"action": "redrive", "queue": "inventory",
                 "fix": {"set": {"/payload/items/0/sku": "SKU-7"}, "remove": ["/bogus"]}}""");

        assertThat(answer.get("redriven").intValue()).isEqualTo(2);
        List<Message> arrived = SQS.drain(source);
        assertThat(arrived).hasSize(2);
        for (Message message : arrived) {
            JsonNode body = Json.MAPPER.readTree(message.body());
            assertThat(body.at("/payload/items/0/sku").asText()).isEqualTo("SKU-7");
            assertThat(body.has("bogus")).isFalse();
            assertThat(body.at("/payload/total").decimalValue()).isEqualByComparingTo("44.98");
        }
        assertThat(answer.get("messages").get(0).get("resend").get("body").asText())
                .isEqualTo(arrived.get(0).body());
        assertThat(SQS.drain(dlq)).isEmpty();
    }

    @Test
    void redriveReplacesAnUnparseableBodyPickedByMessageId() throws IOException {
        String broken = park("ord-A", "{\"eventId\": \"e-a1\", truncated", Map.of("eventType", "OrderPlaced"));
        String other = park("ord-B", "also broken", Map.of());
        String repaired = envelope("e-a1", "ord-A", 1);

        JsonNode answer = invoke(Json.write(Map.of("action", "redrive", "queue", "inventory",
                "messageIds", List.of(broken), "fix", Map.of("replaceBody", repaired))));

        assertThat(message(answer, broken).get("result").asText()).isEqualTo("redriven");
        List<Message> arrived = SQS.drain(source);
        assertThat(arrived).extracting(Message::body).containsExactly(repaired);
        assertThat(arrived.get(0).messageAttributes().get("eventType").stringValue()).isEqualTo("OrderPlaced");
        assertThat(SQS.drain(dlq)).extracting(Message::messageId).containsExactly(other);
    }

    @Test
    void aFixThatFailsLeavesTheMessageAndSkipsTheRestOfItsGroup() throws IOException {
        String a1 = park("ord-A", "not json", Map.of());
        String a2 = park("ord-A", envelope("e-a2", "ord-A", 2), Map.of());
        String b1 = park("ord-B", envelope("e-b1", "ord-B", 1), Map.of());

        JsonNode answer = invoke("{\"action\": \"redrive\", \"queue\": \"inventory\", \"fix\": {\"set\": {\"/schemaVersion\": 2}}}");

        assertThat(answer.get("redriven").intValue()).isEqualTo(1);
        assertThat(answer.get("failed").intValue()).isEqualTo(1);
        assertThat(answer.get("skipped").intValue()).isEqualTo(1);
        assertThat(message(answer, a1).get("result").asText()).isEqualTo("failed");
        assertThat(message(answer, a1).get("error").asText()).startsWith("fix: body is not valid JSON");
        assertThat(message(answer, a2).get("result").asText()).isEqualTo("skipped");
        assertThat(message(answer, a2).get("reason").asText()).contains("group ord-A");
        assertThat(message(answer, b1).get("result").asText()).isEqualTo("redriven");
        assertThat(SQS.drain(source)).extracting(m -> eventId(m.body())).containsExactly("e-b1");
        assertThat(SQS.drain(dlq)).extracting(Message::messageId).containsExactly(a1, a2);
    }

    @Test
    void dryRunReportsWhatWouldBeSentAndChangesNothing() throws IOException {
        String a1 = park("ord-A", envelope("e-a1", "ord-A", 1), parked("bad sku"));
        String b1 = park("ord-B", envelope("e-b1", "ord-B", 1), Map.of());

        JsonNode answer = invoke("""
                {"action": "redrive", "queue": "inventory", "dryRun": true,
                 "fix": {"set": {"/payload/items/0/sku": "SKU-7"}}}""");

        assertThat(answer.get("dryRun").booleanValue()).isTrue();
        assertThat(answer.get("wouldRedrive").intValue()).isEqualTo(2);
        assertThat(answer.get("redriven").intValue()).isZero();
        JsonNode first = message(answer, a1);
        assertThat(first.get("result").asText()).isEqualTo("wouldRedrive");
        assertThat(first.get("body").asText()).isEqualTo(envelope("e-a1", "ord-A", 1));
        JsonNode resend = first.get("resend");
        assertThat(resend.get("messageGroupId").asText()).isEqualTo("ord-A");
        assertThat(resend.get("messageDeduplicationId").asText()).isEqualTo("redrive-" + a1);
        assertThat(Json.MAPPER.readTree(resend.get("body").asText()).at("/payload/items/0/sku").asText()).isEqualTo("SKU-7");
        assertThat(resend.get("messageAttributes").get("redrivenFrom").asText()).isEqualTo(dlq);
        assertThat(resend.get("messageAttributes").has("parkReason")).isFalse();
        assertThat(SQS.drain(source)).isEmpty();
        List<Message> left = SQS.drain(dlq);
        assertThat(left).extracting(Message::messageId).containsExactlyInAnyOrder(a1, b1);
        assertThat(left).extracting(Message::body)
                .containsExactlyInAnyOrder(envelope("e-a1", "ord-A", 1), envelope("e-b1", "ord-B", 1));
    }

    @Test
    void aFailedSendLeavesTheMessageInTheDeadLetterQueueAndReportsIt() throws IOException {
        String a1 = park("ord-A", envelope("e-a1", "ord-A", 1), Map.of());
        String a2 = park("ord-A", envelope("e-a2", "ord-A", 2), Map.of());
        String missing = SQS.endpoint() + "/000000000000/no-such-queue-" + UUID.randomUUID() + ".fifo";

        JsonNode answer = invoke(handler(dlq, missing), "{\"action\": \"redrive\", \"queue\": \"inventory\"}");

        assertThat(answer.get("redriven").intValue()).isZero();
        assertThat(answer.get("failed").intValue()).isEqualTo(1);
        assertThat(answer.get("skipped").intValue()).isEqualTo(1);
        assertThat(message(answer, a1).get("result").asText()).isEqualTo("failed");
        assertThat(message(answer, a1).get("error").asText()).startsWith("send: SendMessageBatch:");
        assertThat(message(answer, a2).get("result").asText()).isEqualTo("skipped");
        assertThat(SQS.drain(dlq)).extracting(Message::messageId).containsExactly(a1, a2);
    }

    @Test
    void aRefusedRequestIsAnsweredWithAnErrorAndTouchesNoMessage() throws IOException {
        park("ord-A", envelope("e-a1", "ord-A", 1), Map.of());

        JsonNode unknownQueue = invoke("{\"action\": \"redrive\", \"queue\": \"billing\"}");
        JsonNode notJson = invoke("redrive everything");
        JsonNode fixOnPeek = invoke("{\"action\": \"peek\", \"queue\": \"inventory\", \"fix\": {\"remove\": [\"/a\"]}}");

        assertThat(unknownQueue.get("error").asText()).isEqualTo("unknown queue \"billing\"; known: inventory");
        assertThat(unknownQueue.get("field").asText()).isEqualTo("queue");
        assertThat(notJson.get("error").asText()).startsWith("request is not valid JSON");
        assertThat(notJson.has("field")).isFalse();
        assertThat(fixOnPeek.get("field").asText()).isEqualTo("fix");
        List<Message> left = SQS.drain(dlq);
        assertThat(left).hasSize(1);
        assertThat(left.get(0).attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .as("never received by the tool").isEqualTo("1");
        assertThat(SQS.drain(source)).isEmpty();
    }

    @Test
    void anUnreachableDeadLetterQueueFailsTheInvocation() {
        String missing = SQS.endpoint() + "/000000000000/no-such-dlq-" + UUID.randomUUID() + ".fifo";
        DlqRedriveHandler handler = handler(missing, source);

        assertThatThrownBy(() -> invoke(handler, "{\"action\": \"peek\", \"queue\": \"inventory\"}"))
                .isInstanceOf(QueueDoesNotExistException.class);
    }

    // ------------------------------------------------------------------ helpers

    private DlqRedriveHandler handler(String deadLetterQueueUrl, String sourceQueueUrl) {
        Map<String, String> variables = new HashMap<>(SQS.environment());
        variables.put("REDRIVE_QUEUES", Json.write(Map.of("inventory",
                Map.of("deadLetterQueueUrl", deadLetterQueueUrl, "sourceQueueUrl", sourceQueueUrl))));
        Env env = Env.of(variables);
        return new DlqRedriveHandler(RedriveService.fromEnvironment(env, new AwsClients(env)));
    }

    private JsonNode invoke(String request) throws IOException {
        return invoke(handler(dlq, source), request);
    }

    private static JsonNode invoke(DlqRedriveHandler handler, String request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out,
                FakeContext.withRemainingMillis(30_000));
        return Json.MAPPER.readTree(out.toByteArray());
    }

    private static String envelope(String eventId, String orderId, long sequence) {
        return "{\"eventId\":\"" + eventId + "\",\"eventType\":\"OrderPlaced\",\"aggregateId\":\"" + orderId
                + "\",\"customerId\":\"cust-42\",\"sequence\":" + sequence
                + ",\"occurredAt\":\"2026-11-21T10:00:00Z\",\"correlationId\":\"corr-" + eventId
                + "\",\"schemaVersion\":1,\"payload\":{\"currency\":\"EUR\",\"total\":44.98,"
                + "\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":\"22.49\"}]}}";
    }

    private static Map<String, String> parked(String reason) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("parkReason", reason);
        attributes.put("parkedFrom", "https://sqs.example/inventory.fifo");
        attributes.put("parkedAt", "2026-11-21T10:00:00Z");
        attributes.put("originalMessageId", "orig-1");
        return attributes;
    }

    /** Puts a message straight into the dead-letter queue, as SQS or a parking consumer would; returns its id. */
    private String park(String groupId, String body, Map<String, String> extraAttributes) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        String eventId = eventId(body);
        if (eventId != null) {
            attributes.put("eventType", string("OrderPlaced"));
            attributes.put("correlationId", string("corr-" + eventId));
        }
        extraAttributes.forEach((name, value) -> attributes.put(name, string(value)));
        return SQS.client().sendMessage(r -> r.queueUrl(dlq).messageBody(body).messageGroupId(groupId)
                .messageDeduplicationId(UUID.randomUUID().toString()).messageAttributes(attributes)).messageId();
    }


    private static JsonNode message(JsonNode answer, String messageId) {
        return StreamSupport.stream(answer.get("messages").spliterator(), false)
                .filter(m -> m.get("messageId").asText().equals(messageId))
                .findFirst().orElseThrow(() -> new AssertionError("no message " + messageId + " in " + answer));
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static String eventId(String body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node != null && node.has("eventId") ? node.get("eventId").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
