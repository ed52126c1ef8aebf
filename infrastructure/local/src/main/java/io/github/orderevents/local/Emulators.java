package io.github.orderevents.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** DynamoDB Local and ElasticMQ, in this JVM, on loopback ports. */
final class Emulators implements AutoCloseable {
    private final DynamoDBProxyServer dynamo;
    private final SQSRestServer elasticMq;
    private final URI dynamoEndpoint;
    private final URI elasticMqEndpoint;

    private Emulators(DynamoDBProxyServer dynamo, SQSRestServer elasticMq, URI dynamoEndpoint, URI elasticMqEndpoint) {
        this.dynamo = dynamo;
        this.elasticMq = elasticMq;
        this.dynamoEndpoint = dynamoEndpoint;
        this.elasticMqEndpoint = elasticMqEndpoint;
    }

    /**
     * Starts DynamoDB Local on {@code dynamoPort} (shared database: the CLI and the functions see the
     * same tables whatever their credentials; in memory, or kept in {@code dataDir}) and ElasticMQ on a
     * free port, building queue URLs with {@code publicSqsPort}: clients reach it through the local
     * SQS endpoint that fronts it there.
     */
    static Emulators start(String host, int dynamoPort, int publicSqsPort, Optional<Path> dataDir) {
        requireFree(host, dynamoPort, "DynamoDB Local", "--dynamodb-port");
        List<String> args = new ArrayList<>(List.of("-sharedDb", "-port", Integer.toString(dynamoPort), "-disableTelemetry"));
        if (dataDir.isPresent()) {
            try {
                Files.createDirectories(dataDir.get());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            args.addAll(List.of("-dbPath", dataDir.get().toAbsolutePath().toString()));
        } else {
            args.add("-inMemory");
        }
        DynamoDBProxyServer dynamo;
        try {
            dynamo = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            dynamo.start();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + dynamoPort + ": " + e.getMessage(), e);
        }
        int backendPort = freePort();
        SQSRestServer elasticMq = SQSRestServerBuilder.withInterface(host).withPort(backendPort)
                .withServerAddress(new NodeAddress("http", host, publicSqsPort, ""))
                .withAWSRegion("us-east-1").withAWSAccountId("000000000000")
                .start();
        elasticMq.waitUntilStarted();
        return new Emulators(dynamo, elasticMq, URI.create("http://" + host + ":" + dynamoPort),
                URI.create("http://" + host + ":" + backendPort));
    }

    URI dynamoEndpoint() {
        return dynamoEndpoint;
    }

    /** ElasticMQ itself (the local SQS endpoint forwards to it). */
    URI elasticMqEndpoint() {
        return elasticMqEndpoint;
    }

    static void requireFree(String host, int port, String what, String option) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException(what + ": port " + port + " on " + host + " is in use (choose another with "
                    + option + ")");
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        elasticMq.stopAndWait();
        try {
            dynamo.stop();
        } catch (Exception e) {
            System.err.println("DynamoDB Local did not stop cleanly: " + e);
        }
    }
}
