package io.github.orderevents.local.faults.sdk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The SDK loads the interceptor by itself, from the global resource, in a process configured only by its environment. */
class GlobalRegistrationTest {
    private static final String RESOURCE = "software/amazon/awssdk/global/handlers/execution.interceptors";

    private final FakeAwsServer server = FakeAwsServer.start();

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void theGlobalInterceptorsResourceOfThisJarNamesTheLocalEndpointsThenTheFaultInjectorBeforeTheRequestCounter() throws IOException {
        URL resource = Collections.list(getClass().getClassLoader().getResources(RESOURCE)).stream()
                .filter(url -> url.getPath().contains("local-faults"))
                .findFirst().orElseThrow();
        try (InputStream in = resource.openStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim))
                    .containsExactly(LocalEndpointInterceptor.class.getName(), FaultInjectingInterceptor.class.getName(),
                            RequestCountingInterceptor.class.getName());
        }
    }

    @Test
    void aClientBuiltWithNoInterceptorOfItsOwnInjectsTheFaultsItsEnvironmentAsksFor() {
        Probe probe = runProbe(Map.of("LOCAL_CLOUD_SDK_FAULTS", "dynamodb:PutItem=1", "AWS_LAMBDA_FUNCTION_NAME", "probe"));

        // The DynamoDB client's default retry policy (any retry mode): 9 attempts, each failed by the interceptor.
        assertThat(probe.stdout()).containsExactly("GetItem passed", "PutItem failed: DynamoDbException 503 after 9 attempts");
        assertThat(probe.stderr()).filteredOn(line -> line.startsWith("LOCAL_CLOUD_FAULT")).hasSize(9).containsOnly(
                "LOCAL_CLOUD_FAULT {\"kind\":\"sdk-error\",\"service\":\"DynamoDb\",\"operation\":\"PutItem\"}");
        assertThat(server.requests("GetItem")).isEqualTo(1);
        assertThat(server.requests("PutItem")).isZero();
        assertThat(probe.exitCode()).isZero();
    }

    @Test
    void aClientBuiltWithNoInterceptorOfItsOwnReportsEachRequestWhenCountingIsOn() {
        Probe probe = runProbe(Map.of("LOCAL_CLOUD_COUNT_REQUESTS", "1"));

        assertThat(probe.stderr()).filteredOn(line -> line.startsWith("LOCAL_CLOUD_SDK_CALL")).containsExactly(
                "LOCAL_CLOUD_SDK_CALL {\"service\":\"DynamoDb\",\"operation\":\"GetItem\"}",
                "LOCAL_CLOUD_SDK_CALL {\"service\":\"DynamoDb\",\"operation\":\"PutItem\"}");
        assertThat(probe.exitCode()).isZero();
    }

    @Test
    void aClientAimedAtAnAwsHostReachesTheLocalEndpointItsEnvironmentNames() {
        // An SDK older than 2.21 ignores AWS_ENDPOINT_URL_DYNAMODB and resolves the AWS host, as this override does.
        Probe probe = runProbe("https://dynamodb.us-east-1.amazonaws.com",
                Map.of("AWS_ENDPOINT_URL_DYNAMODB", server.endpoint().toString()));

        assertThat(probe.stdout()).containsExactly("GetItem passed", "PutItem passed");
        assertThat(server.requests("GetItem")).isEqualTo(1);
        assertThat(probe.exitCode()).isZero();
    }

    @Test
    void aClientBuiltWithoutFaultConfigurationBehavesAsWithoutTheJar() {
        Probe probe = runProbe(Map.of());

        assertThat(probe.stdout()).containsExactly("GetItem passed", "PutItem passed");
        assertThat(probe.stderr()).noneMatch(line -> line.startsWith("LOCAL_CLOUD_FAULT"));
    }

    @Test
    void malformedConfigurationFailsTheClientsBuildNamingTheVariable() {
        Probe probe = runProbe(Map.of("LOCAL_CLOUD_SDK_FAULTS", "dynamodb:PutItem=lots"));

        assertThat(probe.exitCode()).isEqualTo(3);
        assertThat(probe.stdout()).singleElement().asString()
                .startsWith("build failed: java.lang.IllegalArgumentException: LOCAL_CLOUD_SDK_FAULTS=\"dynamodb:PutItem=lots\" is malformed");
        assertThat(server.requests("GetItem")).isZero();
    }

    private record Probe(int exitCode, List<String> stdout, List<String> stderr) {
    }

    /** Runs {@link GlobalRegistrationProbe} in a JVM of its own, with this test's class path and {@code env}. */
    private Probe runProbe(Map<String, String> env) {
        return runProbe(server.endpoint().toString(), env);
    }

    /** Runs the probe with its client's endpoint {@code clientEndpoint}. */
    private Probe runProbe(String clientEndpoint, Map<String, String> env) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                GlobalRegistrationProbe.class.getName(), clientEndpoint);
        builder.environment().keySet().removeIf(name -> name.startsWith("LOCAL_CLOUD_") || name.startsWith("AWS_"));
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<List<String>> stdout = lines(process.getInputStream());
            CompletableFuture<List<String>> stderr = lines(process.getErrorStream());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the probe did not finish in 60 s");
            }
            Probe probe = new Probe(process.exitValue(), stdout.join(), stderr.join());
            return probe;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static CompletableFuture<List<String>> lines(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new ArrayList<>(new String(stream.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
