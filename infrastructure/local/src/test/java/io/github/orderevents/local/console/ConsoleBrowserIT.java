package io.github.orderevents.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.local.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console in a real browser: headless Chromium (the system's, {@code -Dchromium=PATH}, default Debian's
 * /usr/bin/chromium) driven by playwright-core from the npm registry, installed once into
 * target/console-browser (no browser download). Skipped, visibly, without node, npm or Chromium.
 */
class ConsoleBrowserIT {
    private static final Path CHROMIUM = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));
    private static final Path WORK = Path.of("target", "console-browser").toAbsolutePath();
    private static final Path SCREENSHOT = Path.of("target", "console.png").toAbsolutePath();
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(3);

    /** In the test itself, not in a @BeforeAll: Maven then reports the test as skipped, with the reason. */
    private static void assumeTools() {
        assumeTrue(Files.isExecutable(CHROMIUM), "needs Chromium at " + CHROMIUM
                + " (Debian: apt-get install chromium; elsewhere -Dchromium=PATH)");
        assumeTrue(runs("node", "--version"), "needs node on the PATH");
        assumeTrue(runs("npm", "--version"), "needs npm on the PATH");
    }

    @Test
    void theConsoleShowsQueuesDeadLettersAndTablesAndItsButtonRedrivesTheDeadLetterQueue() throws Exception {
        assumeTools();
        Path script = prepare();
        try (ConsoleCloud cloud = ConsoleCloud.start().withItems().withParkedMessage()) {
            JsonNode summary = browse(script, cloud.console());

            assertThat(summary.get("offsite")).as("requests off the console's origin").isEmpty();
            assertThat(summary.get("errors")).as("errors in the page").isEmpty();
            JsonNode before = summary.get("before");

            JsonNode jobs = only(before.get("queues"), "name", ConsoleCloud.QUEUE);
            assertThat(jobs.get("logicalId").asText()).isEqualTo("JobsQueue");
            assertThat(jobs.get("visible").asText()).isEqualTo("0");
            assertThat(jobs.get("dlq").asText()).isEqualTo(ConsoleCloud.DLQ);
            assertThat(jobs.get("dlqDepth").asText()).isEqualTo("1");
            assertThat(only(before.get("queues"), "name", ConsoleCloud.DLQ).get("visible").asText()).isEqualTo("1");

            JsonNode dlq = only(before.get("dlqs"), "name", ConsoleCloud.DLQ);
            assertThat(dlq.get("depth").asText()).isEqualTo("1");
            assertThat(dlq.get("messages")).hasSize(1);
            assertThat(dlq.get("messages").get(0).get("body").asText()).isEqualTo(ConsoleCloud.PARKED_BODY);
            assertThat(dlq.get("messages").get(0).get("text").asText()).contains("reason: failed on its first receive");

            JsonNode readings = only(before.get("tables"), "logicalId", "ReadingsTable");
            assertThat(readings.get("open").asBoolean()).isTrue();
            assertThat(readings.get("count").asText()).isEqualTo("3");
            assertThat(texts(readings.get("columns"))).startsWith("sensor", "at");
            assertThat(cells(readings, "sensor", "at", "celsius"))
                    .containsExactlyInAnyOrder("s-1 1 21.5", "s-1 2 22", "s-2 1 null");
            JsonNode notes = only(before.get("tables"), "logicalId", "NotesTable");
            assertThat(notes.get("count").asText()).isEqualTo("2");
            assertThat(cells(notes, "noteId", "text")).containsExactlyInAnyOrder("n-1 hello console", "n-2 second note");

            assertThat(before.get("functions")).isEmpty();
            assertThat(before.get("functionsText").asText()).isEqualTo("no functions in this template");
            assertThat(SCREENSHOT).isRegularFile();
            assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);

            // The click: a move task takes the message back to the jobs queue, and the page says so.
            assertThat(summary.get("clicked").asText()).isEqualTo(ConsoleCloud.DLQ);
            assertThat(summary.get("notice").asText()).startsWith("DLQ redrive of " + ConsoleCloud.DLQ + " started");
            assertThat(only(summary.get("after").get("dlqs"), "name", ConsoleCloud.DLQ).get("messages")).isEmpty();
            assertThat(summary.get("afterText").asText()).contains(ConsoleCloud.DLQ, "0", "empty");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(cloud.depth(ConsoleCloud.DLQ)).isZero();
                assertThat(cloud.depth(ConsoleCloud.QUEUE)).isEqualTo(1);
            });
            var back = cloud.cloud.sqs().receiveMessage(r -> r.queueUrl(cloud.url(ConsoleCloud.QUEUE)).waitTimeSeconds(1))
                    .messages();
            assertThat(back).extracting(m -> m.body()).containsExactly(ConsoleCloud.PARKED_BODY);
        }
    }

    /** Writes the script into target/console-browser and installs playwright-core there once. */
    private static Path prepare() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        Path script = WORK.resolve("console.mjs");
        try (InputStream source = ConsoleBrowserIT.class.getResourceAsStream("/console/console-browser.mjs")) {
            assertThat(source).as("console-browser.mjs on the test class path").isNotNull();
            Files.copy(source, script, StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isRegularFile(WORK.resolve("node_modules/playwright-core/package.json"))) {
            Result npm = run(List.of("npm", "install", "--prefix", WORK.toString(), "--no-audit", "--no-fund",
                    "--loglevel=error", "playwright-core@1"), Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"), NPM_TIMEOUT);
            if (npm.exit() != 0) {
                fail("npm install playwright-core failed (" + npm.exit() + "):\n" + npm.out() + npm.err());
            }
        }
        return script;
    }

    private static JsonNode browse(Path script, URI console) throws IOException, InterruptedException {
        // The browser's fresh profile goes under TMPDIR: a directory of its own, short enough for Chromium's
        // singleton socket path (a Unix socket path has at most 107 bytes, too few under target/).
        Path tmp = Files.createTempDirectory("console-browser-");
        Result node;
        try {
            node = run(List.of("node", script.toString(), console.toString(), SCREENSHOT.toString(), CHROMIUM.toString()),
                    Map.of("TMPDIR", tmp.toString()), BROWSER_TIMEOUT);
        } finally {
            delete(tmp);
        }
        String last = node.out().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("");
        System.out.println("console in Chromium: " + last);
        if (node.exit() != 0 || last.isEmpty()) {
            fail("node " + script + " failed (" + node.exit() + "):\n" + node.out() + node.err());
        }
        return Json.MAPPER.readTree(last);
    }

    private static void delete(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
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

    private static JsonNode only(JsonNode rows, String field, String value) {
        List<JsonNode> matching = new ArrayList<>();
        rows.forEach(row -> {
            if (value.equals(row.path(field).asText())) {
                matching.add(row);
            }
        });
        assertThat(matching).as("%s=%s in %s", field, value, rows).hasSize(1);
        return matching.get(0);
    }

    private static List<String> texts(JsonNode values) {
        List<String> texts = new ArrayList<>();
        values.forEach(v -> texts.add(v.asText()));
        return texts;
    }

    /** Each item row's cells for these attributes, joined by spaces ("null" where a row has none). */
    private static List<String> cells(JsonNode table, String... attributes) {
        List<String> rows = new ArrayList<>();
        table.get("items").forEach(item -> {
            List<String> cells = new ArrayList<>();
            for (String attribute : attributes) {
                JsonNode cell = item.get("cells").get(attribute);
                cells.add(cell == null ? "null" : cell.asText());
            }
            rows.add(String.join(" ", cells));
        });
        return rows;
    }
}
