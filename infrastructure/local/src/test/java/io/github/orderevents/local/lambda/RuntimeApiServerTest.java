package io.github.orderevents.local.lambda;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuntimeApiServerTest {
    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:orders";
    private final HttpClient http = HttpClient.newHttpClient();
    private RuntimeApiServer api;

    @BeforeEach
    void start() throws IOException {
        api = RuntimeApiServer.start(ARN);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void nextWaitsForAnInvocationAndHandsItOverWithEveryHeaderLambdaSends() throws Exception {
        CompletableFuture<HttpResponse<String>> next = http.sendAsync(get("invocation/next"), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(200);
        assertThat(next).isNotDone();
        assertThat(api.firstNext()).isDone();

        long before = System.currentTimeMillis();
        RuntimeApiServer.PendingInvocation pending = api.submit("req-1", bytes("{\"a\":1}"), Duration.ofSeconds(3), d -> { });
        HttpResponse<String> response = next.get(5, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"a\":1}");
        assertThat(response.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).hasValue("req-1");
        assertThat(response.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn")).hasValue(ARN);
        assertThat(response.headers().firstValue("Lambda-Runtime-Trace-Id")).get().asString()
                .matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        long deadline = Long.parseLong(response.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
        assertThat(deadline).isBetween(before + 3000, System.currentTimeMillis() + 3000);
        assertThat(pending.delivered().join().deadlineEpochMs()).isEqualTo(deadline);
    }

    @Test
    void aResponseAnswersTheInvocationAndTheFollowingNextEndsIt() throws Exception {
        RuntimeApiServer.PendingInvocation pending = api.submit("req-2", bytes("{}"), Duration.ofSeconds(3), d -> { });
        http.send(get("invocation/next"), HttpResponse.BodyHandlers.discarding());

        HttpResponse<String> posted = http.send(post("invocation/req-2/response", "{\"ok\":true}", null),
                HttpResponse.BodyHandlers.ofString());

        assertThat(posted.statusCode()).isEqualTo(202);
        assertThat(pending.reply().get(1, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(RuntimeReply.Response.class,
                        r -> assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}"));
        assertThat(pending.runtimeDone()).isNotDone();
        http.sendAsync(get("invocation/next"), HttpResponse.BodyHandlers.discarding());
        assertThat(pending.runtimeDone().get(5, TimeUnit.SECONDS)).isPositive();
    }

    @Test
    void anErrorCarriesItsErrorTypeHeaderAndBody() throws Exception {
        RuntimeApiServer.PendingInvocation pending = api.submit("req-3", bytes("{}"), Duration.ofSeconds(3), d -> { });
        http.send(get("invocation/next"), HttpResponse.BodyHandlers.discarding());
        String body = "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\",\"stackTrace\":[\"a.B.c(B.java:1)\"]}";

        HttpResponse<String> posted = http.send(post("invocation/req-3/error", body, "Runtime.UserException"),
                HttpResponse.BodyHandlers.ofString());

        assertThat(posted.statusCode()).isEqualTo(202);
        RuntimeReply.Error error = (RuntimeReply.Error) pending.reply().get(1, TimeUnit.SECONDS);
        assertThat(error.errorType()).isEqualTo("Runtime.UserException");
        FunctionError parsed = FunctionError.fromRuntime(error.errorType(), error.body());
        assertThat(parsed.errorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(parsed.errorMessage()).isEqualTo("boom");
        assertThat(parsed.stackTraceLines()).containsExactly("a.B.c(B.java:1)");
    }

    @Test
    void anInitErrorIsRecorded() throws Exception {
        HttpResponse<String> posted = http.send(post("init/error",
                "{\"errorMessage\":\"no configuration\",\"errorType\":\"java.lang.IllegalStateException\"}", "Runtime.BadFunctionCode"),
                HttpResponse.BodyHandlers.ofString());

        assertThat(posted.statusCode()).isEqualTo(202);
        assertThat(api.initError().get(1, TimeUnit.SECONDS).errorType()).isEqualTo("Runtime.BadFunctionCode");
    }

    @Test
    void aSnapStartRuntimeIsRestoredAtOnceAndItsRestoreErrorIsItsInitError() throws Exception {
        HttpResponse<String> restore = http.send(get("restore/next"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> posted = http.send(post("restore/error", "{\"errorMessage\":\"hook failed\"}",
                "Runtime.AfterRestoreError"), HttpResponse.BodyHandlers.ofString());

        assertThat(restore.statusCode()).isEqualTo(200);
        assertThat(posted.statusCode()).isEqualTo(202);
        assertThat(api.initError().get(1, TimeUnit.SECONDS).errorType()).isEqualTo("Runtime.AfterRestoreError");
    }

    @Test
    void anUnknownPathIsA404AndAnUnknownRequestIdA400() throws Exception {
        HttpResponse<String> unknownPath = http.send(get("checkpoint/next"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknownId = http.send(post("invocation/nobody/response", "{}", null), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrongMethod = http.send(post("invocation/next", "{}", null), HttpResponse.BodyHandlers.ofString());

        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(unknownPath.body()).contains("\"errorType\":\"NotFound\"");
        assertThat(unknownId.statusCode()).isEqualTo(400);
        assertThat(unknownId.body()).contains("InvalidRequestID");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
    }

    @Test
    void closingEndsAWaitingNextAndFreesThePort() throws Exception {
        CompletableFuture<HttpResponse<String>> next = http.sendAsync(get("invocation/next"), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(200);

        api.close();

        assertThat(next).failsWithin(Duration.ofSeconds(5)).withThrowableThat().withCauseInstanceOf(IOException.class);
        assertThatThrownBy(() -> http.send(get("invocation/next"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aWithdrawnInvocationIsNotHandedOver() throws Exception {
        RuntimeApiServer.PendingInvocation withdrawn = api.submit("gone", bytes("{}"), Duration.ofSeconds(3), d -> { });
        withdrawn.delivered().cancel(false);
        api.submit("next", bytes("{}"), Duration.ofSeconds(3), d -> { });

        HttpResponse<String> response = http.send(get("invocation/next"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).hasValue("next");
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET().build();
    }

    private HttpRequest post(String path, String body, String errorType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (errorType != null) {
            request.header("Lambda-Runtime-Function-Error-Type", errorType);
        }
        return request.build();
    }

    private URI uri(String path) {
        return URI.create("http://" + api.address() + "/2018-06-01/runtime/" + path);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
