package io.github.orderevents.systemtests;

import io.github.orderevents.aws.testing.FreePort;
import io.github.orderevents.local.LocalCloudOptions;

import java.nio.file.Path;
import java.util.Optional;

/**
 * This project's template.yaml on a local cloud of the test's own: free ports (so tests can run side by side),
 * no status line, the functions' log in {@code infrastructure/local/target/<name>/functions.log}.
 */
public final class ProjectCloud {
    private ProjectCloud() {
    }

    /** The project's root folder (the {@code project.root} system property Maven sets, or two folders up). */
    public static Path root() {
        return Path.of(System.getProperty("project.root", "../..")).toAbsolutePath().normalize();
    }

    /** The options of a cloud named {@code name} (the folder of its function log), to refine further. */
    public static LocalCloudOptions options(String name) {
        Path root = root();
        return LocalCloudOptions.defaults(root.resolve("template.yaml"))
                .withPorts(FreePort.find(), FreePort.find(), FreePort.find())
                .withLambdaPort(FreePort.find())
                .withFunctionLog(Optional.of(functionLog(name)))
                .withStatusLine(false);
    }

    /** Where the cloud named {@code name} writes its functions' log. */
    public static Path functionLog(String name) {
        return root().resolve("infrastructure/local/target/" + name + "/functions.log");
    }
}
