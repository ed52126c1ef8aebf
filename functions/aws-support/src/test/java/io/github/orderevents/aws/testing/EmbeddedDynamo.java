package io.github.orderevents.aws.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.util.Map;

/**
 * DynamoDB Local in this JVM, in memory, on a free loopback port (~1 s to start). As a JUnit
 * extension ({@code @RegisterExtension static final EmbeddedDynamo DYNAMO = new EmbeddedDynamo();})
 * it runs for the test class.
 */
public final class EmbeddedDynamo implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    public static final String REGION = "us-east-1";
    private DynamoDBProxyServer server;
    private int port;
    private DynamoDbClient client;

    public static EmbeddedDynamo start() {
        EmbeddedDynamo dynamo = new EmbeddedDynamo();
        dynamo.startServer();
        return dynamo;
    }

    private void startServer() {
        port = FreePort.find();
        try {
            server = ServerRunner.createServerFromCommandLineArgs(new String[]{
                    "-inMemory", "-sharedDb", "-port", Integer.toString(port), "-disableTelemetry"});
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startServer();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The environment a function sees locally: region, dummy credentials, this endpoint. */
    public Map<String, String> environment() {
        return Map.of("AWS_REGION", REGION, "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_ENDPOINT_URL_DYNAMODB", endpoint());
    }

    /** A client of this server (one per server, built on first use). */
    public synchronized DynamoDbClient client() {
        if (client == null) {
            client = new AwsClients(Env.of(environment())).dynamoDb();
        }
        return client;
    }

    public DynamoDbStreamsClient streams() {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
