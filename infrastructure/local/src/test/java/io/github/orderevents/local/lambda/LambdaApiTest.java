package io.github.orderevents.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Lambda's Invoke API over real HTTP, in front of a function run in processes of its own. */
class LambdaApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> LOG = new CopyOnWriteArrayList<>();
    private static ProcessFunction echo;
    private static LambdaApi api;

    @BeforeAll
    static void start() {
        echo = ProcessFunction.create(new FunctionConfig("EchoFunction", "ledger-echo", LambdaFixtures.ECHO, "java21",
                LambdaFixtures.jar(), 256, Duration.ofSeconds(10), Map.of(), 2, List.of(), List.of(), "eu-west-1", LOG::add, false),
                LambdaFixtures.workDir());
        api = LambdaApi.start("127.0.0.1", 0, "eu-west-1");
        api.add(echo);
    }

    @AfterAll
    static void stop() {
        api.close();
        echo.close();
        HTTP.close();
    }

    @Test
    void requestResponseAnswers200WithTheFunctionsResponse() throws Exception {
        HttpResponse<String> response = invoke("ledger-echo", Map.of(), "{\"greeting\":\"hi\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("input").path("greeting").asText()).isEqualTo("hi");
        assertThat(body.path("pid").asLong()).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(response.headers().firstValue("X-Amz-Function-Error")).isEmpty();
        assertThat(response.headers().firstValue("X-Amz-Executed-Version")).contains("$LATEST");
        // The request id of the API's answer is the one the function saw.
        assertThat(response.headers().firstValue("x-amzn-RequestId")).contains(body.path("requestId").asText());
    }

    @Test
    void functionIsFoundByNameLogicalIdArnPartialArnAndWithAQualifier() throws Exception {
        for (String name : List.of("ledger-echo", "EchoFunction", "arn:aws:lambda:eu-west-1:000000000000:function:ledger-echo",
                "arn:aws:lambda:eu-west-1:000000000000:function:ledger-echo:live", "000000000000:function:ledger-echo",
                "ledger-echo:$LATEST")) {
            HttpResponse<String> response = invoke(name, Map.of(), "{}");

            assertThat(response.statusCode()).as(name).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).has("pid")).as(name).isTrue();
        }
    }

    @Test
    void functionErrorIs200WithUnhandledAndTheErrorObject() throws Exception {
        HttpResponse<String> response = invoke("ledger-echo", Map.of(), "{\"throw\":\"no such account\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Amz-Function-Error")).contains("Unhandled");
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("errorMessage").asText()).isEqualTo("no such account");
        assertThat(error.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void eventAnswers202AtOnceAndInvokesInTheBackground() throws Exception {
        long before = echo.stats().invocations();

        HttpResponse<String> response = invoke("ledger-echo", Map.of("X-Amz-Invocation-Type", "Event"),
                "{\"sleepMs\":500,\"print\":\"async-marker\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> echo.stats().invocations() > before);
        assertThat(LOG).anyMatch(line -> line.contains("async-marker"));
    }

    @Test
    void dryRunAnswers204AndInvokesNothing() throws Exception {
        long before = echo.stats().invocations();

        HttpResponse<String> response = invoke("EchoFunction", Map.of("X-Amz-Invocation-Type", "DryRun"), "{}");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(echo.stats().invocations()).isEqualTo(before);
    }

    @Test
    void unknownFunctionIs404ResourceNotFoundWithItsArn() throws Exception {
        HttpResponse<String> response = invoke("nothing-here", Map.of(), "{}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("ResourceNotFoundException");
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(
                "{\"Type\":\"User\",\"message\":\"Function not found: arn:aws:lambda:eu-west-1:000000000000:function:nothing-here\"}"));
    }

    @Test
    void payloadThatIsNotJsonIs400InvalidRequestContent() throws Exception {
        HttpResponse<String> response = invoke("ledger-echo", Map.of(), "not json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("InvalidRequestContentException");
        assertThat(JSON.readTree(response.body()).path("message").asText()).startsWith("Could not parse request body into json");
    }

    @Test
    void emptyPayloadIsAnEmptyObject() throws Exception {
        HttpResponse<String> response = invoke("ledger-echo", Map.of(), "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("input").isObject()).isTrue();
    }

    @Test
    void otherOperationsAreNotServed() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(api.endpoint() + "/2015-03-31/functions/"))
                .GET().build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("UnknownOperationException");
    }

    private static HttpResponse<String> invoke(String functionName, Map<String, String> headers, String payload) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.endpoint() + "/2015-03-31/functions/"
                        + URLEncoder.encode(functionName, StandardCharsets.UTF_8) + "/invocations"))
                .timeout(Duration.ofSeconds(60)).POST(BodyPublishers.ofString(payload));
        headers.forEach(request::header);
        return HTTP.send(request.build(), BodyHandlers.ofString());
    }
}
