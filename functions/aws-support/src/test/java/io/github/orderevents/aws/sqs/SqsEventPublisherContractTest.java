package io.github.orderevents.aws.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.orderevents.aws.Json;
import io.github.orderevents.aws.testing.EmbeddedSqs;
import io.github.orderevents.domain.outbox.EventPublisher;
import io.github.orderevents.domain.outbox.EventPublisherContract;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/** {@link SqsEventPublisher} against ElasticMQ runs the port's contract. */
class SqsEventPublisherContractTest extends EventPublisherContract {
    @RegisterExtension
    static final EmbeddedSqs ELASTIC_MQ = new EmbeddedSqs();

    @Override
    protected EventPublisher publisher() {
        return new SqsEventPublisher(ELASTIC_MQ.client());
    }

    @Override
    protected String newDestination() {
        return ELASTIC_MQ.createFifoQueue("contract-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Override
    protected String missingDestination() {
        return ELASTIC_MQ.endpoint() + "/000000000000/no-such-queue.fifo";
    }

    @Override
    protected List<Received> received(String destination) {
        return ELASTIC_MQ.drain(destination).stream().map(SqsEventPublisherContractTest::received).toList();
    }

    private static Received received(Message message) {
        try {
            return new Received(Json.MAPPER.readTree(message.body()).get("eventId").asText(),
                    message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
