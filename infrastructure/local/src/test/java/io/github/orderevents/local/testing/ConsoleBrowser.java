package io.github.orderevents.local.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.local.Json;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Drives the local cloud's console in a real browser, for every module's browser tests: headless Chromium (the
 * system's, {@code -Dchromium=PATH}, default Debian's /usr/bin/chromium) run by a script of /console/ on the test
 * class path with playwright-core from the npm registry, installed once into target/console-browser (no browser
 * download). A script prints what it saw as its last line of JSON.
 */
public final class ConsoleBrowser {
    public static final Path CHROMIUM = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));
    private static final Path WORK = Path.of("target", "console-browser").toAbsolutePath();
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(3);

    private ConsoleBrowser() {
    }

    /**
     * Skips the calling test, visibly, without Chromium, node or npm. Call it in the test itself, not in a
     * {@code @BeforeAll}: Maven then reports the test as skipped, with the reason.
     */
    public static void assumeTools() {
        assumeTrue(Files.isExecutable(CHROMIUM), "needs Chromium at " + CHROMIUM
                + " (Debian: apt-get install chromium; elsewhere -Dchromium=PATH)");
        assumeTrue(runs("node", "--version"), "needs node on the PATH");
        assumeTrue(runs("npm", "--version"), "needs npm on the PATH");
    }

    /** Where screenshots go: target/{@code name}. */
    public static Path screenshot(String name) {
        return Path.of("target", name).toAbsolutePath();
    }

    /**
     * Runs {@code /console/<script>} against {@code console} (its arguments: the console's URL, the screenshot's
     * path, Chromium's path, then {@code arguments}) and answers the JSON it printed last.
     */
    public static JsonNode browse(String script, URI console, Path screenshot, String... arguments)
            throws IOException, InterruptedException {
        Path file = prepare(script);
        // The browser's fresh profile goes under TMPDIR: a directory of its own, short enough for Chromium's
        // singleton socket path (a Unix socket path has at most 107 bytes, too few under target/).
        Path tmp = Files.createTempDirectory("console-browser-");
        Result node;
        try {
            List<String> command = new ArrayList<>(List.of("node", file.toString(), console.toString(),
                    screenshot.toString(), CHROMIUM.toString()));
            command.addAll(List.of(arguments));
            node = run(command, Map.of("TMPDIR", tmp.toString()), BROWSER_TIMEOUT);
        } finally {
            delete(tmp);
        }
        String last = node.out().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("");
        System.out.println(script + " in Chromium: " + last);
        if (node.exit() != 0 || last.isEmpty()) {
            fail("node " + file + " failed (" + node.exit() + "):\n" + node.out() + node.err());
        }
        return Json.MAPPER.readTree(last);
    }

    /** Writes the script (and the module it imports) into target/console-browser and installs playwright-core there once. */
    private static Path prepare(String script) throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        // Each script imports what they share from console-page.mjs beside it.
        for (String name : List.of(script, "console-page.mjs")) {
            try (InputStream source = ConsoleBrowser.class.getResourceAsStream("/console/" + name)) {
                assertThat(source).as("/console/" + name + " on the test class path").isNotNull();
                Files.copy(source, WORK.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path file = WORK.resolve(script);
        if (!Files.isRegularFile(WORK.resolve("node_modules/playwright-core/package.json"))) {
            Result npm = run(List.of("npm", "install", "--prefix", WORK.toString(), "--no-audit", "--no-fund",
                    "--loglevel=error", "playwright-core@1"), Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"), NPM_TIMEOUT);
            if (npm.exit() != 0) {
                fail("npm install playwright-core failed (" + npm.exit() + "):\n" + npm.out() + npm.err());
            }
        }
        return file;
    }

    private static void delete(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(List<String> command, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(WORK, "out-", ".txt");
        Path err = Files.createTempFile(WORK, "err-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(WORK.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not end within " + timeout + ":\n" + Files.readString(out)
                    + Files.readString(err));
        }
        try {
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
