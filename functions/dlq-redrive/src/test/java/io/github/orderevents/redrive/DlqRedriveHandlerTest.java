package io.github.orderevents.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.Json;
import io.github.orderevents.aws.events.EventCodec;
import io.github.orderevents.aws.testing.FakeContext;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.testing.Orders;
import io.github.orderevents.redrive.InMemoryFifoQueues.Stored;
import io.github.orderevents.domain.testing.InMemoryPendingOutbox;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The handler's logic on in-memory FIFO queues (which pass {@link FifoQueuesContract}), including the
 * per-entry failures SQS reports; {@link DlqRedriveOnSqsTest} runs it end to end on ElasticMQ (there also:
 * replacing an unparseable body picked by message id).
 */
class DlqRedriveHandlerTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private final InMemoryFifoQueues sqs = new InMemoryFifoQueues();
    private final InMemoryPendingOutbox outboxRows = new InMemoryPendingOutbox();
    private String source;
    private String dlq;

    @BeforeEach
    void createQueues() {
        source = sqs.createQueue("inventory");
        dlq = sqs.createQueue("inventory-dlq");
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

        assertThat(sqs.drain(dlq)).extracting(Stored::messageId).containsExactlyInAnyOrder(a1, a2, b1);
        assertThat(sqs.drain(source)).isEmpty();
    }

    @Test
    void peekSaysWhyConsumersRefuseABodyAndNothingForOneTheyAccept() throws IOException {
        String valid = EventCodec.encode(Orders.event(EventType.OrderPlaced, "ord-A", "cust-A", 1));
        String accepted = park("ord-A", valid, Map.of());
        String wrongType = park("ord-B", valid.replace("\"schemaVersion\":1", "\"schemaVersion\":\"1\""), Map.of());
        String notJson = park("ord-C", "not json at all", Map.of());

        JsonNode answer = invoke("{\"action\": \"peek\", \"queue\": \"inventory\"}");

        assertThat(message(answer, accepted).has("envelopeProblem")).isFalse();
        assertThat(message(answer, wrongType).get("envelopeProblem").asText())
                .isEqualTo("schemaVersion is missing or not a whole number");
        assertThat(message(answer, notJson).get("envelopeProblem").asText()).startsWith("body is not valid JSON");
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
        ThreeGroups parked = parkThreeGroups();

        JsonNode answer = invoke("{\"action\": \"peek\", \"queue\": \"inventory\", \"eventIds\": [\"e-b1\", \"e-zz\"]}");

        assertThat(answer.get("examined").intValue()).isEqualTo(3);
        assertThat(answer.get("selected").intValue()).isEqualTo(1);
        assertThat(message(answer, parked.b1()).get("result").asText()).isEqualTo("listed");
        assertThat(message(answer, parked.a1()).get("result").asText()).isEqualTo("notSelected");
        assertThat(message(answer, parked.a1()).has("body")).isFalse();
        assertThat(message(answer, parked.c1()).get("result").asText()).isEqualTo("notSelected");
        assertThat(texts(answer.get("notFound"))).containsExactly("e-zz");
        assertThat(sqs.drain(dlq)).hasSize(3);
    }

    @Test
    void peekLooksAtNoMoreThanMax() throws IOException {
        for (int i = 0; i < 5; i++) {
            park("ord-" + i, envelope("e-" + i, "ord-" + i, 1), Map.of());
        }

        JsonNode answer = invoke("{\"action\": \"peek\", \"queue\": \"inventory\", \"max\": 2}");

        assertThat(answer.get("examined").intValue()).isEqualTo(2);
        assertThat(answer.get("messages")).hasSize(2);
        assertThat(sqs.drain(dlq)).hasSize(5);
    }

    // ------------------------------------------------------------------ redrive

    @Test
    void redriveSendsEveryMessageBackWithItsGroupAttributesAndARedriveDeduplicationId() throws IOException {
        String a1 = park("ord-A", envelope("e-a1", "ord-A", 1), parked("unknown sku"));
        park("cust-B", envelope("e-b1", "ord-B", 1), parked("timeout"));

        JsonNode answer = invoke("{\"action\": \"redrive\", \"queue\": \"inventory\"}");

        assertThat(answer.get("redriven").intValue()).isEqualTo(2);
        assertThat(answer.get("failed").intValue()).isZero();
        assertThat(message(answer, a1).get("result").asText()).isEqualTo("redriven");
        assertThat(message(answer, a1).get("resend").get("messageDeduplicationId").asText()).isEqualTo("redrive-" + a1);
        assertThat(message(answer, a1).get("resend").has("body")).as("no fix, body sent as it is").isFalse();
        List<Stored> arrived = sqs.drain(source);
        assertThat(arrived).extracting(Stored::body)
                .containsExactlyInAnyOrder(envelope("e-a1", "ord-A", 1), envelope("e-b1", "ord-B", 1));
        Stored first = arrived.stream().filter(m -> m.body().contains("e-a1")).findFirst().orElseThrow();
        assertThat(first.messageId()).isEqualTo(message(answer, a1).get("newMessageId").asText());
        assertThat(first.groupId()).isEqualTo("ord-A");
        assertThat(first.deduplicationId()).isEqualTo("redrive-" + a1);
        assertThat(first.attributes()).containsOnlyKeys("eventType", "correlationId", "redrivenAt", "redrivenFrom");
        assertThat(first.attributes().get("eventType").stringValue()).isEqualTo("OrderPlaced");
        assertThat(first.attributes().get("correlationId").stringValue()).isEqualTo("corr-e-a1");
        assertThat(first.attributes().get("redrivenFrom").stringValue()).isEqualTo(dlq);
        assertThat(first.attributes().get("redrivenAt").stringValue()).isEqualTo(NOW.toString());
        Stored second = arrived.stream().filter(m -> m.body().contains("e-b1")).findFirst().orElseThrow();
        assertThat(second.groupId()).isEqualTo("cust-B");
        assertThat(sqs.drain(dlq)).isEmpty();
    }

    @Test
    void redriveKeepsTheOrderOfMessagesWithinAGroup() throws IOException {
        park("ord-A", envelope("e-a1", "ord-A", 1), Map.of());
        park("ord-B", envelope("e-b1", "ord-B", 1), Map.of());
        park("ord-A", envelope("e-a2", "ord-A", 2), Map.of());
        park("ord-A", envelope("e-a3", "ord-A", 3), Map.of());

        JsonNode answer = invoke("{\"action\": \"redrive\", \"queue\": \"inventory\"}");

        assertThat(answer.get("redriven").intValue()).isEqualTo(4);
        assertThat(sqs.drain(source)).filteredOn(m -> m.groupId().equals("ord-A"))
                .extracting(m -> eventId(m.body())).containsExactly("e-a1", "e-a2", "e-a3");
    }

    @Test
    void aBatchHoldsOneMessagePerGroup() throws IOException {
        park("cust-A", envelope("e-a1", "ord-A", 1), Map.of());
        park("cust-A", envelope("e-a2", "ord-A", 2), Map.of());
        park("cust-B", envelope("e-b1", "ord-B", 1), Map.of());

        invoke("{\"action\": \"redrive\", \"queue\": \"inventory\"}");

        assertThat(sqs.sentBatches).containsExactly(List.of("cust-A", "cust-B"), List.of("cust-A"));
    }

    @Test
    void redriveByEventIdLeavesTheOtherMessagesInTheDeadLetterQueue() throws IOException {
        ThreeGroups parked = parkThreeGroups();

        JsonNode answer = invoke("{\"action\": \"redrive\", \"queue\": \"inventory\", \"eventIds\": [\"e-b1\"]}");

        assertThat(answer.get("selected").intValue()).isEqualTo(1);
        assertThat(answer.get("redriven").intValue()).isEqualTo(1);
        assertThat(message(answer, parked.a1()).get("result").asText()).isEqualTo("notSelected");
        assertThat(message(answer, parked.c1()).get("result").asText()).isEqualTo("notSelected");
        assertThat(sqs.drain(source)).extracting(m -> eventId(m.body())).containsExactly("e-b1");
        assertThat(sqs.drain(dlq)).extracting(Stored::messageId).containsExactlyInAnyOrder(parked.a1(), parked.c1());
    }

    @Test
    void redriveAppliesTheFixToEachSelectedBody() throws IOException {
        park("ord-A", envelope("e-a1", "ord-A", 1).replace("SKU-1", "bad sku"), Map.of());
        park("ord-A", envelope("e-a2", "ord-A", 2).replace("\"schemaVersion\":1", "\"schemaVersion\":1,\"bogus\":0"), Map.of());

        JsonNode answer = invoke("""
                {"action": "redrive", "queue": "inventory",
                 "fix": {"set": {"/payload/items/0/sku": "SKU-7"}, "remove": ["/bogus"]}}""");

        assertThat(answer.get("redriven").intValue()).isEqualTo(2);
        List<Stored> arrived = sqs.drain(source);
        assertThat(arrived).hasSize(2);
        for (Stored message : arrived) {
            JsonNode body = Json.MAPPER.readTree(message.body());
            assertThat(body.at("/payload/items/0/sku").asText()).isEqualTo("SKU-7");
            assertThat(body.has("bogus")).isFalse();
            assertThat(body.at("/payload/total").decimalValue()).isEqualByComparingTo("44.98");
        }
        assertThat(answer.get("messages").get(0).get("resend").get("body").asText()).isEqualTo(arrived.get(0).body());
        assertThat(sqs.drain(dlq)).isEmpty();
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
        assertThat(sqs.drain(source)).extracting(m -> eventId(m.body())).containsExactly("e-b1");
        assertThat(sqs.drain(dlq)).extracting(Stored::messageId).containsExactly(a1, a2);
    }

    @Test
    void aRefusedEntryStopsItsGroupWhileOtherGroupsGoOn() throws IOException {
        String a1 = park("cust-A", envelope("e-a1", "ord-A", 1), Map.of());
        String a2 = park("cust-A", envelope("e-a2", "ord-A", 2), Map.of());
        String a3 = park("cust-A", envelope("e-a3", "ord-A", 3), Map.of());
        String b1 = park("cust-B", envelope("e-b1", "ord-B", 1), Map.of());
        String b2 = park("cust-B", envelope("e-b2", "ord-B", 2), Map.of());
        sqs.refuseSendIf(resend -> resend.body().contains("\"e-a2\""));

        JsonNode answer = invoke("{\"action\": \"redrive\", \"queue\": \"inventory\"}");

        assertThat(result(answer, a1)).isEqualTo("redriven");
        assertThat(result(answer, a2)).isEqualTo("failed");
        assertThat(message(answer, a2).get("error").asText()).isEqualTo("send: InternalError: refused by the test");
        assertThat(result(answer, a3)).isEqualTo("skipped");
        assertThat(result(answer, b1)).isEqualTo("redriven");
        assertThat(result(answer, b2)).isEqualTo("redriven");
        assertThat(answer.get("redriven").intValue()).isEqualTo(3);
        assertThat(answer.get("failed").intValue()).isEqualTo(1);
        assertThat(answer.get("skipped").intValue()).isEqualTo(1);
        assertThat(sqs.drain(source)).extracting(m -> eventId(m.body())).containsExactlyInAnyOrder("e-a1", "e-b1", "e-b2");
        assertThat(sqs.drain(dlq)).extracting(Stored::messageId).containsExactly(a2, a3);
    }

    @Test
    void aMessageSentButNotDeletedIsReportedRedrivenWithAWarning() throws IOException {
        String a1 = park("cust-A", envelope("e-a1", "ord-A", 1), Map.of());
        sqs.refuseDeleteOf(a1);

        JsonNode answer = invoke("{\"action\": \"redrive\", \"queue\": \"inventory\"}");

        assertThat(result(answer, a1)).isEqualTo("redriven");
        assertThat(message(answer, a1).get("warning").asText())
                .startsWith("sent, but not deleted from the dead-letter queue (InternalError: refused by the test)");
        assertThat(message(answer, a1).get("resend").get("messageAttributes").get("redrivenAt").asText())
                .isEqualTo(NOW.toString());
        assertThat(sqs.drain(source)).hasSize(1);
        assertThat(sqs.drain(dlq)).extracting(Stored::messageId).as("made visible again").containsExactly(a1);
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
        assertThat(sqs.drain(source)).isEmpty();
        List<Stored> left = sqs.drain(dlq);
        assertThat(left).extracting(Stored::messageId).containsExactlyInAnyOrder(a1, b1);
        assertThat(left).extracting(Stored::body)
                .containsExactlyInAnyOrder(envelope("e-a1", "ord-A", 1), envelope("e-b1", "ord-B", 1));
    }

    @Test
    void aFailedSendLeavesTheMessageInTheDeadLetterQueueAndReportsIt() throws IOException {
        String a1 = park("ord-A", envelope("e-a1", "ord-A", 1), Map.of());
        String a2 = park("ord-A", envelope("e-a2", "ord-A", 2), Map.of());
        String missing = "https://sqs.in-memory/000000000000/no-such-queue.fifo";

        JsonNode answer = invoke(handler(dlq, missing), "{\"action\": \"redrive\", \"queue\": \"inventory\"}");

        assertThat(answer.get("redriven").intValue()).isZero();
        assertThat(answer.get("failed").intValue()).isEqualTo(1);
        assertThat(answer.get("skipped").intValue()).isEqualTo(1);
        assertThat(message(answer, a1).get("result").asText()).isEqualTo("failed");
        assertThat(message(answer, a1).get("error").asText()).startsWith("send: SendMessageBatch:");
        assertThat(message(answer, a2).get("result").asText()).isEqualTo("skipped");
        assertThat(sqs.drain(dlq)).extracting(Stored::messageId).containsExactly(a1, a2);
    }

    // ------------------------------------------------------------------ refusals

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
        assertThat(sqs.drain(dlq)).singleElement()
                .satisfies(left -> assertThat(left.receiveCount()).as("never received by the tool").isZero());
        assertThat(sqs.drain(source)).isEmpty();
    }

    @Test
    void anUnreachableDeadLetterQueueFailsTheInvocation() {
        // On SQS the receive throws QueueDoesNotExistException (SqsFifoQueuesTest); the handler lets it through.
        DlqRedriveHandler handler = handler("https://sqs.in-memory/000000000000/no-such-dlq.fifo", source);

        assertThatThrownBy(() -> invoke(handler, "{\"action\": \"peek\", \"queue\": \"inventory\"}"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no-such-dlq");
    }

    // ------------------------------------------------------------------ helpers

    /** Messages of three groups: e-a1 of ord-A, e-b1 of ord-B, and a body of ord-C that is not JSON. */
    private record ThreeGroups(String a1, String b1, String c1) {
    }

    private ThreeGroups parkThreeGroups() {
        return new ThreeGroups(park("ord-A", envelope("e-a1", "ord-A", 1), Map.of()),
                park("ord-B", envelope("e-b1", "ord-B", 1), Map.of()), park("ord-C", "not json", Map.of()));
    }

    private DlqRedriveHandler handler(String deadLetterQueueUrl, String sourceQueueUrl) {
        return new DlqRedriveHandler(new RedriveService(
                new RedriveQueues(Map.of("inventory", new RedriveQueues.Route(deadLetterQueueUrl, sourceQueueUrl))),
                sqs, new OutboxRepair(outboxRows, outboxRows), Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private JsonNode invoke(String request) throws IOException {
        return invoke(handler(dlq, source), request);
    }

    private String park(String groupId, String body, Map<String, String> extraAttributes) {
        return sqs.put(dlq, groupId, body, attributes(body, extraAttributes));
    }

    // Shared with DlqRedriveOnSqsTest: the request, the bodies and attributes of parked messages, reading the answer.

    static JsonNode invoke(DlqRedriveHandler handler, String request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out,
                FakeContext.withRemainingMillis(30_000));
        return Json.MAPPER.readTree(out.toByteArray());
    }

    static String replaceBodyRequest(String messageId, String body) {
        return Json.write(Map.of("action", "redrive", "queue", "inventory",
                "messageIds", List.of(messageId), "fix", Map.of("replaceBody", body)));
    }

    static String envelope(String eventId, String orderId, long sequence) {
        return "{\"eventId\":\"" + eventId + "\",\"eventType\":\"OrderPlaced\",\"aggregateId\":\"" + orderId
                + "\",\"customerId\":\"cust-42\",\"sequence\":" + sequence
                + ",\"occurredAt\":\"2026-11-21T10:00:00Z\",\"correlationId\":\"corr-" + eventId
                + "\",\"schemaVersion\":1,\"payload\":{\"currency\":\"EUR\",\"total\":44.98,"
                + "\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":\"22.49\"}]}}";
    }

    static Map<String, String> parked(String reason) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("parkReason", reason);
        attributes.put("parkedFrom", "https://sqs.example/inventory.fifo");
        attributes.put("parkedAt", "2026-11-21T10:00:00Z");
        attributes.put("originalMessageId", "orig-1");
        return attributes;
    }

    /** The attributes a message parked with {@code body} carries, as SQS or a parking consumer would set them. */
    static Map<String, MessageAttributeValue> attributes(String body, Map<String, String> extraAttributes) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        String eventId = eventId(body);
        if (eventId != null) {
            attributes.put("eventType", string("OrderPlaced"));
            attributes.put("correlationId", string("corr-" + eventId));
        }
        extraAttributes.forEach((name, value) -> attributes.put(name, string(value)));
        return attributes;
    }

    static JsonNode message(JsonNode answer, String messageId) {
        return StreamSupport.stream(answer.get("messages").spliterator(), false)
                .filter(m -> m.get("messageId").asText().equals(messageId))
                .findFirst().orElseThrow(() -> new AssertionError("no message " + messageId + " in " + answer));
    }

    private static String result(JsonNode answer, String messageId) {
        return message(answer, messageId).get("result").asText();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    static String eventId(String body) {
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
