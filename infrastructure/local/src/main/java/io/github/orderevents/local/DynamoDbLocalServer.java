package io.github.orderevents.local;

import com.amazonaws.services.dynamodbv2.local.main.CommandLineInput;
import com.amazonaws.services.dynamodbv2.local.server.AbstractLocalDynamoDBServerHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

import java.util.List;

/**
 * DynamoDB Local's request handler in a Jetty server that listens on one host only.
 *
 * <p>DynamoDB Local's {@code ServerRunner} and {@code DynamoDBProxyServer} take no host and build
 * {@code new Server(port)}, which listens on every interface. Their handler is public: this builds the
 * server {@code ServerRunner.createServer} builds, with its connector bound to the host. DynamoDB Local's
 * own {@link CommandLineInput} still reads the arguments, so -sharedDb, -inMemory, -dbPath, -port, -cors and
 * -delayTransientStatuses mean what they mean there; telemetry is never configured, so none is sent.
 */
final class DynamoDbLocalServer implements AutoCloseable {
    private final Server server;
    private final AbstractLocalDynamoDBServerHandler handler;

    private DynamoDbLocalServer(Server server, AbstractLocalDynamoDBServerHandler handler) {
        this.server = server;
        this.handler = handler;
    }

    /** Starts DynamoDB Local with its command-line {@code args} (e.g. -sharedDb -inMemory -port 8000) on {@code host}. */
    static DynamoDbLocalServer start(String host, List<String> args) throws Exception {
        CommandLineInput input = new CommandLineInput(args.toArray(String[]::new));
        if (!input.init()) {
            throw new IllegalArgumentException("DynamoDB Local does not take the arguments " + args);
        }
        AbstractLocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(
                new LocalDynamoDBRequestHandler(0, input.isInMemory(), input.getDbPath(), input.getSharedDb(),
                        input.shouldDelayTransientStatuses()),
                input.getCorsParams());
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(input.getPort());
        server.addConnector(connector);
        // The same handler tree as DynamoDBProxyServer.setUpHandler.
        server.setHandler(new ContextHandlerCollection(new ContextHandler(handler)));
        DynamoDbLocalServer dynamo = new DynamoDbLocalServer(server, handler);
        try {
            server.start();
        } catch (Exception e) {
            try {
                dynamo.close();
            } catch (Exception stop) {
                e.addSuppressed(stop);
            }
            throw e;
        }
        return dynamo;
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            handler.close();
        }
    }
}
