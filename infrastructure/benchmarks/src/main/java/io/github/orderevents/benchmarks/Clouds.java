package io.github.orderevents.benchmarks;

import io.github.orderevents.local.LocalCloud;
import io.github.orderevents.local.LocalCloudOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Local clouds for the benchmark: on free ports (beside any other running), no schedules, logs in the work dir. */
final class Clouds {
    private Clouds() {
    }

    static LocalCloud start(BenchmarkOptions options, String name, boolean countRequests) {
        LocalCloudOptions cloud = LocalCloudOptions.parse(options.template().map(t -> List.of("--template", t.toString()))
                        .orElse(List.of()))
                .withPorts(freePort(), freePort(), freePort()).withLambdaPort(0)
                // The sweeper's schedule would add invocations and requests that no order caused.
                .withSchedules(false)
                .withStatusLine(false)
                .withFunctionLog(Optional.of(options.workDir().resolve(name + "-functions.log")))
                .withWorkDir(options.workDir().resolve("work"))
                .withCountRequests(countRequests);
        return LocalCloud.start(cloud);
    }

    static Path template(LocalCloud cloud) {
        return cloud.options().template().toAbsolutePath().normalize();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
