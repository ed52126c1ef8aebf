package io.github.orderevents.local.lambda;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What a function's {@code CodeUri} is, as {@code sam build} and {@code sam local} see it, for {@link TaskRoot}:
 * <ul>
 *   <li>a jar or zip that exists: the deployment package itself;</li>
 *   <li>else {@code .aws-sam/build/<LogicalId>/} beside the template, if there is one (what {@code sam build} leaves):
 *       the task root, nothing is built;</li>
 *   <li>a directory with a {@code pom.xml}: built with Maven, as {@code sam build} builds it
 *       ({@code mvn -q -DskipTests package}, plus {@code dependency:copy-dependencies -DincludeScope=runtime} when the
 *       build leaves no {@code target/dependency}), its task root {@code target/classes} with the runtime jars as
 *       {@code lib/} (linked into a folder of the work directory); built once per directory, and again only when a
 *       source file changed (newest modification time and number of files, outside {@code target/});</li>
 *   <li>a directory with compiled classes (or {@code lib/*.jar}) and no pom.xml: the task root as it is.</li>
 * </ul>
 * Anything else is an {@link IllegalStateException} that names the function, the CodeUri and what was looked for (a Gradle
 * project is not built: the message says so, and what to run instead).
 */
public final class ArtifactResolver {
    /** How long one Maven build may take (a first build downloads its dependencies). */
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);
    private static final String STAMP = "sources.stamp";

    private final Path templateDirectory;
    private final Path buildsDirectory;
    private final Map<String, String> environment;
    private final Consumer<String> progress;
    private final Map<Path, Path> built = new HashMap<>();

    /**
     * @param templateDirectory where the template is: CodeUris and .aws-sam/build are relative to it
     * @param workDir           the local cloud's work directory: Maven builds are laid out under its builds/
     * @param environment       where Maven is looked for (PATH, MAVEN_HOME, M2_HOME), and what it runs with
     * @param progress          one line per build, for whoever waits for it
     */
    public ArtifactResolver(Path templateDirectory, Path workDir, Map<String, String> environment, Consumer<String> progress) {
        this.templateDirectory = templateDirectory.toAbsolutePath().normalize();
        this.buildsDirectory = workDir.toAbsolutePath().normalize().resolve("builds");
        this.environment = Map.copyOf(environment);
        this.progress = progress;
    }

    /** The artifact for function {@code logicalId} with {@code codeUri}: a package file, or a task root directory. */
    public synchronized Path resolve(String logicalId, String codeUri) {
        Path code = templateDirectory.resolve(codeUri).normalize();
        Path samBuild = templateDirectory.resolve(".aws-sam").resolve("build").resolve(logicalId);
        if (Files.isRegularFile(code)) {
            return code;
        }
        if (Files.isDirectory(samBuild)) {
            return samBuild;
        }
        String samBuildName = ".aws-sam/build/" + logicalId;
        if (!Files.exists(code)) {
            boolean isPackage = codeUri.toLowerCase(Locale.ROOT).endsWith(".zip") || codeUri.toLowerCase(Locale.ROOT).endsWith(".jar");
            throw new IllegalStateException(logicalId + ": CodeUri " + codeUri + " does not exist (" + code + "), and there is no "
                    + samBuildName + "; " + (isPackage ? "build the package first (mvn package)" : "run sam build or mvn package"));
        }
        if (Files.isRegularFile(code.resolve("pom.xml"))) {
            Path root = built.get(code);
            if (root == null) {
                root = build(logicalId, codeUri, code);
                built.put(code, root);
            }
            return root;
        }
        if (hasCompiledCode(code)) {
            return code;
        }
        Optional<String> gradleBuild = Stream.of("build.gradle", "build.gradle.kts")
                .filter(name -> Files.isRegularFile(code.resolve(name))).findFirst();
        if (gradleBuild.isPresent()) {
            throw new IllegalStateException(logicalId + ": CodeUri " + codeUri + " is a Gradle project (" + gradleBuild.get()
                    + "), which the local cloud does not build (Maven projects only); run sam build (it leaves " + samBuildName
                    + "), or build its Lambda zip and make CodeUri that file");
        }
        throw new IllegalStateException(logicalId + ": CodeUri " + codeUri + " has no pom.xml, no " + samBuildName
                + " and no compiled classes; run sam build or mvn package");
    }

    /** The task root of the Maven project in {@code project}: the last one if no source changed since, else a new build. */
    private Path build(String logicalId, String codeUri, Path project) {
        Path dir = buildsDirectory.resolve(TaskRoot.safe(project.getFileName() == null ? "code" : project.getFileName().toString())
                + "-" + TaskRoot.digest(project.toString()).substring(0, 12));
        Path taskRoot = dir.resolve("task");
        Path stampFile = dir.resolve(STAMP);
        try {
            String stamp = sourcesStamp(project);
            if (Files.isDirectory(taskRoot) && Files.isDirectory(project.resolve("target/classes")) && Files.isRegularFile(stampFile)
                    && Files.readString(stampFile, StandardCharsets.UTF_8).equals(stamp)) {
                return taskRoot;
            }
            Files.createDirectories(dir);
            Files.deleteIfExists(stampFile);
            Path maven = maven(logicalId, codeUri);
            Path log = dir.resolve("build.log");
            long started = System.nanoTime();
            progress.accept("building " + codeUri + " for " + logicalId + " with Maven (mvn -q -DskipTests package in "
                    + project + "; its output: " + log + ")");
            run(logicalId, codeUri, project, log, maven, "-q", "-DskipTests", "package");
            Path classes = project.resolve("target").resolve("classes");
            if (!Files.isDirectory(classes)) {
                throw new IllegalStateException(logicalId + ": mvn package in CodeUri " + codeUri
                        + " left no target/classes (is it a jar project?)");
            }
            Path dependencies = project.resolve("target").resolve("dependency");
            if (!Files.isDirectory(dependencies)) {
                dependencies = dir.resolve("lib");
                TaskRoot.deleteTree(dependencies);
                run(logicalId, codeUri, project, log, maven, "-q",
                        "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies",
                        "-DincludeScope=runtime", "-DoutputDirectory=" + dependencies);
            }
            assemble(taskRoot, classes, dependencies);
            Files.writeString(stampFile, stamp, StandardCharsets.UTF_8);
            progress.accept(String.format(Locale.ROOT, "built %s in %.1f s", codeUri, (System.nanoTime() - started) / 1e9));
            return taskRoot;
        } catch (IOException e) {
            throw new UncheckedIOException(logicalId + ": cannot build CodeUri " + codeUri, e);
        }
    }

    /** Maven: {@code mvn} on the PATH, else in MAVEN_HOME/bin or M2_HOME/bin. */
    Path maven(String logicalId, String codeUri) {
        return findMaven(environment).orElseThrow(() -> new IllegalStateException(logicalId + ": CodeUri " + codeUri
                + " is a Maven project to build, but there is no Maven: looked for mvn on the PATH and in MAVEN_HOME/bin and"
                + " M2_HOME/bin" + (environment.containsKey("MAVEN_HOME") || environment.containsKey("M2_HOME") ? "" : " (both unset)")
                + "; install Maven, or build it first (sam build)"));
    }

    static Optional<Path> findMaven(Map<String, String> environment) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> names = windows ? List.of("mvn.cmd", "mvn.bat", "mvn") : List.of("mvn");
        List<Path> directories = new ArrayList<>();
        String path = environment.getOrDefault("PATH", environment.getOrDefault("Path", ""));
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                directories.add(Path.of(entry));
            }
        }
        for (String home : List.of("MAVEN_HOME", "M2_HOME")) {
            String value = environment.get(home);
            if (value != null && !value.isBlank()) {
                directories.add(Path.of(value, "bin"));
            }
        }
        for (Path directory : directories) {
            for (String name : names) {
                Path candidate = directory.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private void run(String logicalId, String codeUri, Path project, Path log, Path maven, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(maven.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(environment);
        // A Maven that starts this one (a test) must not hand it its own project.
        env.remove("MAVEN_PROJECTBASEDIR");
        env.remove("MAVEN_CMD_LINE_ARGS");
        env.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Process process = builder.start();
        boolean finished;
        try {
            finished = process.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(logicalId + ": interrupted while building CodeUri " + codeUri);
        }
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException(logicalId + ": building CodeUri " + codeUri + " took more than "
                    + BUILD_TIMEOUT.toMinutes() + " minutes; its output: " + log);
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
            throw new IllegalStateException(logicalId + ": building CodeUri " + codeUri + " failed (" + String.join(" ", command)
                    + " in " + project + ", exit code " + process.exitValue() + "); the end of its output (" + log + "):\n" + tail);
        }
    }

    /** {@code taskRoot} anew: the entries of {@code classes} and, as lib/, the jars of {@code dependencies}, linked. */
    private static void assemble(Path taskRoot, Path classes, Path dependencies) throws IOException {
        TaskRoot.deleteTree(taskRoot);
        Files.createDirectories(taskRoot);
        try (Stream<Path> entries = Files.list(classes)) {
            for (Path entry : entries.toList()) {
                if (!entry.getFileName().toString().equals("lib")) {
                    link(taskRoot.resolve(entry.getFileName().toString()), entry);
                }
            }
        }
        Path lib = Files.createDirectories(taskRoot.resolve("lib"));
        if (Files.isDirectory(dependencies)) {
            try (Stream<Path> jars = Files.list(dependencies)) {
                for (Path jar : jars.filter(p -> p.getFileName().toString().endsWith(".jar")).toList()) {
                    link(lib.resolve(jar.getFileName().toString()), jar);
                }
            }
        }
    }

    /** A symbolic link, or a copy where the file system has none. */
    private static void link(Path link, Path target) throws IOException {
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            if (Files.isDirectory(target)) {
                try (Stream<Path> tree = Files.walk(target)) {
                    for (Path source : tree.toList()) {
                        Path copy = link.resolve(target.relativize(source).toString());
                        if (Files.isDirectory(source)) {
                            Files.createDirectories(copy);
                        } else {
                            Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            } else {
                Files.copy(target, link, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * What the build depends on: the newest modification time and the number of the project's files, outside build
     * output ({@code target/}), hidden folders and the shade plugin's dependency-reduced-pom.xml.
     */
    static String sourcesStamp(Path project) throws IOException {
        long[] newest = {0};
        long[] count = {0};
        Files.walkFileTree(project, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (!dir.equals(project) && (name.equals("target") || name.startsWith("."))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (!file.getFileName().toString().equals("dependency-reduced-pom.xml")) {
                    newest[0] = Math.max(newest[0], attributes.lastModifiedTime().toMillis());
                    count[0]++;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return newest[0] + "/" + count[0];
    }

    /** Whether a directory holds code to run as it is: a .class file anywhere, or lib/*.jar. */
    private static boolean hasCompiledCode(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".class") || (name.endsWith(".jar") && dir.resolve("lib").equals(p.getParent()));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
