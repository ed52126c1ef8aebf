package io.github.orderevents.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.Json;
import io.github.orderevents.aws.testing.EmbeddedSqs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.github.orderevents.redrive.DlqRedriveHandlerTest.attributes;
import static io.github.orderevents.redrive.DlqRedriveHandlerTest.envelope;
import static io.github.orderevents.redrive.DlqRedriveHandlerTest.invoke;
import static io.github.orderevents.redrive.DlqRedriveHandlerTest.message;
import static io.github.orderevents.redrive.DlqRedriveHandlerTest.parked;
import static io.github.orderevents.redrive.DlqRedriveHandlerTest.replaceBodyRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler as Lambda builds it ({@link RedriveService#fromEnvironment}), end to end on ElasticMQ: what it
 * reads from SQS's message attributes, and what arrives on the source queue. The logic is in {@link DlqRedriveHandlerTest}.
 */
class DlqRedriveOnSqsTest {
    @RegisterExtension
    static final EmbeddedSqs SQS = new EmbeddedSqs();

    private String source;
    private String dlq;
    private DlqRedriveHandler handler;

    @BeforeEach
    void createQueues() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        source = SQS.createFifoQueue("inventory-" + run);
        dlq = SQS.createFifoQueue("inventory-dlq-" + run);
        Map<String, String> variables = new HashMap<>(SQS.environment());
        variables.put("OUTBOX_TABLE", "outbox-not-read-by-this-test");
        variables.put("REDRIVE_QUEUES", Json.write(Map.of("inventory",
                Map.of("deadLetterQueueUrl", dlq, "sourceQueueUrl", source))));
        Env env = Env.of(variables);
        handler = new DlqRedriveHandler(RedriveService.fromEnvironment(env, new AwsClients(env)));
    }

    @Test
    void peekListsAMessageWithWhatSqsSaysOfItAndLeavesItReceivable() throws IOException {
        String a1 = park("ord-A", envelope("e-a1", "ord-A", 1), parked("unknown sku"));

        JsonNode listed = message(invoke(handler, "{\"action\": \"peek\", \"queue\": \"inventory\"}"), a1);

        assertThat(listed.get("result").asText()).isEqualTo("listed");
        assertThat(listed.get("messageGroupId").asText()).isEqualTo("ord-A");
        assertThat(listed.get("eventId").asText()).isEqualTo("e-a1");
        assertThat(listed.get("correlationId").asText()).isEqualTo("corr-e-a1");
        assertThat(listed.get("receiveCount").intValue()).isEqualTo(1);
        assertThat(listed.get("sentTimestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(listed.get("parkReason").asText()).isEqualTo("unknown sku");
        assertThat(listed.get("originalMessageId").asText()).isEqualTo("orig-1");
        assertThat(listed.get("body").asText()).isEqualTo(envelope("e-a1", "ord-A", 1));
        assertThat(SQS.drain(dlq)).extracting(Message::messageId).containsExactly(a1);
    }

    @Test
    void redriveSendsEveryMessageBackWithItsGroupAttributesAndARedriveDeduplicationId() throws IOException {
        String a1 = park("ord-A", envelope("e-a1", "ord-A", 1), parked("unknown sku"));
        park("cust-B", envelope("e-b1", "ord-B", 1), parked("timeout"));

        JsonNode answer = invoke(handler, "{\"action\": \"redrive\", \"queue\": \"inventory\"}");

        assertThat(answer.get("redriven").intValue()).isEqualTo(2);
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
    void redriveWithAFixSendsTheRepairedBodyAndLeavesTheRestInTheDeadLetterQueue() throws IOException {
        String broken = park("ord-A", "{\"eventId\": \"e-a1\", truncated", Map.of("eventType", "OrderPlaced"));
        String other = park("ord-B", "also broken", Map.of());
        String repaired = envelope("e-a1", "ord-A", 1);

        JsonNode answer = invoke(handler, replaceBodyRequest(broken, repaired));

        assertThat(message(answer, broken).get("result").asText()).isEqualTo("redriven");
        List<Message> arrived = SQS.drain(source);
        assertThat(arrived).extracting(Message::body).containsExactly(repaired);
        assertThat(arrived.get(0).messageAttributes().get("eventType").stringValue()).isEqualTo("OrderPlaced");
        assertThat(SQS.drain(dlq)).extracting(Message::messageId).containsExactly(other);
    }

    /** Puts a message straight into the dead-letter queue, as SQS or a parking consumer would; returns its id. */
    private String park(String groupId, String body, Map<String, String> extraAttributes) {
        return SQS.client().sendMessage(r -> r.queueUrl(dlq).messageBody(body).messageGroupId(groupId)
                .messageDeduplicationId(UUID.randomUUID().toString())
                .messageAttributes(attributes(body, extraAttributes))).messageId();
    }
}
