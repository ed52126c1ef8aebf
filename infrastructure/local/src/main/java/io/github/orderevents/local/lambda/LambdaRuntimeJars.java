package io.github.orderevents.local.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The runtime interface client and its three dependencies as files: the class path of every function process. */
public record LambdaRuntimeJars(List<Path> classPath, Path nativeLibrary) {
    static final String RESOURCES = "lambda-runtime/";
    /** The system property the client loads its native library from instead of unpacking it to a fixed /tmp path. */
    static final String NATIVE_LIBRARY_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final String CLIENT = "aws-lambda-java-runtime-interface-client-";
    private static final Map<Path, LambdaRuntimeJars> EXTRACTED = new ConcurrentHashMap<>();

    public LambdaRuntimeJars {
        classPath = List.copyOf(classPath);
    }

    /**
     * The jars in {@code directory}, copied there (once) from the local cloud's resources: the build puts them in
     * {@code lambda-runtime/}, listed in its {@code index.txt}, as files and never on the local cloud's class path.
     */
    public static LambdaRuntimeJars in(Path directory) {
        return EXTRACTED.computeIfAbsent(directory.toAbsolutePath().normalize(), dir -> {
            try {
                return extract(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot extract the Lambda runtime interface client into " + dir, e);
            }
        });
    }

    private static LambdaRuntimeJars extract(Path directory) throws IOException {
        Files.createDirectories(directory);
        List<String> names = index();
        List<Path> jars = new java.util.ArrayList<>();
        for (String name : names) {
            Path jar = directory.resolve(name);
            if (!Files.isRegularFile(jar)) {
                try (InputStream in = resource(RESOURCES + name)) {
                    writeAtomically(in, jar);
                }
            }
            jars.add(jar);
        }
        Path client = jars.stream().filter(j -> j.getFileName().toString().startsWith(CLIENT)).findFirst()
                .orElseThrow(() -> new IllegalStateException(RESOURCES + "index.txt lists no " + CLIENT + "*.jar"));
        return new LambdaRuntimeJars(jars, nativeLibrary(client, directory));
    }

    /** The client's JNI library for this machine, unpacked next to the jars (the client would use /tmp, shared). */
    private static Path nativeLibrary(Path clientJar, Path directory) throws IOException {
        String platform = platform();
        String clientVersion = clientJar.getFileName().toString().substring(CLIENT.length()).replace(".jar", "");
        Path library = directory.resolve("libaws-lambda-jni-" + clientVersion + "." + platform + ".so");
        if (!Files.isRegularFile(library)) {
            try (ZipFile zip = new ZipFile(clientJar.toFile())) {
                ZipEntry entry = zip.getEntry("jni/libaws-lambda-jni." + platform + ".so");
                if (entry == null) {
                    throw new IllegalStateException(clientJar + " has no native client for " + platform);
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    writeAtomically(in, library);
                }
            }
        }
        return library;
    }

    /** The client's name for this machine's platform; it ships Linux (glibc and musl) libraries only. */
    static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            throw new IllegalStateException("the Lambda runtime interface client runs on Linux only (its native client"
                    + " is built for Linux); this is " + System.getProperty("os.name"));
        }
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> throw new IllegalStateException("the Lambda runtime interface client has no native client for "
                    + System.getProperty("os.arch"));
        };
        return (musl() ? "linux_musl-" : "linux-") + arch;
    }

    private static boolean musl() {
        try (var entries = Files.list(Path.of("/lib"))) {
            return entries.anyMatch(p -> p.getFileName().toString().startsWith("ld-musl-"));
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> index() throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource(RESOURCES + "index.txt"),
                StandardCharsets.UTF_8))) {
            List<String> names = reader.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
            if (names.isEmpty()) {
                throw new IllegalStateException(RESOURCES + "index.txt is empty");
            }
            return names;
        }
    }

    private static InputStream resource(String name) {
        InputStream in = LambdaRuntimeJars.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("no " + name + " on the local cloud's class path: build infrastructure/local"
                    + " with Maven (its generate-resources phase copies the Lambda runtime interface client there)");
        }
        return in;
    }

    /** Writes to a temporary file beside {@code target} and moves it into place: concurrent extractions never see half a file. */
    private static void writeAtomically(InputStream in, Path target) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
