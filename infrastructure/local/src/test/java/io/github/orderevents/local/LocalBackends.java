package io.github.orderevents.local;

import io.github.orderevents.local.sqs.SqsEndpoint;
import io.github.orderevents.local.testing.FreePort;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.util.Optional;

/**
 * The local cloud's own emulators for a test class (a JUnit extension): DynamoDB Local and ElasticMQ on free
 * loopback ports, with the SQS endpoint in front of ElasticMQ as the local cloud runs them, and clients of both.
 */
public final class LocalBackends implements BeforeAllCallback, AfterAllCallback {
    public static final String REGION = "us-east-1";
    private Emulators emulators;
    private SqsEndpoint sqsFront;
    private LocalClients clients;

    /** Starts them outside JUnit's lifecycle; {@link #close()} stops them. */
    public static LocalBackends start() {
        LocalBackends backends = new LocalBackends();
        backends.open();
        return backends;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        open();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void open() {
        int sqsPort = FreePort.find();
        emulators = Emulators.start("127.0.0.1", FreePort.find(), sqsPort, Optional.empty());
        sqsFront = SqsEndpoint.start("127.0.0.1", sqsPort, emulators.elasticMqEndpoint());
        clients = new LocalClients(REGION);
    }

    public void close() {
        if (sqsFront != null) {
            sqsFront.close();
        }
        if (emulators != null) {
            emulators.close();
        }
    }

    public URI dynamoEndpoint() {
        return emulators.dynamoEndpoint();
    }

    /** The SQS endpoint (move tasks included), in front of ElasticMQ. */
    public SqsEndpoint sqsEndpoint() {
        return sqsFront;
    }

    /** ElasticMQ itself. */
    public URI elasticMqEndpoint() {
        return emulators.elasticMqEndpoint();
    }

    public DynamoDbClient dynamo() {
        return clients.build(DynamoDbClient.builder(), dynamoEndpoint());
    }

    public DynamoDbStreamsClient streams() {
        return clients.build(DynamoDbStreamsClient.builder(), dynamoEndpoint());
    }

    public SqsClient sqs() {
        return clients.build(SqsClient.builder(), sqsFront.endpoint());
    }
}
