package io.github.orderevents.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.orderevents.local.functions.FunctionErrorException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

class ProcessFunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ProcessFunction shared;
    private final List<ProcessFunction> started = new ArrayList<>();

    @BeforeAll
    static void startSharedFunction() {
        shared = ProcessFunction.create(FunctionConfig.of("echo-shared", LambdaFixtures.ECHO, LambdaFixtures.jar())
                .withMemoryMb(256)
                .withRegion("eu-west-1")
                .withEnvironment(Map.of("TABLE_NAME", "orders-local"))
                .withLog(line -> { }), LambdaFixtures.workDir());
    }

    @AfterAll
    static void stopSharedFunction() {
        shared.close();
    }

    @AfterEach
    void stopFunctions() {
        started.forEach(ProcessFunction::close);
    }

    @Test
    void answersAnInvocationFromAProcessOfItsOwn() {
        JsonNode response = shared.invoke(json("{\"greeting\":\"hi\"}"));

        assertThat(response.path("input").path("greeting").asText()).isEqualTo("hi");
        assertThat(response.path("pid").asLong()).isPositive().isNotEqualTo(ProcessHandle.current().pid());
        assertThat(response.path("requestId").asText()).hasSize(36);
    }

    @Test
    void reusesTheWarmInstanceForTheNextInvocation() {
        List<InvocationReport> reports = new CopyOnWriteArrayList<>();
        ProcessFunction function = function(LambdaFixtures.ECHO, c -> c);
        function.addListener(reports::add);

        long first = function.invoke(json("{}")).path("pid").asLong();
        long second = function.invoke(json("{}")).path("pid").asLong();

        assertThat(second).isEqualTo(first);
        assertThat(reports).extracting(InvocationReport::initDurationMs).first().isNotNull();
        assertThat(reports.get(1).initDurationMs()).isNull();
        assertThat(function.stats()).extracting(FunctionStats::coldStarts, FunctionStats::invocations, FunctionStats::instances)
                .containsExactly(1L, 2L, 1);
    }

    @Test
    void writesStartEndAndReportLinesWithTheInitDurationOnTheColdStartOnly() {
        List<String> log = new CopyOnWriteArrayList<>();
        ProcessFunction function = function(LambdaFixtures.ECHO, c -> c.withMemoryMb(512).withLog(log::add));

        String firstId = function.invoke(json("{\"print\":\"from the handler\"}")).path("requestId").asText();
        String secondId = function.invoke(json("{}")).path("requestId").asText();

        List<String> platform = log.stream().filter(l -> l.matches("^(START|END|REPORT) .*")).toList();
        assertThat(platform).hasSize(6);
        assertThat(platform.get(0)).isEqualTo("START RequestId: " + firstId + " Version: $LATEST");
        assertThat(platform.get(1)).isEqualTo("END RequestId: " + firstId);
        assertThat(platform.get(2)).matches("REPORT RequestId: " + firstId + "\tDuration: \\d+\\.\\d\\d ms\tBilled Duration: \\d+ ms"
                + "\tMemory Size: 512 MB\tMax Memory Used: \\d+ MB\tInit Duration: \\d+\\.\\d\\d ms");
        assertThat(platform.get(5)).startsWith("REPORT RequestId: " + secondId).doesNotContain("Init Duration");
        assertThat(log.indexOf("from the handler")).isBetween(log.indexOf(platform.get(0)), log.indexOf(platform.get(1)));
        assertThat(log.getFirst()).startsWith("INIT_START Runtime Version: java:21");
    }

    @Test
    void startsAProcessPerConcurrentInvocationUpToMaxConcurrencyAndMakesTheRestWait() throws Exception {
        ProcessFunction function = function(LambdaFixtures.ECHO, c -> c.withMaxConcurrency(2).withTimeout(Duration.ofSeconds(20)));
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            List<Future<JsonNode>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(callers.submit(() -> function.invoke(json("{\"sleepMs\":700}"))));
            }
            List<Long> pids = new ArrayList<>();
            for (Future<JsonNode> call : calls) {
                pids.add(call.get().path("pid").asLong());
            }

            assertThat(pids.stream().distinct()).hasSize(2);
            assertThat(function.stats().coldStarts()).isEqualTo(2);
            assertThat(function.instances()).hasSize(2);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aHandlerExceptionIsAFunctionErrorNamingItsTypeAndMessage() {
        assertThatThrownBy(() -> shared.invoke(json("{\"throw\":\"out of stock\"}")))
                .isInstanceOf(FunctionErrorException.class)
                .hasMessageContaining("java.lang.IllegalStateException: out of stock")
                .cause().isInstanceOfSatisfying(FunctionError.class, error -> {
                    assertThat(error.errorType()).isEqualTo("java.lang.IllegalStateException");
                    assertThat(error.errorMessage()).isEqualTo("out of stock");
                    assertThat(error.stackTraceLines()).anyMatch(line -> line.startsWith("fixture.EchoHandler.handleRequest"));
                });
        assertThat(shared.invoke(json("{}")).path("pid").asLong()).isPositive();
    }

    @Test
    void aTimeoutKillsTheProcessAndSaysTaskTimedOut() {
        ProcessFunction function = function(LambdaFixtures.ECHO, c -> c.withTimeout(Duration.ofSeconds(1)));
        long pid = function.invoke(json("{}")).path("pid").asLong();

        assertThatThrownBy(() -> function.invoke(json("{\"sleepMs\":10000}")))
                .isInstanceOf(FunctionErrorException.class)
                .hasMessageContaining("Task timed out after 1.00 seconds")
                .cause().isInstanceOfSatisfying(FunctionError.class,
                        error -> assertThat(error.errorType()).isEqualTo("Sandbox.Timedout"));
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        assertThat(function.instances()).isEmpty();
    }

    @Test
    void systemExitDuringAnInvocationIsARuntimeExitAndTheNextInvocationColdStarts() {
        ProcessFunction function = function(LambdaFixtures.ECHO, c -> c);
        long pid = function.invoke(json("{}")).path("pid").asLong();

        assertThatThrownBy(() -> function.invoke(json("{\"exit\":3}")))
                .isInstanceOf(FunctionErrorException.class)
                .hasMessageContaining("Runtime exited with error: exit status 3")
                .cause().isInstanceOfSatisfying(FunctionError.class,
                        error -> assertThat(error.errorType()).isEqualTo("Runtime.ExitError"));

        assertThat(function.invoke(json("{}")).path("pid").asLong()).isNotEqualTo(pid);
        assertThat(function.stats().coldStarts()).isEqualTo(2);
    }

    @Test
    void aHandlerWhoseConstructorThrowsFailsTheInvocationWithItsInitError() {
        List<InvocationReport> reports = new CopyOnWriteArrayList<>();
        ProcessFunction function = function(LambdaFixtures.BROKEN, c -> c);
        function.addListener(reports::add);

        assertThatThrownBy(() -> function.invoke(json("{}")))
                .isInstanceOf(FunctionErrorException.class)
                .cause().isInstanceOfSatisfying(FunctionError.class, error -> {
                    assertThat(error.errorType()).isEqualTo("java.lang.IllegalStateException");
                    assertThat(error.errorMessage()).isEqualTo("no configuration");
                });
        assertThat(reports).extracting(InvocationReport::outcome).containsExactly(Outcome.INIT_ERROR);
        await().atMost(Duration.ofSeconds(5)).until(() -> function.instances().isEmpty());
    }

    @Test
    void aProcessThatExitsBeforeItsFirstNextFailsTheInvocationWithRuntimeExitError() {
        ProcessFunction function = function(LambdaFixtures.ECHO, c -> c.withJvmOptions(List.of("-XX:+NoSuchOption")));

        assertThatThrownBy(() -> function.invoke(json("{}")))
                .isInstanceOf(FunctionErrorException.class)
                .hasMessageContaining("Runtime exited with error: exit status 1")
                .cause().isInstanceOfSatisfying(FunctionError.class,
                        error -> assertThat(error.errorType()).isEqualTo("Runtime.ExitError"));
    }

    @Test
    void theProcessSeesLambdasVariablesAndTheTemplatesButNotTheEnvironmentOfTheLocalCloud() {
        assumeThat(System.getenv("HOME")).isNotNull();
        JsonNode env = shared.invoke(json("{\"env\":[\"AWS_LAMBDA_FUNCTION_NAME\",\"AWS_LAMBDA_FUNCTION_MEMORY_SIZE\","
                + "\"AWS_REGION\",\"TABLE_NAME\",\"LAMBDA_TASK_ROOT\",\"HOME\"]}")).path("env");

        assertThat(env.path("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo("echo-shared");
        assertThat(env.path("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText()).isEqualTo("256");
        assertThat(env.path("AWS_REGION").asText()).isEqualTo("eu-west-1");
        assertThat(env.path("TABLE_NAME").asText()).isEqualTo("orders-local");
        assertThat(env.path("LAMBDA_TASK_ROOT").asText()).isEqualTo(shared.taskRoot().toString());
        assertThat(env.path("HOME").asText()).isEqualTo("<unset>");
    }

    @Test
    void aZipWithClassesAtItsRootAndJarsInLibWorksLikeAJar() {
        ProcessFunction zip = function(LambdaFixtures.GREETING, c -> c.withArtifact(LambdaFixtures.zip()));

        assertThat(zip.invoke(json("{\"name\":\"ada\"}")).asText()).isEqualTo("hello ada");
        assertThat(zip.taskRoot().resolve("lib/greeting.jar")).isRegularFile();
    }

    @Test
    void aSnapStartInstanceRunsItsRuntimeHooksBetweenInitAndItsFirstInvocation() {
        ProcessFunction primed = function(LambdaFixtures.PRIMED,
                c -> c.withArtifact(LambdaFixtures.primedZip()).withSnapStart(true));

        assertThat(primed.invoke(json("{}")).toString()).isEqualTo("[\"beforeCheckpoint\",\"afterRestore\"]");
    }

    @Test
    void anOnDemandInstanceRunsNoRuntimeHooks() {
        ProcessFunction onDemand = function(LambdaFixtures.PRIMED, c -> c.withArtifact(LambdaFixtures.primedZip()));

        assertThat(onDemand.invoke(json("{}")).toString()).isEqualTo("[]");
    }

    @Test
    void aRuntimeThatIsNotJavaIsRefusedByName() {
        assertThatThrownBy(() -> ProcessFunction.create(
                FunctionConfig.of("report", "handler.main", LambdaFixtures.jar()).withRuntime("python3.12"), LambdaFixtures.workDir()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("function report")
                .hasMessageContaining("python3.12 is not a Java runtime");
    }

    private ProcessFunction function(String handler, UnaryOperator<FunctionConfig> configure) {
        FunctionConfig config = configure.apply(FunctionConfig.of("echo", handler, LambdaFixtures.jar()).withLog(line -> { }));
        ProcessFunction function = ProcessFunction.create(config, LambdaFixtures.workDir());
        started.add(function);
        return function;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
