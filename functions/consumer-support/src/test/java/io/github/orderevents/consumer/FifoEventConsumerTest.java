package io.github.orderevents.consumer;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.testing.EmbeddedSqs;
import io.github.orderevents.aws.testing.FakeContext;
import io.github.orderevents.consumer.ScriptedEventConsumer.Behaviour;
import io.github.orderevents.domain.EventType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * FifoEventConsumer as deployed, with real parking in an ElasticMQ FIFO dead-letter queue; only the domain
 * consumer is a script. Fixture: events/notifications-mixed-groups.json, groups cust-a / cust-b as
 * A1 B1 A2 B2 A3 B3.
 */
class FifoEventConsumerTest {
    @RegisterExtension
    static final EmbeddedSqs SQS = new EmbeddedSqs();

    private static final String NAME = "test-consumer";
    private static final String SOURCE_ARN = "arn:aws:sqs:eu-west-1:123456789012:order-events-notifications.fifo";

    private static final String A1 = "a1a1a1a1-0000-4000-8000-000000000001";
    private static final String B1 = "b1b1b1b1-0000-4000-8000-000000000001";
    private static final String A2 = "a2a2a2a2-0000-4000-8000-000000000002";
    private static final String B2 = "b2b2b2b2-0000-4000-8000-000000000002";
    private static final String A3 = "a3a3a3a3-0000-4000-8000-000000000003";
    private static final String B3 = "b3b3b3b3-0000-4000-8000-000000000003";
    private static final String MSG_A1 = "00000000-0000-0000-0000-00000000100a";
    private static final String MSG_A2 = "00000000-0000-0000-0000-00000000100c";
    private static final String MSG_B2 = "00000000-0000-0000-0000-00000000100d";
    private static final String MSG_A3 = "00000000-0000-0000-0000-00000000100e";

    private String deadLetterQueue;

    @BeforeEach
    void freshQueue() {
        // A queue per test on one server: parked messages belong to this test.
        deadLetterQueue = SQS.createFifoQueue("dlq-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private FifoEventConsumer consumer(ScriptedEventConsumer script) {
        return consumer(script, deadLetterQueue);
    }

    private FifoEventConsumer consumer(ScriptedEventConsumer script, String deadLetterQueueUrl) {
        Map<String, String> variables = new HashMap<>(SQS.environment());
        variables.put("DEAD_LETTER_QUEUE_URL", deadLetterQueueUrl);
        Env env = Env.of(variables);
        return FifoEventConsumer.fromEnvironment(NAME, script, env, new AwsClients(env));
    }

    private static SQSEvent fixture() {
        return EventLoader.loadSQSEvent("events/notifications-mixed-groups.json");
    }

    private static SQSEvent only(SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(messages));
        return event;
    }

    private static SQSMessage recordOf(SQSEvent event, String messageId) {
        return event.getRecords().stream().filter(m -> m.getMessageId().equals(messageId)).findFirst().orElseThrow();
    }

    private static SQSBatchResponse handle(FifoEventConsumer consumer, SQSEvent event) {
        return consumer.handle(event, FakeContext.withRemainingMillis(30_000));
    }

