package io.github.orderevents.redrive;

import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.util.List;
import java.util.Map;

class InMemoryFifoQueuesTest extends FifoQueuesContract {
    private final InMemoryFifoQueues queues = new InMemoryFifoQueues();

    @Override
    protected FifoQueues queues() {
        return queues;
    }

    @Override
    protected String createQueue(String name) {
        return queues.createQueue(name);
    }

    @Override
    protected String missingQueue() {
        return "https://sqs.in-memory/000000000000/no-such-queue.fifo";
    }

    @Override
    protected String put(String queueUrl, String groupId, String body, Map<String, MessageAttributeValue> attributes) {
        return queues.put(queueUrl, groupId, body, attributes);
    }

    @Override
    protected List<String> drainBodies(String queueUrl) {
        return queues.drain(queueUrl).stream().map(InMemoryFifoQueues.Stored::body).toList();
    }
}
