package io.github.orderevents.local.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.local.testing.FreePort;
import io.github.orderevents.local.testing.SamApps;
import io.github.orderevents.local.Json;
import io.github.orderevents.local.LocalCloud;
import io.github.orderevents.local.console.QueueDepth;
import io.github.orderevents.local.LocalCloudOptions;
import io.github.orderevents.local.lambda.FunctionInstance;
import io.github.orderevents.local.lambda.ProcessFunction;
import io.github.orderevents.local.metrics.MetricKey;
import io.github.orderevents.local.metrics.MetricStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The SAM applications of src/test/sam-apps, unchanged, through the local cloud, driven as their users would drive
 * them: greetings (a source-directory CodeUri the runner builds with Maven, an Api with StageName Prod, a SimpleTable,
 * a function invoked directly with the aws CLI) and ledger (a Lambda zip built first with its own mvn package, an SQS
 * queue with a DLQ and ReportBatchItemFailures, a DynamoDB stream trigger).
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class SamApplicationsIT {
    private static final Path APPS = SamApps.DIR;
    private static final Path WORK = Path.of("target", "sam-apps-it").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** The ledger's own build, started at once: it runs while greetings is tested. */
    private static CompletableFuture<Duration> ledgerBuild;

    @BeforeAll
    static void buildLedgerInTheBackground() {
        ledgerBuild = CompletableFuture.supplyAsync(() -> SamApps.mavenPackage(APPS.resolve("ledger")));
    }

    @AfterAll
    static void closeClient() {
        HTTP.close();
    }

    @Nested
    @Order(1)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Greetings {
        private LocalCloud cloud;
        private String greetingId;

        @BeforeAll
        void start() throws IOException {
            Path work = WORK.resolve("greetings");
            deleteTree(work); // no earlier build: the runner builds greeter/ itself
            long started = System.nanoTime();
            cloud = LocalCloud.start(options(APPS.resolve("greetings/template.yaml"), work));
            timing("greetings: built greeter/ and started in %.1f s", started);
        }

        @AfterAll
        void stop() {
            if (cloud != null) {
                cloud.close();
            }
        }

        @Test
        @Order(1)
        void greetingIsCreatedUnderTheStagePrefixStoredInTheSimpleTableAndReadBack() throws Exception {
            long started = System.nanoTime();
            HttpResponse<String> created = send(HttpRequest.newBuilder(api("/Prod/greetings"))
                    .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"name\":\"Ada\"}")));

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode greeting = Json.MAPPER.readTree(created.body());
            assertThat(greeting.path("message").asText()).isEqualTo("Hello, Ada");
            greetingId = greeting.path("id").asText();
            assertThat(created.headers().firstValue("Location")).contains("/greetings/" + greetingId);

            HttpResponse<String> found = send(HttpRequest.newBuilder(api("/Prod/greetings/" + greetingId)).GET());
            assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(found.body()).path("name").asText()).isEqualTo("Ada");

            String table = cloud.resources().get("GreetingsTable").ref();
            assertThat(table).isEqualTo("sam-app-GreetingsTable");
            Map<String, AttributeValue> item = cloud.dynamo().getItem(r -> r.tableName(table)
                    .key(Map.of("id", AttributeValue.fromS(greetingId))).consistentRead(true)).item();
            assertThat(item.get("message").s()).isEqualTo("Hello, Ada");
            timing("greetings: POST and GET (a cold start) in %.1f s", started);
        }

        @Test
        @Order(2)
        void pathWithoutTheStagePrefixAndABadBodyGetTheFunctionsJson400() throws Exception {
            HttpResponse<String> rejected = send(HttpRequest.newBuilder(api("/greetings"))
                    .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"name\":")));

            assertThat(rejected.statusCode()).isEqualTo(400);
            assertThat(rejected.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(Json.MAPPER.readTree(rejected.body()).path("error").asText()).isEqualTo("the body is not valid JSON");
        }

        @Test
        @Order(3)
        void unknownPathUnderTheStageIsMissingAuthenticationToken() throws Exception {
            HttpResponse<String> response = send(HttpRequest.newBuilder(api("/Prod/farewells")).GET());

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(Json.MAPPER.readTree(response.body()).path("message").asText()).isEqualTo("Missing Authentication Token");
        }

        @Test
        @Order(4)
        void counterInvokedWithTheAwsCliCountsTheGreeting() throws Exception {
            assumeTrue(onPath("aws"), "no aws CLI on the PATH: aws lambda invoke is not checked");
            long started = System.nanoTime();
            Path out = WORK.resolve("greetings/counter-out.json");
            List<String> command = new ArrayList<>(List.of("aws", "lambda", "invoke",
                    "--endpoint-url", cloud.lambdaEndpoint().toString(), "--function-name", "GreetingCounterFunction",
                    "--payload", "{}", "--output", "json"));
            if (awsCliMajorVersion() >= 2) {
                command.addAll(List.of("--cli-binary-format", "raw-in-base64-out"));
            }
            command.add(out.toString());
            Result invoked = run(command, awsEnvironment(), Duration.ofSeconds(60));

            assertThat(invoked.exitCode()).as(invoked.output()).isZero();
            assertThat(Json.MAPPER.readTree(invoked.output()).path("StatusCode").asInt()).isEqualTo(200);
            JsonNode counted = Json.MAPPER.readTree(out.toFile());
            assertThat(counted.path("count").asInt()).isEqualTo(1);
            assertThat(counted.path("functionName").asText()).isEqualTo("sam-app-GreetingCounterFunction")
                    .isEqualTo(cloud.processFunctions().get("GreetingCounterFunction").name());
            timing("greetings: aws lambda invoke (a cold start) in %.1f s", started);
        }

        @Test
        @Order(5)
        void apiFunctionRunsFromTheBuiltSourcesInAProcessOfItsOwnAndCanReachTheLambdaApi() {
            ProcessFunction function = cloud.processFunctions().get("GreetingsApiFunction");

            assertThat(function.name()).isEqualTo("greetings-api");
            assertThat(function.instances()).isNotEmpty().extracting(FunctionInstance::pid)
                    .doesNotContain(ProcessHandle.current().pid());
            // The build's task root, linked beside the local cloud's SDK interceptors (lib/~local-*.jar).
            Path built = readLink(function.taskRoot().resolve("example"));
            assertThat(built).startsWithRaw(WORK.resolve("greetings/builds"));
            assertThat(function.taskRoot().resolve("example/greetings/GreetingsApiHandler.class")).isRegularFile();
            assertThat(function.taskRoot().resolve("lib")).isDirectoryContaining("glob:**/dynamodb-*.jar")
                    .isDirectoryContaining("glob:**/~local-*.jar");
            assertThat(readLink(cloud.processFunctions().get("GreetingCounterFunction").taskRoot().resolve("example")))
                    .isEqualTo(built);
            assertThat(function.config().environment())
                    .containsEntry("AWS_ENDPOINT_URL_LAMBDA", cloud.lambdaEndpoint().toString())
                    .containsEntry("TABLE_NAME", "sam-app-GreetingsTable");
        }

        private URI api(String path) {
            return URI.create(cloud.apiEndpoint() + path);
        }
    }

    @Nested
    @Order(2)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Ledger {
        private LocalCloud cloud;

        @BeforeAll
        void start() {
            long waited = System.nanoTime();
            Duration build = ledgerBuild.join();
            timing("ledger: mvn -q package took " + String.format(Locale.ROOT, "%.1f", build.toNanos() / 1e9)
                    + " s (in the background); waited %.1f s for it", waited);
            long started = System.nanoTime();
            // Failed messages come back after 1 s instead of the template's 30 s, so the DLQ fills quickly.
            cloud = LocalCloud.start(options(APPS.resolve("ledger/template.yaml"), WORK.resolve("ledger"))
                    .withVisibilityTimeout(Optional.of(1)));
            timing("ledger: started in %.1f s", started);
        }

        @AfterAll
        void stop() {
            if (cloud != null) {
                cloud.close();
            }
        }

        @Test
        @Order(1)
        void validEntriesBecomeBalancesThroughTheStreamAndInvalidOnesEndInTheDeadLetterQueue() {
            long started = System.nanoTime();
            String queue = cloud.resources().get("EntriesQueue").attributes().get("QueueUrl");
            for (String body : List.of("{\"account\":\"acc-1\",\"amount\":25}", "{\"account\":\"acc-1\",\"amount\":10}",
                    "{\"account\":\"acc-2\",\"amount\":7}", "not an entry", "{\"account\":\"acc-3\",\"amount\":-5}")) {
                cloud.sqs().sendMessage(r -> r.queueUrl(queue).messageBody(body));
            }
            String balances = cloud.resources().get("BalancesTable").ref();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                assertThat(balance(balances, "acc-1")).containsExactly("35", "2");
                assertThat(balance(balances, "acc-2")).containsExactly("7", "1");
            });
            timing("ledger: balances through SQS and the stream in %.1f s", started);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                QueueDepth dlq = depth("EntriesDeadLetterQueue");
                assertThat(dlq.deadLetterQueue()).isTrue();
                assertThat(dlq.visible()).isEqualTo(2);
                QueueDepth entries = depth("EntriesQueue");
                assertThat(entries.visible() + entries.inFlight()).isZero();
            });
            timing("ledger: both invalid entries in the DLQ after %.1f s", started);
            assertThat(balance(balances, "acc-3")).isEmpty();
            assertThat(cloud.processFunctions().get("RecordEntryFunction").stats().invocations()).isGreaterThanOrEqualTo(2);
        }

        @Test
        @Order(2)
        void theEmbeddedMetricLinesTheRecordFunctionPrintsBecomeMetricsByNamespaceNameAndDimension() {
            // After the test above: every entry was recorded or rejected, each invocation printed one EMF line (a batch
            // that outlasts the 1 s visibility timeout comes again, and its entries count again).
            MetricKey recorded = MetricKey.of("Ledger", "EntriesRecorded", Map.of("Service", "ledger"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(cloud.metrics().store().merged(recorded::equals, MetricStore.WINDOW).sum()).isGreaterThanOrEqualTo(3);
                assertThat(cloud.metrics().store().merged(
                        key -> key.namespace().equals("Ledger") && key.name().equals("EntriesRejected"), MetricStore.WINDOW)
                        .sum()).isGreaterThanOrEqualTo(4);
            });
            assertThat(cloud.metrics().store().units()).containsEntry(
                    MetricKey.of("Ledger", "BatchTime", Map.of("Service", "ledger")), "Milliseconds");
            assertThat(cloud.metrics().invalidEmfLines()).isZero();
            assertThat(cloud.metrics().store().merged(key -> key.namespace().equals("AWS/Lambda") && key.name().equals("Duration")
                    && key.dimensionMap().get("FunctionName").equals(cloud.processFunctions().get("RecordEntryFunction").name()),
                    MetricStore.WINDOW).count()).isEqualTo(cloud.processFunctions().get("RecordEntryFunction").stats().invocations());
        }

        private List<String> balance(String table, String account) {
            Map<String, AttributeValue> item = cloud.dynamo().getItem(r -> r.tableName(table)
                    .key(Map.of("account", AttributeValue.fromS(account))).consistentRead(true)).item();
            return item == null || item.isEmpty() ? List.of() : List.of(item.get("balance").n(), item.get("entries").n());
        }

        private QueueDepth depth(String logicalId) {
            return cloud.queueDepths().stream().filter(q -> q.logicalId().equals(logicalId)).findFirst().orElseThrow();
        }
    }

    private static LocalCloudOptions options(Path template, Path work) {
        return LocalCloudOptions.defaults(template)
                .withPorts(FreePort.find(), FreePort.find(), FreePort.find())
                .withLambdaPort(FreePort.find())
                .withSchedules(false)
                .withStatusLine(false)
                .withWorkDir(work)
                .withFunctionLog(Optional.of(work.resolve("functions.log")));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), BodyHandlers.ofString());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, Map<String, String> environment, Duration timeout) {
        return run(command, environment, timeout, null);
    }

    private static Result run(List<String> command, Map<String, String> environment, Duration timeout, Path directory) {
        try {
            Path output = Files.createTempFile("sam-apps-it", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
                if (directory != null) {
                    builder.directory(directory.toFile());
                }
                builder.environment().clear();
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout);
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a user of the local cloud exports for the aws CLI; nobody's profile or credentials file comes in. */
    private static Map<String, String> awsEnvironment() {
        Map<String, String> environment = new java.util.HashMap<>(System.getenv());
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        environment.put("AWS_ACCESS_KEY_ID", "local");
        environment.put("AWS_SECRET_ACCESS_KEY", "local");
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        environment.put("AWS_CONFIG_FILE", WORK.resolve("no-aws-config").toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", WORK.resolve("no-aws-credentials").toString());
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        return environment;
    }

    private static int awsCliMajorVersion() {
        String version = run(List.of("aws", "--version"), awsEnvironment(), Duration.ofSeconds(30)).output();
        int slash = version.indexOf("aws-cli/");
        return slash < 0 ? 1 : Character.getNumericValue(version.charAt(slash + "aws-cli/".length()));
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isBlank() && Files.isExecutable(Path.of(dir, program)));
    }

    private static void timing(String format, long startedNanos) {
        System.out.printf(Locale.ROOT, "[SamApplicationsIT] " + format + "%n", (System.nanoTime() - startedNanos) / 1e9);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static Path readLink(Path link) {
        try {
            return Files.readSymbolicLink(link);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