    private static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    /** Every message in the DLQ (received and deleted), read until a receive comes back empty. */
    private List<Message> parked() {
        SqsClient sqs = SQS.client();
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(deadLetterQueue).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (batch.isEmpty()) {
                return all;
            }
            for (Message m : batch) {
                all.add(m);
                // FIFO: the group stays locked until its received message is deleted.
                sqs.deleteMessage(r -> r.queueUrl(deadLetterQueue).receiptHandle(m.receiptHandle()));
            }
        }
    }

    private static String attribute(Message message, String name) {
        MessageAttributeValue value = message.messageAttributes().get(name);
        return value == null ? null : value.stringValue();
    }

    // ---- per-group failure ----

    @Test
    void aFailureFailsTheRestOfItsGroupAndTheOtherGroupGoesOn() {
        ScriptedEventConsumer script = new ScriptedEventConsumer().on(A2, Behaviour.FAIL);

        SQSBatchResponse response = handle(consumer(script), fixture());

        assertThat(failures(response)).containsExactly(MSG_A2, MSG_A3);
        assertThat(script.consumed()).containsExactly(A1, B1, A2, B2, B3);
        assertThat(parked()).isEmpty();
    }

    @Test
    void onAStandardQueueOnlyTheFailingMessageFails() {
        ScriptedEventConsumer script = new ScriptedEventConsumer().on(A2, Behaviour.FAIL);
        SQSEvent standard = fixture();
        standard.getRecords().forEach(m -> {
            Map<String, String> attributes = new HashMap<>(m.getAttributes());
            attributes.remove("MessageGroupId");
            m.setAttributes(attributes);
        });

        SQSBatchResponse response = handle(consumer(script), standard);

        assertThat(failures(response)).containsExactly(MSG_A2);
        assertThat(script.consumed()).containsExactly(A1, B1, A2, B2, A3, B3);
    }

    @Test
    void aBatchThatSucceedsReportsNoFailures() {
        ScriptedEventConsumer script = new ScriptedEventConsumer();

        SQSBatchResponse response = handle(consumer(script), fixture());

        assertThat(failures(response)).isEmpty();
        assertThat(script.consumed()).containsExactly(A1, B1, A2, B2, A3, B3);
    }

    // ---- repeats: the consumer's own transaction tells a duplicate ----

    @Test
    void theSameEventInANewMessageReachesTheConsumerAgainAndItsDuplicateAnswerIsAcknowledged() {
        ScriptedEventConsumer script = new ScriptedEventConsumer().on(A1, Behaviour.APPLY, Behaviour.DUPLICATE);
        FifoEventConsumer consumer = consumer(script);
        SQSMessage first = recordOf(fixture(), MSG_A1);
        SQSMessage republished = recordOf(fixture(), MSG_A1);
        republished.setMessageId("00000000-0000-0000-0000-00000000beef");
        republished.setReceiptHandle("AQEBredrivenReceiptHandle");

        SQSBatchResponse firstResponse = handle(consumer, only(first));
        SQSBatchResponse secondResponse = handle(consumer, only(republished));

        assertThat(failures(firstResponse)).isEmpty();
        assertThat(failures(secondResponse)).isEmpty();
        assertThat(script.consumed()).containsExactly(A1, A1);
        assertThat(parked()).isEmpty();
    }

    @Test
    void aDuplicateInTheMiddleOfAGroupLetsTheRestOfTheGroupGoOn() {
        ScriptedEventConsumer script = new ScriptedEventConsumer().on(A2, Behaviour.DUPLICATE);

        SQSBatchResponse response = handle(consumer(script), fixture());

        assertThat(failures(response)).isEmpty();
        assertThat(script.consumed()).containsExactly(A1, B1, A2, B2, A3, B3);
    }

    @Test
    void whenTheConsumersStoreFailsForEveryMessageEveryMessageFailsAndNoneIsParked() {
        ScriptedEventConsumer script = new ScriptedEventConsumer();
        for (String event : List.of(A1, B1, A2, B2, A3, B3)) {
            script.on(event, Behaviour.FAIL);
        }

        SQSBatchResponse response = handle(consumer(script), fixture());

        assertThat(failures(response)).hasSize(6);
        assertThat(script.consumed()).containsExactly(A1, B1);
        assertThat(parked()).isEmpty();
    }

    @Test
    void anEventWithoutCorrelationIdIsConsumed() {
        ScriptedEventConsumer script = new ScriptedEventConsumer();
        SQSMessage message = recordOf(fixture(), MSG_A1);
        message.setBody(message.getBody().replace("\"correlationId\":\"checkout-0001\",", ""));
        message.setMessageAttributes(null);

        SQSBatchResponse response = handle(consumer(script), only(message));

        assertThat(message.getBody()).doesNotContain("correlationId");
        assertThat(failures(response)).isEmpty();
        assertThat(script.consumed()).containsExactly(A1);
    }

    // ---- sequence gaps ----

    @Test
    void aSequenceGapFailsTheMessageAndTheRetryIsConsumed() {
        ScriptedEventConsumer script = new ScriptedEventConsumer().on(A2, Behaviour.GAP);
        FifoEventConsumer consumer = consumer(script);

        SQSBatchResponse first = handle(consumer, fixture());

        assertThat(failures(first)).containsExactly(MSG_A2, MSG_A3);

        SQSEvent redelivery = fixture();
        SQSBatchResponse retry = handle(consumer, only(recordOf(redelivery, MSG_A2), recordOf(redelivery, MSG_A3)));

        assertThat(failures(retry)).isEmpty();
        assertThat(script.consumed()).containsExactly(A1, B1, A2, B2, B3, A2, A3);
        assertThat(parked()).as("a gap is retried, never parked").isEmpty();
    }

    // ---- parking ----

    @Test
    void anInvalidBodyIsParkedWithItsReasonAndAcknowledged() {
        ScriptedEventConsumer script = new ScriptedEventConsumer();
        SQSEvent batch = fixture();
        recordOf(batch, MSG_A1).setBody("not json");
        Instant before = Instant.now();

        SQSBatchResponse response = handle(consumer(script), batch);

        assertThat(failures(response)).doesNotContain(MSG_A1).isEmpty();
        assertThat(script.consumed()).containsExactly(B1, A2, B2, A3, B3);
        List<Message> parked = parked();
        assertThat(parked).hasSize(1);
        Message message = parked.get(0);
        assertThat(message.body()).isEqualTo("not json");
        assertThat(attribute(message, "parkReason")).startsWith("body is not valid JSON");
        assertThat(attribute(message, "parkedFrom")).isEqualTo(SOURCE_ARN);
        assertThat(attribute(message, "originalMessageId")).isEqualTo(MSG_A1);
        assertThat(Instant.parse(attribute(message, "parkedAt")))
                .isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        assertThat(attribute(message, "eventType")).isEqualTo("OrderPlaced");
        assertThat(attribute(message, "correlationId")).isEqualTo("checkout-0001");
        assertThat(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo("cust-a");
    }

    @Test
    void anEventTypeTheConsumerDoesNotHandleIsParkedNamingTypeAndConsumer() {
        ScriptedEventConsumer script = new ScriptedEventConsumer(Set.of(EventType.OrderPlaced));

        SQSBatchResponse response = handle(consumer(script), fixture());

        assertThat(failures(response)).isEmpty();
        assertThat(script.consumed()).containsExactly(A1, B1, A3, B3);
        assertThat(parked())
                .extracting(m -> attribute(m, "originalMessageId"), m -> attribute(m, "parkReason"))
                .containsExactlyInAnyOrder(
                        tuple(MSG_A2,
                                "eventType OrderConfirmed is not handled by " + NAME),
                        tuple(MSG_B2,
                                "eventType OrderRejected is not handled by " + NAME));
    }

    @Test
    void anInvalidMessageFoundByTheConsumerIsParkedAndItsGroupGoesOn() {
        ScriptedEventConsumer script = new ScriptedEventConsumer().on(A2, Behaviour.INVALID);
        SQSEvent batch = fixture();
        String body = recordOf(batch, MSG_A2).getBody();

        SQSBatchResponse response = handle(consumer(script), batch);

        assertThat(failures(response)).isEmpty();
        assertThat(script.consumed()).containsExactly(A1, B1, A2, B2, A3, B3);
        List<Message> parked = parked();
        assertThat(parked).hasSize(1);
        assertThat(attribute(parked.get(0), "parkReason")).isEqualTo("payload of " + A2 + " cannot be read");
        assertThat(attribute(parked.get(0), "originalMessageId")).isEqualTo(MSG_A2);
        assertThat(parked.get(0).body()).isEqualTo(body);
    }

    @Test
    void aMessageThatCannotBeParkedFailsWithTheRestOfItsGroupInsteadOfBeingDropped() {
        ScriptedEventConsumer script = new ScriptedEventConsumer();
        String missingQueue = SQS.endpoint() + "/000000000000/no-such-queue.fifo";
        SQSEvent batch = fixture();
        recordOf(batch, MSG_A1).setBody("not json");

        SQSBatchResponse response = handle(consumer(script, missingQueue), batch);

        assertThat(failures(response)).containsExactly(MSG_A1, MSG_A2, MSG_A3);
        assertThat(script.consumed()).containsExactly(B1, B2, B3);
    }

    @Test
    void anEmptyBodyIsParkedWithAPlaceholderBody() {
        SQSEvent batch = fixture();
        recordOf(batch, MSG_A1).setBody("");

        SQSBatchResponse response = handle(consumer(new ScriptedEventConsumer()), batch);

        assertThat(failures(response)).isEmpty();
        List<Message> parked = parked();
        assertThat(parked).hasSize(1);
        assertThat(attribute(parked.get(0), "parkReason")).isEqualTo("body is empty");
        assertThat(parked.get(0).body()).isEqualTo("(empty body)");
    }

    @Test
    void anEmptyOrMissingRecordListIsAnEmptyAnswer() {
        FifoEventConsumer consumer = consumer(new ScriptedEventConsumer());

        assertThat(failures(handle(consumer, only()))).isEmpty();
        assertThat(failures(handle(consumer, new SQSEvent()))).isEmpty();
    }
}
