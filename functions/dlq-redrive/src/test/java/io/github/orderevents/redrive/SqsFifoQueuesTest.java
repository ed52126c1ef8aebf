package io.github.orderevents.redrive;

import io.github.orderevents.aws.testing.EmbeddedSqs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQS adapter against ElasticMQ: the contract, and the SDK's own exception for a queue that does not exist. */
class SqsFifoQueuesTest extends FifoQueuesContract {
    @RegisterExtension
    static final EmbeddedSqs SQS = new EmbeddedSqs();

    @Override
    protected FifoQueues queues() {
        return new SqsFifoQueues(SQS.client());
    }

    @Override
    protected String createQueue(String name) {
        return SQS.createFifoQueue(name);
    }

    @Override
    protected String missingQueue() {
        return SQS.endpoint() + "/000000000000/no-such-queue-" + UUID.randomUUID() + ".fifo";
    }

    @Override
    protected String put(String queueUrl, String groupId, String body, Map<String, MessageAttributeValue> attributes) {
        return SQS.client().sendMessage(r -> r.queueUrl(queueUrl).messageBody(body).messageGroupId(groupId)
                .messageDeduplicationId(UUID.randomUUID().toString()).messageAttributes(attributes)).messageId();
    }

    @Test
    void receiveFromAQueueThatDoesNotExistThrowsQueueDoesNotExist() {
        assertThatThrownBy(() -> queues().receive(missingQueue(), 10, Duration.ofSeconds(30)))
                .isInstanceOf(QueueDoesNotExistException.class);
    }

    @Override
    protected List<String> drainBodies(String queueUrl) {
        return SQS.drain(queueUrl).stream().map(Message::body).toList();
    }
}
