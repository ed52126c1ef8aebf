package io.github.orderevents.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Handlers compiled at test time into deployment packages: a jar, and a zip with classes at its root and lib/*.jar. */
final class LambdaFixtures {
    static final String ECHO = "fixture.EchoHandler::handleRequest";
    static final String BROKEN = "fixture.BrokenHandler::handleRequest";
    static final String NOOP = "fixture.NoopHandler::handleRequest";
    static final String GREETING = "fixture.GreetingHandler::handleRequest";
    static final String PRIMED = "primed.PrimedHandler::handleRequest";

    private static final Map<String, String> HANDLERS = Map.of(
            "fixture/EchoHandler.java", """
                    package fixture;

                    import com.amazonaws.services.lambda.runtime.Context;
                    import com.amazonaws.services.lambda.runtime.RequestHandler;
                    import java.util.LinkedHashMap;
                    import java.util.List;
                    import java.util.Map;

                    /** Echoes its input with its pid and the variables asked for; sleeps, throws or exits when asked. */
                    public class EchoHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
                        @Override
                        public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
                            if (input.containsKey("print")) {
                                System.out.println(input.get("print"));
                            }
                            if (input.containsKey("sleepMs")) {
                                try {
                                    Thread.sleep(((Number) input.get("sleepMs")).longValue());
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                            if (input.containsKey("throw")) {
                                throw new IllegalStateException(String.valueOf(input.get("throw")));
                            }
                            if (input.containsKey("exit")) {
                                System.exit(((Number) input.get("exit")).intValue());
                            }
                            Map<String, Object> out = new LinkedHashMap<>();
                            out.put("pid", ProcessHandle.current().pid());
                            out.put("requestId", context.getAwsRequestId());
                            out.put("remainingMs", context.getRemainingTimeInMillis());
                            out.put("input", input);
                            Map<String, String> env = new LinkedHashMap<>();
                            if (input.get("env") instanceof List<?> names) {
                                for (Object name : names) {
                                    env.put(String.valueOf(name), System.getenv().getOrDefault(String.valueOf(name), "<unset>"));
                                }
                            }
                            out.put("env", env);
                            return out;
                        }
                    }
                    """,
            "fixture/BrokenHandler.java", """
                    package fixture;

                    import com.amazonaws.services.lambda.runtime.Context;
                    import com.amazonaws.services.lambda.runtime.RequestHandler;
                    import java.util.Map;

                    /** Cannot be built: its constructor throws (an init error). */
                    public class BrokenHandler implements RequestHandler<Map<String, Object>, String> {
                        public BrokenHandler() {
                            throw new IllegalStateException("no configuration");
                        }

                        @Override
                        public String handleRequest(Map<String, Object> input, Context context) {
                            return "unreachable";
                        }
                    }
                    """,
            "fixture/NoopHandler.java", """
                    package fixture;

                    import com.amazonaws.services.lambda.runtime.Context;
                    import com.amazonaws.services.lambda.runtime.RequestHandler;
                    import java.util.Map;

                    /** Does nothing: the smallest function there is. */
                    public class NoopHandler implements RequestHandler<Map<String, Object>, String> {
                        @Override
                        public String handleRequest(Map<String, Object> input, Context context) {
                            return "ok";
                        }
                    }
                    """,
            "fixture/GreetingHandler.java", """
                    package fixture;

                    import com.amazonaws.services.lambda.runtime.Context;
                    import com.amazonaws.services.lambda.runtime.RequestHandler;
                    import fixture.lib.Greeting;
                    import java.util.Map;

                    /** Answers with a class from a jar of its package's lib/ folder. */
                    public class GreetingHandler implements RequestHandler<Map<String, Object>, String> {
                        @Override
                        public String handleRequest(Map<String, Object> input, Context context) {
                            return Greeting.greet(String.valueOf(input.get("name")));
                        }
                    }
                    """);
    private static final Map<String, String> LIBRARY = Map.of(
            "fixture/lib/Greeting.java", """
                    package fixture.lib;

                    /** Lives in lib/greeting.jar of the zip package. */
                    public final class Greeting {
                        public static String greet(String name) {
                            return "hello " + name;
                        }
                    }
                    """);

