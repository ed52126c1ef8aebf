package io.github.orderevents.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The SDK interceptors of module local-faults (local endpoints for SDKs too old to read AWS_ENDPOINT_URL_*, fault injection,
 * request counting), a jar the local cloud carries as a resource and puts into every function's lib/ folder: the function's own
 * SDK finds it through the SDK's global interceptor mechanism, so the function's code knows nothing of it. Faults and counting
 * are off unless their variables are set.
 */
final class LocalFaultsJar {
    private static final String RESOURCE = "/local-faults/local-faults.jar";

    private LocalFaultsJar() {
    }

    /** The jar, copied once into {@code workDir}. */
    static synchronized Path extract(Path workDir) {
        Path target = workDir.resolve("local-faults").resolve("local-faults.jar");
        try (InputStream in = LocalFaultsJar.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the local cloud was built without " + RESOURCE + " (mvn package builds it)");
            }
            byte[] jar = in.readAllBytes();
            if (!Files.isRegularFile(target) || Files.size(target) != jar.length) {
                Files.createDirectories(target.getParent());
                Path staging = Files.createTempFile(target.getParent(), "local-faults", ".tmp");
                Files.write(staging, jar);
                Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
