package io.github.orderevents.aws.testing;

import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.Map;

/** ElasticMQ in this JVM on a free loopback port. */
public final class EmbeddedSqs implements AutoCloseable {
    private final SQSRestServer server;
    private final int port;

    private EmbeddedSqs(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedSqs start() {
        int port = FreePort.find();
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSRegion(EmbeddedDynamo.REGION).withAWSAccountId("000000000000")
                .start();
        server.waitUntilStarted();
        return new EmbeddedSqs(server, port);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public Map<String, String> environment() {
        return Map.of("AWS_REGION", EmbeddedDynamo.REGION, "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local", "AWS_ENDPOINT_URL_SQS", endpoint());
    }

    public SqsClient client() {
        return new AwsClients(Env.of(environment())).build(SqsClient.builder(), "SQS");
    }

    /** Creates a FIFO queue named {@code name}.fifo with explicit deduplication ids; returns its URL. */
    public String createFifoQueue(String name) {
        return client().createQueue(r -> r.queueName(name + ".fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false",
                QueueAttributeName.VISIBILITY_TIMEOUT, "30"))).queueUrl();
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
