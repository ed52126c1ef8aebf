package io.github.orderevents.local.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The SAM applications of src/test/sam-apps, and their own builds, as their READMEs say to run them. */
public final class SamApps {
    public static final Path DIR = Path.of("src/test/sam-apps").toAbsolutePath();
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);

    private SamApps() {
    }

    /** {@code mvn -q -DskipTests package} in {@code project} with this JDK unless JAVA_HOME names one; how long it took. */
    public static Duration mavenPackage(Path project) {
        long started = System.nanoTime();
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.remove("MAVEN_PROJECTBASEDIR");
        environment.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        try {
            Path output = Files.createTempFile("sam-app-build", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(List.of("mvn", "-q", "-DskipTests", "package"))
                        .directory(project.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
                builder.environment().clear();
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("mvn package in " + project + " did not finish in " + BUILD_TIMEOUT);
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("mvn package in " + project + " failed:\n"
                            + Files.readString(output, StandardCharsets.UTF_8));
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
