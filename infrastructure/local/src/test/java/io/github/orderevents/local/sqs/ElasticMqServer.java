package io.github.orderevents.local.sqs;

import io.github.orderevents.local.testing.FreePort;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ on its own free loopback port, its queue URLs its own (what the SQS endpoint rewrites). */
final class ElasticMqServer implements AutoCloseable {
    private final SQSRestServer server;
    private final String endpoint;

    private ElasticMqServer(SQSRestServer server, String endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    static ElasticMqServer start() {
        int port = FreePort.find();
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSRegion("us-east-1").withAWSAccountId("000000000000").start();
        server.waitUntilStarted();
        return new ElasticMqServer(server, "http://127.0.0.1:" + port);
    }

    String endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
