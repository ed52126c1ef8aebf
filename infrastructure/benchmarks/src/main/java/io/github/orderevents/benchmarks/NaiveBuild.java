package io.github.orderevents.benchmarks;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The naive baseline of a function: a copy of its jar whose {@code io.github.orderevents.aws.AwsClients} is the naive
 * one (SDK defaults: Apache HTTP client, default provider chains, clients built eagerly), compiled here against the
 * function's own jar, with the Apache client's jars in {@code lib/} as a Lambda zip carries them. Nothing in the
 * function knows: the handler is the same class, calling the same API.
 */
final class NaiveBuild {
    private static final String CLASS = "io/github/orderevents/aws/AwsClients";
    private static final String SOURCE = "/naive/io/github/orderevents/aws/AwsClients.java";
    private final Path directory;
    private final List<Path> httpClientJars;

    NaiveBuild(Path directory) {
        this.directory = directory;
        this.httpClientJars = httpClientJars();
    }

    /** The naive jar of {@code functionJar} (built once per benchmark run). */
    synchronized Path of(Path functionJar) {
        try {
            Path target = directory.resolve(functionJar.getParent().getParent().getFileName() + "-naive.jar");
            if (Files.isRegularFile(target) && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(functionJar)) > 0) {
                return target; // unchanged function: the same naive jar (and the local cloud's unpacked task root)
            }
            Path classes = compile(functionJar);
            Files.createDirectories(directory);
            Path staging = Files.createTempFile(directory, "naive", ".jar");
            try (ZipFile original = new ZipFile(functionJar.toFile());
                 ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(staging))) {
                for (ZipEntry entry : java.util.Collections.list(original.entries())) {
                    if (isRealAwsClients(entry.getName())) {
                        continue;
                    }
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    try (InputStream in = original.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
                try (Stream<Path> compiled = Files.walk(classes)) {
                    for (Path file : compiled.filter(Files::isRegularFile).toList()) {
                        out.putNextEntry(new ZipEntry(classes.relativize(file).toString().replace('\\', '/')));
                        Files.copy(file, out);
                        out.closeEntry();
                    }
                }
                for (Path jar : httpClientJars) {
                    out.putNextEntry(new ZipEntry("lib/" + jar.getFileName()));
                    Files.copy(jar, out);
                    out.closeEntry();
                }
            }
            Files.move(staging, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the naive jar of " + functionJar, e);
        }
    }

    private static boolean isRealAwsClients(String name) {
        return name.equals(CLASS + ".class") || (name.startsWith(CLASS + "$") && name.endsWith(".class"));
    }

    private Path compile(Path functionJar) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("the naive baseline is compiled at run time: run the benchmark with a JDK, not a JRE");
        }
        Path work = Files.createDirectories(directory.resolve("src-" + System.nanoTime()));
        Path source = Files.createDirectories(work.resolve("io/github/orderevents/aws")).resolve("AwsClients.java");
        try (InputStream in = NaiveBuild.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the benchmark was built without " + SOURCE);
            }
            Files.write(source, in.readAllBytes());
        }
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> classPath = new ArrayList<>();
        classPath.add(functionJar.toString());
        httpClientJars.forEach(jar -> classPath.add(jar.toString()));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = compiler.run(null, errors, errors, "--release", "21", "-proc:none", "-d", classes.toString(),
                "-cp", String.join(java.io.File.pathSeparator, classPath), source.toString());
        if (status != 0) {
            throw new IllegalStateException("the naive AwsClients does not compile against " + functionJar
                    + " (has the real one's API changed?):\n" + errors.toString(StandardCharsets.UTF_8));
        }
        return classes;
    }

    /** target/naive-lib beside the benchmark's classes or jar: the build copies the Apache client and its jars there. */
    private static List<Path> httpClientJars() {
        try {
            Path here = Path.of(NaiveBuild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = here.getParent().resolve("naive-lib");
            if (!Files.isDirectory(lib)) {
                throw new IllegalStateException("no " + lib + ": build the benchmark with mvn package first");
            }
            try (Stream<Path> jars = Files.list(lib)) {
                List<Path> all = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
                if (all.stream().noneMatch(p -> p.getFileName().toString().startsWith("apache-client"))) {
                    throw new IllegalStateException(lib + " holds no apache-client jar");
                }
                return all;
            }
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot find the naive baseline's HTTP client jars", e);
        }
    }
}
