package io.github.orderevents.aws.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.Json;
import io.github.orderevents.aws.testing.EmbeddedSqs;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.outbox.EventPublisher;
import io.github.orderevents.domain.outbox.EventPublisherContract;
import io.github.orderevents.domain.outbox.OutboundMessage;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SqsEventPublisher} against ElasticMQ: the port's contract, and the message it puts on the wire. */
class SqsEventPublisherTest extends EventPublisherContract {
    @RegisterExtension
    static final EmbeddedSqs ELASTIC_MQ = new EmbeddedSqs();

    @Override
    protected EventPublisher publisher() {
        return new SqsEventPublisher(ELASTIC_MQ.client());
    }

    @Override
    protected String newDestination() {
        return ELASTIC_MQ.createFifoQueue("publish-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Override
    protected String missingDestination() {
        return ELASTIC_MQ.endpoint() + "/000000000000/no-such-queue.fifo";
    }

    @Override
    protected List<Received> received(String destination) {
        return ELASTIC_MQ.drain(destination).stream().map(message -> new Received(body(message).get("eventId").asText(),
                message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))).toList();
    }

    @Test
    void sendsTheEnvelopeWithGroupDeduplicationIdAndAttributes() {
        String queue = newDestination();
        OrderEvent event = Orders.event(EventType.OrderPlaced, "ord-1", "cust-1", 1);

        assertThat(publisher().publish(queue, List.of(new OutboundMessage(event, "cust-1")))).isEmpty();

        Message message = ELASTIC_MQ.drain(queue).get(0);
        assertThat(message.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "cust-1")
                .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, event.eventId());
        assertThat(message.messageAttributes().get("eventType").stringValue()).isEqualTo("OrderPlaced");
        assertThat(message.messageAttributes().get("correlationId").stringValue()).isEqualTo("corr-ord-1");
        JsonNode body = body(message);
        assertThat(body.get("eventId").asText()).isEqualTo(event.eventId());
        assertThat(body.get("sequence").asLong()).isEqualTo(1);
        assertThat(body.get("payload").get("total").asText()).isEqualTo("44.98");
    }

    private static JsonNode body(Message message) {
        try {
            return Json.MAPPER.readTree(message.body());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
