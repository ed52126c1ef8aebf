package io.github.orderevents.redrive;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the redrive logic relies on from {@link FifoQueues}; the in-memory fake and the SQS adapter both pass it. */
abstract class FifoQueuesContract {
    private static final Duration HIDDEN = Duration.ofSeconds(30);

    protected abstract FifoQueues queues();

    /** Creates a FIFO queue {@code name}.fifo; returns its URL. */
    protected abstract String createQueue(String name);

    /** A queue URL that names no queue. */
    protected abstract String missingQueue();

    /** Puts a message straight into a queue; returns its id. */
    protected abstract String put(String queueUrl, String groupId, String body, Map<String, MessageAttributeValue> attributes);

    /** The bodies of the visible messages of a queue, in order, removing them. */
    protected abstract List<String> drainBodies(String queueUrl);

    private String dlq;
    private String source;

    @BeforeEach
    void createQueues() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        dlq = createQueue("contract-dlq-" + run);
        source = createQueue("contract-" + run);
    }

    @Test
    void receiveHandsOutEachGroupOldestFirstWithItsAttributes() {
        String a1 = put(dlq, "A", "a1", Map.of("eventType", string("OrderPlaced")));
        put(dlq, "B", "b1", Map.of());
        put(dlq, "A", "a2", Map.of());

        List<DlqMessage> received = queues().receive(dlq, 10, HIDDEN);

        assertThat(received).extracting(DlqMessage::body).containsExactlyInAnyOrder("a1", "a2", "b1");
        assertThat(received.stream().filter(m -> m.groupId().equals("A")).map(DlqMessage::body)).containsExactly("a1", "a2");
        DlqMessage first = received.stream().filter(m -> m.messageId().equals(a1)).findFirst().orElseThrow();
        assertThat(first.attribute("eventType")).contains("OrderPlaced");
        assertThat(first.receiveCount()).isEqualTo(1);
        assertThat(first.sentTimestamp()).isBefore(Instant.now().plusSeconds(1));
        assertThat(first.receiptHandle()).isNotBlank();
    }

    @Test
    void receiveStopsAtMax() {
        for (int i = 0; i < 5; i++) {
            put(dlq, "G" + i, "m" + i, Map.of());
        }

        assertThat(queues().receive(dlq, 2, HIDDEN)).hasSize(2);
    }

    @Test
    void receivedMessagesStayHiddenUntilReleasedAndComeBackReceivedOnceMore() {
        put(dlq, "A", "a1", Map.of());
        List<DlqMessage> received = queues().receive(dlq, 10, HIDDEN);

        assertThat(queues().receive(dlq, 10, HIDDEN)).isEmpty();
        assertThat(queues().release(dlq, received)).isEmpty();
        List<DlqMessage> again = queues().receive(dlq, 10, HIDDEN);

        assertThat(again).extracting(DlqMessage::body).containsExactly("a1");
        assertThat(again.get(0).receiveCount()).isEqualTo(2);
    }

    @Test
    void receiveHandsOutNothingOfAGroupWhileOneOfItsMessagesIsHidden() {
        put(dlq, "A", "a1", Map.of());
        put(dlq, "A", "a2", Map.of());
        put(dlq, "B", "b1", Map.of());
        List<DlqMessage> first = queues().receive(dlq, 1, HIDDEN);

        List<DlqMessage> rest = queues().receive(dlq, 10, HIDDEN);

        assertThat(first).extracting(DlqMessage::body).containsExactly("a1");
        assertThat(rest).extracting(DlqMessage::body).containsExactly("b1");
    }

    @Test
    void deleteRemovesOnlyTheGivenMessages() {
        put(dlq, "A", "a1", Map.of());
        put(dlq, "B", "b1", Map.of());
        List<DlqMessage> received = queues().receive(dlq, 10, HIDDEN);
        DlqMessage a1 = received.stream().filter(m -> m.body().equals("a1")).findFirst().orElseThrow();

        assertThat(queues().delete(dlq, List.of(a1))).isEmpty();
        queues().release(dlq, received.stream().filter(m -> m != a1).toList());

        assertThat(drainBodies(dlq)).containsExactly("b1");
    }

    @Test
    void sendDeliversEachMessageWithItsGroupAndAttributesAndAnswersItsNewId() {
        Resend a1 = resend("A", "dedup-a1", "a1");
        Resend b1 = resend("B", "dedup-b1", "b1");

        FifoQueues.Sent sent = queues().send(source, List.of(a1, b1));

        assertThat(sent.failed()).isEmpty();
        assertThat(sent.accepted()).containsOnlyKeys(a1.original().messageId(), b1.original().messageId());
        List<DlqMessage> arrived = queues().receive(source, 10, HIDDEN);
        assertThat(arrived).extracting(DlqMessage::messageId).containsExactlyInAnyOrderElementsOf(sent.accepted().values());
        DlqMessage first = arrived.stream().filter(m -> m.body().equals("a1")).findFirst().orElseThrow();
        assertThat(first.groupId()).isEqualTo("A");
        assertThat(first.attribute("eventType")).contains("OrderPlaced");
    }

    @Test
    void aMessageWhoseDeduplicationIdWasSentBeforeIsAcceptedButDeliveredOnce() {
        queues().send(source, List.of(resend("A", "dedup-1", "first")));

        FifoQueues.Sent again = queues().send(source, List.of(resend("A", "dedup-1", "second")));

        assertThat(again.failed()).isEmpty();
        assertThat(again.accepted()).hasSize(1);
        assertThat(drainBodies(source)).containsExactly("first");
    }

    @Test
    void sendToAQueueThatDoesNotExistFailsEveryMessage() {
        Resend a1 = resend("A", "d-a1", "a1");
        Resend b1 = resend("B", "d-b1", "b1");

        FifoQueues.Sent sent = queues().send(missingQueue(), List.of(a1, b1));

        assertThat(sent.accepted()).isEmpty();
        assertThat(sent.failed()).containsOnlyKeys(a1.original().messageId(), b1.original().messageId());
        assertThat(sent.failed().values()).allSatisfy(reason -> assertThat(reason).startsWith("SendMessageBatch: "));
    }

    @Test
    void sendRefusesMoreThanABatch() {
        List<Resend> eleven = java.util.stream.IntStream.range(0, 11).mapToObj(i -> resend("G" + i, "d" + i, "m" + i)).toList();

        assertThatThrownBy(() -> queues().send(source, eleven)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void receiveFromAQueueThatDoesNotExistThrows() {
        assertThatThrownBy(() -> queues().receive(missingQueue(), 10, HIDDEN)).isInstanceOf(RuntimeException.class);
    }

    private static Resend resend(String groupId, String deduplicationId, String body) {
        DlqMessage original = DlqMessage.from(Message.builder().messageId(UUID.randomUUID().toString()).body(body)
                .attributes(Map.of(MessageSystemAttributeName.MESSAGE_GROUP_ID, groupId)).build());
        return new Resend(original, groupId, deduplicationId, body, Map.of("eventType", string("OrderPlaced")));
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
