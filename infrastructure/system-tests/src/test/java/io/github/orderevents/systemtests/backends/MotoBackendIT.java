package io.github.orderevents.systemtests.backends;

import io.github.orderevents.aws.testing.FreePort;
import io.github.orderevents.local.provision.Provisioner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The end-to-end scenario with {@code moto_server} as the DynamoDB + SQS backend (started here on a
 * free loopback port; the local cloud runs the API, the functions and their triggers against it).
 * Skipped, visibly, where {@code moto_server} is not on the PATH ({@code pip install 'moto[server]'}).
 *
 * <p>What moto 5.2 does not do, and how the app copes (the scenario's assertions hold all the same):
 * <ul>
 *   <li>its PartiQL parser fails on the relay's {@code UPDATE ... SET ... SET ... REMOVE ... WHERE ...}
 *       (HTTP 500, nine SDK attempts, about 3.5 s per stream batch): outbox rows stay PENDING after they
 *       are published ("outbox rows not marked published"), for the sweeper to publish again;</li>
 *   <li>a FIFO deduplication id is forgotten once its message is deleted (AWS keeps it 5 minutes): a
 *       re-send reaches the consumers, whose sequence checks drop it;</li>
 *   <li>TTL is accepted, but nothing expires.</li>
 * </ul>
 */
class MotoBackendIT {
    private static final String COMMAND = "moto_server";
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private static Process moto;
    private static URI endpoint;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> executable = onPath(COMMAND);
        if (executable.isEmpty()) {
            return; // each test is skipped (an assumption in @BeforeAll would hide them from the reports)
        }
        int port = FreePort.find();
        Path log = OrderScenario.targetDirectory().resolve("moto-server.log");
        ProcessBuilder builder = new ProcessBuilder(executable.get().toString(), "-p", Integer.toString(port), "-H", "127.0.0.1")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // ARNs the local cloud builds itself (AWS::AccountId, e.g. in RedriveAllowPolicy) say 000000000000;
        // moto's default account is 123456789012.
        builder.environment().put("MOTO_ACCOUNT_ID", Provisioner.ACCOUNT);
        moto = builder.start();
        URI address = URI.create("http://127.0.0.1:" + port);
        awaitAnswering(address, log);
        endpoint = address;
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (moto != null) {
            moto.descendants().forEach(ProcessHandle::destroy);
            moto.destroy();
            if (!moto.waitFor(10, TimeUnit.SECONDS)) {
                moto.destroyForcibly();
            }
        }
    }

    @BeforeEach
    void requireMoto() {
        assumeTrue(endpoint != null, COMMAND + " is not on the PATH (pip install 'moto[server]')");
    }

    @Test
    void orderIsConfirmedAndNotifiedThroughTheLocalCloudOnMoto()  {
        OrderScenario.run(endpoint, "moto");
    }

    /** Until moto answers its own API, failing early if the process ends. */
    private static void awaitAnswering(URI endpoint, Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (true) {
            if (!moto.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + moto.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("moto_server did not answer on " + endpoint + " within " + STARTUP
                        + ":\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
