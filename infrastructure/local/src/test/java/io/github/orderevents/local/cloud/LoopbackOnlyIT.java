package io.github.orderevents.local.cloud;

import io.github.orderevents.local.testing.FreePort;
import io.github.orderevents.local.LocalCloud;
import io.github.orderevents.local.LocalCloudOptions;
import io.github.orderevents.local.cloud.ListeningSockets.Listener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The local cloud opens nothing beyond this machine: every port it listens on, as the kernel lists them,
 * binds the loopback address (DynamoDB Local's own CLI would bind every interface).
 */
class LoopbackOnlyIT {
    private static final Path TEMPLATE = Path.of("src/test/resources/templates/tables-and-queues.yaml").toAbsolutePath();

    @BeforeAll
    static void onLinux() {
        assumeTrue(ListeningSockets.readable(), "needs /proc/net/tcp and /proc/self/fd (Linux)");
    }

    @Test
    void everyListeningPortOfTheLocalCloudBindsLoopback() {
        LocalCloudOptions options = options();
        try (LocalCloud cloud = LocalCloud.start(options)) {
            List<Listener> listeners = ListeningSockets.ofThisProcess();

            assertThat(listeners).extracting(Listener::port)
                    .contains(options.dynamoPort(), options.sqsPort(), options.apiPort(), options.lambdaPort());
            assertThat(listeners).as("listening sockets of this JVM (DynamoDB Local on %d, SQS on %d, API on %d, Lambda on %d)",
                    options.dynamoPort(), options.sqsPort(), options.apiPort(), options.lambdaPort()).allMatch(Listener::loopback);
        }
    }

    @Test
    void everyPortListensOnTheHostItIsGiven() throws Exception {
        // Another loopback address (all of 127/8 is loopback on Linux): the host reaches every server.
        InetAddress host = InetAddress.getByName("127.0.0.2");
        LocalCloudOptions options = options().withHost(host.getHostAddress());
        List<Listener> before = ListeningSockets.ofThisProcess();
        try (LocalCloud cloud = LocalCloud.start(options)) {
            List<Listener> listeners = new ArrayList<>(ListeningSockets.ofThisProcess());
            listeners.removeAll(before);

            // DynamoDB Local, the SQS endpoint, the API, the Lambda API, and ElasticMQ behind the SQS endpoint on a port of its own.
            assertThat(listeners).hasSizeGreaterThanOrEqualTo(5).contains(new Listener(host, options.dynamoPort()),
                    new Listener(host, options.sqsPort()), new Listener(host, options.apiPort()),
                    new Listener(host, options.lambdaPort()));
            assertThat(listeners).extracting(Listener::address).containsOnly(host);
            assertThat(cloud.dynamoEndpoint().getHost()).isEqualTo("127.0.0.2");
        }
    }

    private static LocalCloudOptions options() {
        return LocalCloudOptions.defaults(TEMPLATE)
                .withPorts(FreePort.find(), FreePort.find(), FreePort.find())
                .withLambdaPort(FreePort.find())
                .withFunctionLog(Optional.of(Path.of("target/loopback-it/functions.log").toAbsolutePath()))
                .withSchedules(false)
                .withStatusLine(false);
    }
}
