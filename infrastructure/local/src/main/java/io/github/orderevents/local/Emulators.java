package io.github.orderevents.local;

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

/** DynamoDB Local and ElasticMQ, in this JVM, listening on the local cloud's host only. */
final class Emulators implements AutoCloseable {
    private final DynamoDbLocalServer dynamo;
    private final SQSRestServer elasticMq;
    private final URI dynamoEndpoint;
    private final URI elasticMqEndpoint;

    private Emulators(DynamoDbLocalServer dynamo, SQSRestServer elasticMq, URI dynamoEndpoint, URI elasticMqEndpoint) {
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
        DynamoDbLocalServer dynamo;
        try {
            dynamo = DynamoDbLocalServer.start(host, args);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + dynamoPort + ": " + e.getMessage(), e);
        }
        int backendPort = freePort(host);
        String clientHost = Hosts.forUri(host);
        SQSRestServer elasticMq;
        try {
            elasticMq = SQSRestServerBuilder.withInterface(host).withPort(backendPort)
                    .withServerAddress(new NodeAddress("http", clientHost, publicSqsPort, ""))
                    .withAWSRegion("us-east-1").withAWSAccountId("000000000000")
                    .start();
            elasticMq.waitUntilStarted();
        } catch (RuntimeException e) {
            stop(dynamo);
            throw e;
        }
        return new Emulators(dynamo, elasticMq, URI.create("http://" + clientHost + ":" + dynamoPort),
                URI.create("http://" + clientHost + ":" + backendPort));
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

    static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        elasticMq.stopAndWait();
        stop(dynamo);
    }

    private static void stop(DynamoDbLocalServer dynamo) {
        try {
            dynamo.close();
        } catch (Exception e) {
            System.err.println("DynamoDB Local did not stop cleanly: " + e);
        }
    }
}
