package io.github.orderevents.local.sqs;

import io.github.orderevents.local.LocalClients;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** ElasticMQ with the SQS endpoint in front of it, and a client of the endpoint; queues to redrive. */
final class SqsTestbed implements AutoCloseable {
    final ElasticMqServer backend;
    final SqsEndpoint endpoint;
    final SqsClient sqs;

    private SqsTestbed(ElasticMqServer backend, SqsEndpoint endpoint, SqsClient sqs) {
        this.backend = backend;
        this.endpoint = endpoint;
        this.sqs = sqs;
    }

    static SqsTestbed start() {
        ElasticMqServer backend = ElasticMqServer.start();
        SqsEndpoint endpoint = SqsEndpoint.start("127.0.0.1", 0, URI.create(backend.endpoint()));
        SqsClient sqs = new LocalClients("us-east-1").build(SqsClient.builder(), endpoint.endpoint());
        return new SqsTestbed(backend, endpoint, sqs);
    }

    /** A queue and its URL and ARN. */
    record Queue(String url, String arn) {
    }

    /** A source queue whose RedrivePolicy sends a message to {@code dlq} after one receive. */
    record Redrive(Queue source, Queue dlq) {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    Queue queue(String name, boolean fifo, Map<QueueAttributeName, String> attributes) {
        Map<QueueAttributeName, String> all = new HashMap<>(attributes);
        if (fifo) {
            all.put(QueueAttributeName.FIFO_QUEUE, "true");
            all.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false");
        }
        String url = sqs.createQueue(r -> r.queueName(fifo ? name + ".fifo" : name).attributes(all)).queueUrl();
        return new Queue(url, arn(url));
    }

    String arn(String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    Queue sourceOf(Queue dlq, String name, boolean fifo) {
        return queue(name, fifo, Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\",\"maxReceiveCount\":\"1\"}"));
    }

    Redrive redrive(String name, boolean fifo) {
        Queue dlq = queue(name + "-dlq", fifo, Map.of());
        return new Redrive(sourceOf(dlq, name, fifo), dlq);
    }

    /** Sends a message with the attribute {@code n} = its body; FIFO messages get an explicit dedup id. */
    void send(Queue queue, String body, String group) {
        sqs.sendMessage(r -> {
            r.queueUrl(queue.url()).messageBody(body)
                    .messageAttributes(Map.of("n", MessageAttributeValue.builder().dataType("String").stringValue(body).build()));
            if (group != null) {
                r.messageGroupId(group).messageDeduplicationId("original-" + body);
            }
        });
    }

    /** Receives the source's messages until the redrive policy has moved {@code count} to the DLQ. */
    void failIntoDlq(Redrive redrive, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            sqs.receiveMessage(r -> r.queueUrl(redrive.source().url()).maxNumberOfMessages(10).visibilityTimeout(0));
            return visibleMessages(redrive.dlq()) == count;
        });
    }

    long visibleMessages(Queue queue) {
        return Long.parseLong(sqs.getQueueAttributes(r -> r.queueUrl(queue.url())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    long allMessages(Queue queue) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queue.url())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Receives and deletes {@code count} messages, in the order the queue hands them out. */
    List<Message> drain(Queue queue, int count) {
        List<Message> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queue.url()).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
            for (Message message : batch) {
                received.add(message);
                sqs.deleteMessage(r -> r.queueUrl(queue.url()).receiptHandle(message.receiptHandle()));
            }
            return received.size() >= count;
        });
        return received;
    }

    /** The most recent move task of a DLQ, as ListMessageMoveTasks gives it. */
    ListMessageMoveTasksResultEntry latestTask(Queue dlq) {
        return sqs.listMessageMoveTasks(r -> r.sourceArn(dlq.arn())).results().getFirst();
    }

    ListMessageMoveTasksResultEntry awaitEnd(Queue dlq) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !List.of("RUNNING", "CANCELLING").contains(latestTask(dlq).status()));
        return latestTask(dlq);
    }

    @Override
    public void close() {
        sqs.close();
        endpoint.close();
        backend.close();
    }
}