    private static final Map<String, String> PRIMED_HANDLER = Map.of(
            "primed/PrimedHandler.java", """
                    package primed;

                    import com.amazonaws.services.lambda.runtime.Context;
                    import com.amazonaws.services.lambda.runtime.RequestHandler;
                    import java.util.List;
                    import java.util.Map;
                    import java.util.concurrent.CopyOnWriteArrayList;
                    import org.crac.Core;
                    import org.crac.Resource;

                    /** Registers SnapStart runtime hooks; answers with the hooks that ran, in order. */
                    public class PrimedHandler implements RequestHandler<Map<String, Object>, List<String>>, Resource {
                        private final List<String> ran = new CopyOnWriteArrayList<>();

                        public PrimedHandler() {
                            Core.getGlobalContext().register(this);
                        }

                        @Override
                        public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
                            ran.add("beforeCheckpoint");
                        }

                        @Override
                        public void afterRestore(org.crac.Context<? extends Resource> context) {
                            ran.add("afterRestore");
                        }

                        @Override
                        public List<String> handleRequest(Map<String, Object> input, Context context) {
                            return List.copyOf(ran);
                        }
                    }
                    """);

    private static Path built;

    private LambdaFixtures() {
    }

    /** The handlers in one jar. */
    static synchronized Path jar() {
        return build().resolve("handlers.jar");
    }

    /** The handlers' classes at the root of a zip, the library they use in its lib/greeting.jar. */
    static synchronized Path zip() {
        return build().resolve("handlers.zip");
    }

    /** A zip whose handler registers org.crac runtime hooks, with lib/crac.jar. */
    static synchronized Path primedZip() {
        return build().resolve("primed.zip");
    }

    /** Where the local cloud's function processes keep their files, for tests. */
    static Path workDir() {
        return Path.of("target", "lambda-work").toAbsolutePath();
    }

    private static Path build() {
        if (built != null) {
            return built;
        }
        try {
            Path dir = Files.createDirectories(Path.of("target", "lambda-fixtures").toAbsolutePath());
            Path library = compile(dir.resolve("library"), LIBRARY, List.of());
            Path handlers = compile(dir.resolve("handlers"), HANDLERS, List.of(library));
            try (ZipOutputStream jar = new ZipOutputStream(Files.newOutputStream(dir.resolve("handlers.jar")))) {
                addTree(jar, handlers, "");
                addTree(jar, library, "");
            }
            Path greetingJar = dir.resolve("greeting.jar");
            try (ZipOutputStream lib = new ZipOutputStream(Files.newOutputStream(greetingJar))) {
                addTree(lib, library, "");
            }
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(dir.resolve("handlers.zip")))) {
                addTree(zip, handlers, "");
                zip.putNextEntry(new ZipEntry("lib/greeting.jar"));
                Files.copy(greetingJar, zip);
                zip.closeEntry();
            }
            Path primed = compile(dir.resolve("primed"), PRIMED_HANDLER, List.of(cracJar()));
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(dir.resolve("primed.zip")))) {
                addTree(zip, primed, "");
                zip.putNextEntry(new ZipEntry("lib/crac.jar"));
                Files.copy(cracJar(), zip);
                zip.closeEntry();
            }
            built = dir;
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path compile(Path out, Map<String, String> sources, List<Path> classPath) throws IOException {
        TaskRoot.deleteTree(out);
        Path src = Files.createDirectories(out.resolveSibling(out.getFileName() + "-src"));
        Path classes = Files.createDirectories(out);
        List<String> files = new java.util.ArrayList<>();
        for (var source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file.toString());
        }
        StringBuilder cp = new StringBuilder(lambdaCoreJar().toString());
        classPath.forEach(p -> cp.append(java.io.File.pathSeparator).append(p));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        List<String> args = new java.util.ArrayList<>(List.of("--release", "21", "-d", classes.toString(), "-cp", cp.toString()));
        args.addAll(files);
        int status = javac.run(null, OutputStream.nullOutputStream(), errors, args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("fixture handlers do not compile:\n" + errors);
        }
        return classes;
    }

    /** aws-lambda-java-core, from the test class path (the handlers compile against its interfaces). */
    private static Path lambdaCoreJar() {
        return jarOf(RequestHandler.class);
    }

    private static Path cracJar() {
        return jarOf(org.crac.Resource.class);
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addTree(ZipOutputStream zip, Path root, String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(prefix + root.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }
}
