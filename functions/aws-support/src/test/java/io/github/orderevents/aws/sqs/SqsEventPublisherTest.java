package io.github.orderevents.aws.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.Json;
import io.github.orderevents.aws.testing.EmbeddedSqs;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.outbox.OutboundMessage;
import io.github.orderevents.domain.outbox.SendFailure;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SqsEventPublisherTest {
    @RegisterExtension
    static final EmbeddedSqs elasticMq = new EmbeddedSqs();
    private static SqsClient sqs;

    @BeforeAll
    static void client() {
        sqs = elasticMq.client();
    }

    @Test
    void sendsTheEnvelopeWithGroupDeduplicationIdAndAttributes() throws Exception {
        String queue = elasticMq.createFifoQueue("publish-" + UUID.randomUUID().toString().substring(0, 8));
        OrderEvent event = Orders.event(EventType.OrderPlaced, "ord-1", "cust-1", 1);

        List<SendFailure> failures = new SqsEventPublisher(sqs).publish(queue, List.of(new OutboundMessage(event, "cust-1")));

        assertThat(failures).isEmpty();
        Message message = receive(queue, 10).get(0);
        assertThat(message.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "cust-1")
                .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, event.eventId());
        assertThat(message.messageAttributes().get("eventType").stringValue()).isEqualTo("OrderPlaced");
        assertThat(message.messageAttributes().get("correlationId").stringValue()).isEqualTo("corr-ord-1");
        JsonNode body = Json.MAPPER.readTree(message.body());
        assertThat(body.get("eventId").asText()).isEqualTo(event.eventId());
        assertThat(body.get("sequence").asLong()).isEqualTo(1);
        assertThat(body.get("payload").get("total").asText()).isEqualTo("44.98");
    }

    @Test
    void deduplicatesARepublishedEventById() {
        String queue = elasticMq.createFifoQueue("dedup-" + UUID.randomUUID().toString().substring(0, 8));
        OrderEvent event = Orders.event(EventType.OrderPlaced, "ord-1", "cust-1", 1);
        SqsEventPublisher publisher = new SqsEventPublisher(sqs);

        publisher.publish(queue, List.of(new OutboundMessage(event, "ord-1")));
        List<SendFailure> again = publisher.publish(queue, List.of(new OutboundMessage(event, "ord-1")));

        assertThat(again).isEmpty();
        assertThat(receive(queue, 10)).hasSize(1);
    }

    @Test
    void reportsEveryEntryFailedWhenTheCallFails() {
        String missingQueue = elasticMq.endpoint() + "/000000000000/no-such-queue.fifo";
        List<OutboundMessage> batch = List.of(
                new OutboundMessage(Orders.event(EventType.OrderPlaced, "ord-1", "c", 1), "ord-1"),
                new OutboundMessage(Orders.event(EventType.OrderPlaced, "ord-2", "c", 1), "ord-2"));

        List<SendFailure> failures = new SqsEventPublisher(sqs).publish(missingQueue, batch);

        assertThat(failures).extracting(SendFailure::eventId).containsExactly("evt-ord-1-1", "evt-ord-2-1");
        assertThat(failures).allSatisfy(f -> assertThat(f.reason()).isNotBlank());
    }

    @Test
    void reportsOnlyTheEntryTheQueueRefused() {
        String queue = elasticMq.createFifoQueue("refuse-" + UUID.randomUUID().toString().substring(0, 8));
        OrderEvent good = Orders.event(EventType.OrderPlaced, "ord-1", "c", 1);
        // A message group id of more than 128 characters is refused for that entry alone.
        OrderEvent bad = new OrderEvent("evt-bad", "ord-2", "c", 1, Orders.T0, null,
                Orders.payload(EventType.OrderPlaced, "c"));

        List<SendFailure> failures = new SqsEventPublisher(sqs).publish(queue,
                List.of(new OutboundMessage(good, "ord-1"), new OutboundMessage(bad, "g".repeat(129))));

        assertThat(failures).extracting(SendFailure::eventId).containsExactly("evt-bad");
        assertThat(receive(queue, 10)).extracting(Message::body).singleElement()
                .satisfies(body -> assertThat(body).contains("evt-ord-1-1"));
    }

    private static List<Message> receive(String queue, int max) {
        return sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(max).waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
    }
}
