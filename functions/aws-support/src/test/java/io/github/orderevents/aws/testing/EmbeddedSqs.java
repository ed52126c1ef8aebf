package io.github.orderevents.aws.testing;

import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ElasticMQ in this JVM on a free loopback port; also a JUnit extension, like {@link EmbeddedDynamo}. */
public final class EmbeddedSqs implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    private SQSRestServer server;
    private int port;
    private SqsClient client;

    public static EmbeddedSqs start() {
        EmbeddedSqs sqs = new EmbeddedSqs();
        sqs.startServer();
        return sqs;
    }

    private void startServer() {
        port = FreePort.find();
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSRegion(EmbeddedDynamo.REGION).withAWSAccountId("000000000000")
                .start();
        server.waitUntilStarted();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startServer();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public Map<String, String> environment() {
        return Map.of("AWS_REGION", EmbeddedDynamo.REGION, "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local", "AWS_ENDPOINT_URL_SQS", endpoint());
    }

    /** A client of this server (one per server, built on first use). */
    public synchronized SqsClient client() {
        if (client == null) {
            client = new AwsClients(Env.of(environment())).build(SqsClient.builder(), "SQS");
        }
        return client;
    }

    /** Creates a FIFO queue named {@code name}.fifo with explicit deduplication ids; returns its URL. */
    public String createFifoQueue(String name) {
        return client().createQueue(r -> r.queueName(name + ".fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false",
                QueueAttributeName.VISIBILITY_TIMEOUT, "30"))).queueUrl();
    }

    /** Receives and deletes everything in a queue, in the order received, with all attributes. */
    public List<Message> drain(String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> messages = client().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            if (messages.isEmpty()) {
                return all;
            }
            for (Message message : messages) {
                client().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                all.add(message);
            }
        }
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
