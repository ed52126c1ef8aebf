package io.github.orderevents.local.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpHandler;
import io.github.orderevents.local.Json;
import io.github.orderevents.local.testing.FreePort;
import io.github.orderevents.local.functions.FunctionErrorException;
import io.github.orderevents.local.functions.HandlerInvoker;
import io.github.orderevents.local.functions.LocalContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The local REST API over real HTTP: the events it builds, how it routes, and how it answers. */
class LocalApiTest {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final List<LocalApi> started = new ArrayList<>();

    @AfterEach
    void stopApis() {
        started.forEach(LocalApi::close);
    }

    @AfterAll
    static void closeClient() {
        HTTP.close();
    }

    private LocalApi start(Route... routes) {
        return start(Map.of(), routes);
    }

    private LocalApi start(Map<String, HttpHandler> extraContexts, Route... routes) {
        LocalApi api = LocalApi.start("127.0.0.1", FreePort.find(), "local", List.of(routes), extraContexts);
        started.add(api);
        return api;
    }

    private static HttpRequest.Builder request(LocalApi api, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(api.endpoint() + pathAndQuery)).timeout(Duration.ofSeconds(20));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), BodyHandlers.ofString());
    }

    private static Map<String, List<String>> keysOf(JsonNode node) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("event", fieldNames(node));
        keys.put("requestContext", fieldNames(node.get("requestContext")));
        keys.put("identity", fieldNames(node.get("requestContext").get("identity")));
        return keys;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }

    @Test
    void eventHasTheShapeOfTheApiGatewayFixture() throws Exception {
        JsonNode fixture = Json.MAPPER.readTree(Files.readString(Path.of("../../events/create-order.json")));
        RecordingFunction createOrder = RecordingFunction.answering("CreateOrder", 201, "{}");
        LocalApi api = start(new Route("post", "/orders", createOrder));
        String body = fixture.get("body").asText();
        long before = System.currentTimeMillis();

        HttpResponse<String> response = send(request(api, "/orders")
                .header("Content-Type", "application/json")
                .header("User-Agent", "curl/8.5.0")
                .header("Idempotency-Key", "9b2f4c1e")
                .POST(BodyPublishers.ofString(body)));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode event = createOrder.lastEvent();
        assertThat(keysOf(event)).isEqualTo(keysOf(fixture));
        assertThat(event.get("resource").asText()).isEqualTo("/orders");
        assertThat(event.get("path").asText()).isEqualTo("/orders");
        assertThat(event.get("httpMethod").asText()).isEqualTo("POST");
        assertThat(event.get("body").asText()).isEqualTo(body);
        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
        for (String absent : List.of("queryStringParameters", "multiValueQueryStringParameters", "pathParameters", "stageVariables")) {
            assertThat(event.get(absent).isNull()).as(absent).isTrue();
        }
        assertThat(event.get("headers").get("Idempotency-Key").asText()).isEqualTo("9b2f4c1e");
        JsonNode context = event.get("requestContext");
        assertThat(context.get("accountId").asText()).isEqualTo("000000000000");
        assertThat(context.get("apiId").asText()).isEqualTo("local");
        assertThat(context.get("stage").asText()).isEqualTo("local");
        assertThat(context.get("path").asText()).isEqualTo("/local/orders");
        assertThat(context.get("resourcePath").asText()).isEqualTo("/orders");
        assertThat(context.get("httpMethod").asText()).isEqualTo("POST");
        assertThat(context.get("protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(context.get("domainName").asText()).isEqualTo("127.0.0.1");
        assertThat(context.get("resourceId").asText()).hasSize(6);
        assertThat(UUID.fromString(context.get("requestId").asText())).isNotNull();
        assertThat(context.get("requestTimeEpoch").asLong()).isBetween(before, System.currentTimeMillis());
        assertThat(context.get("identity").get("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(context.get("identity").get("userAgent").asText()).isEqualTo("curl/8.5.0");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).contains(context.get("requestId").asText());
    }

    @Test
    void eachRequestGetsItsOwnRequestId() throws Exception {
        RecordingFunction getOrder = RecordingFunction.answering("GetOrder", 200, "{}");
        LocalApi api = start(new Route("GET", "/orders/{orderId}", getOrder));

        send(request(api, "/orders/o-1"));
        send(request(api, "/orders/o-1"));

        assertThat(getOrder.events()).extracting(e -> e.get("requestContext").get("requestId").asText()).doesNotHaveDuplicates();
    }

    @Test
    void pathParametersAreExtractedAndUrlDecoded() throws Exception {
        RecordingFunction notifications = RecordingFunction.answering("ListNotifications", 200, "[]");
        LocalApi api = start(new Route("GET", "/customers/{customerId}/notifications", notifications));

        send(request(api, "/customers/cust%2042%2Fb/notifications"));

        JsonNode event = notifications.lastEvent();
        assertThat(event.get("pathParameters").get("customerId").asText()).isEqualTo("cust 42/b");
        assertThat(event.get("resource").asText()).isEqualTo("/customers/{customerId}/notifications");
        assertThat(event.get("path").asText()).isEqualTo("/customers/cust 42/b/notifications");
        assertThat(event.get("requestContext").get("resourcePath").asText()).isEqualTo("/customers/{customerId}/notifications");
    }

    @Test
    void queryStringsGiveTheLastValueAndAllValues() throws Exception {
        RecordingFunction getOrder = RecordingFunction.answering("GetOrder", 200, "{}");
        LocalApi api = start(new Route("GET", "/orders/{orderId}", getOrder));

        send(request(api, "/orders/o-1?waitSeconds=10&tag=a&tag=b&q=x%20y+z&flag"));

        JsonNode event = getOrder.lastEvent();
        assertThat(event.get("queryStringParameters")).isEqualTo(Json.MAPPER.readTree(
                "{\"waitSeconds\": \"10\", \"tag\": \"b\", \"q\": \"x y z\", \"flag\": \"\"}"));
        assertThat(event.get("multiValueQueryStringParameters")).isEqualTo(Json.MAPPER.readTree(
                "{\"waitSeconds\": [\"10\"], \"tag\": [\"a\", \"b\"], \"q\": [\"x y z\"], \"flag\": [\"\"]}"));
    }

    @Test
    void headersKeepTheirUsualCaseAndEveryValue() throws Exception {
        RecordingFunction getOrder = RecordingFunction.answering("GetOrder", 200, "{}");
        LocalApi api = start(new Route("GET", "/orders/{orderId}", getOrder));

        send(request(api, "/orders/o-1")
                .header("X-Correlation-Id", "checkout-7f3a")
                .header("X-Multi", "first")
                .header("X-Multi", "second"));

        JsonNode event = getOrder.lastEvent();
        JsonNode headers = event.get("headers");
        JsonNode multi = event.get("multiValueHeaders");
        assertThat(headers.get("X-Correlation-Id").asText()).isEqualTo("checkout-7f3a");
        assertThat(headers.get("X-Multi").asText()).isEqualTo("second");
        assertThat(multi.get("X-Multi")).extracting(JsonNode::asText).containsExactly("first", "second");
        assertThat(multi.get("X-Correlation-Id")).extracting(JsonNode::asText).containsExactly("checkout-7f3a");
        assertThat(headers.get("Host").asText()).isEqualTo("127.0.0.1:" + api.endpoint().getPort());
        assertThat(headers.get("X-Forwarded-For").asText()).isEqualTo("127.0.0.1");
        assertThat(headers.get("X-Forwarded-Proto").asText()).isEqualTo("http");
        assertThat(headers.get("X-Forwarded-Port").asText()).isEqualTo(String.valueOf(api.endpoint().getPort()));
    }

    @Test
    void callerIsAppendedToAForwardedChain() throws Exception {
        RecordingFunction getOrder = RecordingFunction.answering("GetOrder", 200, "{}");
        LocalApi api = start(new Route("GET", "/orders/{orderId}", getOrder));

        send(request(api, "/orders/o-1").header("X-Forwarded-For", "203.0.113.10"));

        assertThat(getOrder.lastEvent().get("headers").get("X-Forwarded-For").asText()).isEqualTo("203.0.113.10, 127.0.0.1");
    }

    @Test
    void binaryBodyIsBase64Encoded() throws Exception {
        RecordingFunction upload = RecordingFunction.answering("Upload", 204, null);
        LocalApi api = start(new Route("PUT", "/files/{proxy+}", upload));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
        byte[] notUtf8 = {'a', (byte) 0xc3, '(', 'b'};

        send(request(api, "/files/logo.png").header("Content-Type", "image/png").PUT(BodyPublishers.ofByteArray(png)));
        JsonNode binary = upload.lastEvent();
        send(request(api, "/files/notes.txt").header("Content-Type", "text/plain").PUT(BodyPublishers.ofByteArray(notUtf8)));
        JsonNode invalidText = upload.lastEvent();
        send(request(api, "/files/form").header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(BodyPublishers.ofString("a=1&b=%C3%A9")));
        JsonNode form = upload.lastEvent();

        assertThat(binary.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(binary.get("body").asText())).isEqualTo(png);
        assertThat(invalidText.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(invalidText.get("body").asText())).isEqualTo(notUtf8);
        assertThat(form.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(form.get("body").asText()).isEqualTo("a=1&b=%C3%A9");
    }

    @Test
    void emptyBodyIsNull() throws Exception {
        RecordingFunction createOrder = RecordingFunction.answering("CreateOrder", 400, "{}");
        LocalApi api = start(new Route("POST", "/orders", createOrder));

        send(request(api, "/orders").POST(BodyPublishers.noBody()));

        assertThat(createOrder.lastEvent().get("body").isNull()).isTrue();
        assertThat(createOrder.lastEvent().get("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void literalPathBeatsParameterOnTheSameLevel() throws Exception {
        RecordingFunction getOrder = RecordingFunction.answering("GetOrder", 200, "order");
        RecordingFunction search = RecordingFunction.answering("Search", 200, "search");
        LocalApi api = start(new Route("GET", "/orders/{orderId}", getOrder), new Route("GET", "/orders/search", search));

        assertThat(send(request(api, "/orders/search")).body()).isEqualTo("search");
        assertThat(send(request(api, "/orders/o-1")).body()).isEqualTo("order");
        assertThat(search.lastEvent().get("pathParameters").isNull()).isTrue();
        assertThat(getOrder.events()).hasSize(1);
    }

    @Test
    void greedyProxyResourceGetsTheRestOfThePath() throws Exception {
        RecordingFunction proxy = RecordingFunction.answering("Proxy", 200, "proxied");
        LocalApi api = start(new Route("ANY", "/{proxy+}", proxy));

        HttpResponse<String> response = send(request(api, "/a/b%20c/d").method("PATCH", BodyPublishers.ofString("x")));

        assertThat(response.body()).isEqualTo("proxied");
        JsonNode event = proxy.lastEvent();
        assertThat(event.get("resource").asText()).isEqualTo("/{proxy+}");
        assertThat(event.get("httpMethod").asText()).isEqualTo("PATCH");
        assertThat(event.get("pathParameters").get("proxy").asText()).isEqualTo("a/b c/d");
    }

    @Test
    void unknownPathIsMissingAuthenticationToken() throws Exception {
        LocalApi api = start(new Route("POST", "/orders", RecordingFunction.answering("CreateOrder", 201, "{}")));

        HttpResponse<String> response = send(request(api, "/nothing/here"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("MissingAuthenticationTokenException");
        assertThat(Json.MAPPER.readTree(response.body())).isEqualTo(Json.MAPPER.readTree("{\"message\":\"Missing Authentication Token\"}"));
    }

    @Test
    void wrongMethodIsMissingAuthenticationTokenAndInvokesNothing() throws Exception {
        RecordingFunction getOrder = RecordingFunction.answering("GetOrder", 200, "{}");
        LocalApi api = start(new Route("GET", "/orders/{orderId}", getOrder));

        HttpResponse<String> response = send(request(api, "/orders/o-1").DELETE());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Json.MAPPER.readTree(response.body()).get("message").asText()).isEqualTo("Missing Authentication Token");
        assertThat(getOrder.events()).isEmpty();
    }

    @Test
    void stagePrefixedPathReachesTheRouteOfTheApiWithThatStage() throws Exception {
        RecordingFunction create = RecordingFunction.answering("CreateGreeting", 201, "{}");
        RecordingFunction get = RecordingFunction.answering("GetGreeting", 200, "{}");
        LocalApi api = start(new Route("POST", "/greetings", create, "greetingsapi", "Prod"),
                new Route("GET", "/greetings/{id}", get, "greetingsapi", "Prod"));

        HttpResponse<String> created = send(request(api, "/Prod/greetings").POST(BodyPublishers.ofString("{}")));
        HttpResponse<String> found = send(request(api, "/Prod/greetings/g%201?x=1"));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode event = create.lastEvent();
        assertThat(event.get("path").asText()).isEqualTo("/greetings");
        assertThat(event.get("resource").asText()).isEqualTo("/greetings");
        assertThat(event.get("requestContext").get("stage").asText()).isEqualTo("Prod");
        assertThat(event.get("requestContext").get("path").asText()).isEqualTo("/Prod/greetings");
        assertThat(event.get("requestContext").get("apiId").asText()).isEqualTo("greetingsapi");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(get.lastEvent().get("path").asText()).isEqualTo("/greetings/g 1");
        assertThat(get.lastEvent().get("pathParameters").get("id").asText()).isEqualTo("g 1");
        assertThat(get.lastEvent().get("queryStringParameters").get("x").asText()).isEqualTo("1");
    }

    @Test
    void pathWithoutTheStagePrefixStillReachesTheRouteAndCarriesItsStage() throws Exception {
        RecordingFunction create = RecordingFunction.answering("CreateGreeting", 201, "{}");
        LocalApi api = start(new Route("POST", "/greetings", create, "greetingsapi", "Prod"));

        HttpResponse<String> response = send(request(api, "/greetings").POST(BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(create.lastEvent().get("path").asText()).isEqualTo("/greetings");
        assertThat(create.lastEvent().get("requestContext").get("stage").asText()).isEqualTo("Prod");
        assertThat(create.lastEvent().get("requestContext").get("path").asText()).isEqualTo("/Prod/greetings");
    }

    @Test
    void eachStagePrefixReachesItsOwnApisRoute() throws Exception {
        RecordingFunction publicHealth = RecordingFunction.answering("PublicHealth", 200, "public");
        RecordingFunction adminHealth = RecordingFunction.answering("AdminHealth", 200, "admin");
        LocalApi api = start(new Route("GET", "/health", publicHealth, "publicapi", "Prod"),
                new Route("GET", "/health", adminHealth, "adminapi", "admin"));

        assertThat(send(request(api, "/Prod/health")).body()).isEqualTo("public");
        assertThat(send(request(api, "/admin/health")).body()).isEqualTo("admin");
        assertThat(adminHealth.lastEvent().get("requestContext").get("stage").asText()).isEqualTo("admin");
        // Without a prefix, the first API's route serves the path.
        assertThat(send(request(api, "/health")).body()).isEqualTo("public");
    }

    @Test
    void unknownPathUnderAStageIsMissingAuthenticationToken() throws Exception {
        RecordingFunction create = RecordingFunction.answering("CreateGreeting", 201, "{}");
        LocalApi api = start(new Route("POST", "/greetings", create, "greetingsapi", "Prod"));

        for (String path : List.of("/Prod/nothing", "/Prod", "/Stage/greetings", "/prod/greetings")) {
            HttpResponse<String> response = send(request(api, path).POST(BodyPublishers.ofString("{}")));

            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(Json.MAPPER.readTree(response.body()).get("message").asText()).isEqualTo("Missing Authentication Token");
        }
        assertThat(create.events()).isEmpty();
    }

    @Test
    void rootResourceIsServedUnderTheBareStagePrefix() throws Exception {
        RecordingFunction root = RecordingFunction.answering("Root", 200, "root");
        LocalApi api = start(new Route("GET", "/", root, "siteapi", "v1"));

        assertThat(send(request(api, "/v1")).body()).isEqualTo("root");
        assertThat(send(request(api, "/v1/")).body()).isEqualTo("root");
        assertThat(root.lastEvent().get("path").asText()).isEqualTo("/");
        assertThat(root.lastEvent().get("requestContext").get("path").asText()).isEqualTo("/v1/");
    }

    @Test
    void functionErrorIs502InternalServerErrorAndOneLogLine() throws Exception {
        RecordingFunction failing = new RecordingFunction("GetOrder", event -> {
            throw new FunctionErrorException("GetOrder", new IllegalStateException("table missing"));
        });
        LocalApi api = start(new Route("GET", "/orders/{orderId}", failing));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        HttpResponse<String> response;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            response = send(request(api, "/orders/o-1"));
        } finally {
            System.setErr(originalErr);
        }

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(Json.MAPPER.readTree(response.body())).isEqualTo(Json.MAPPER.readTree("{\"message\":\"Internal server error\"}"));
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log.lines()).hasSize(1);
        assertThat(log).contains("GET /orders/o-1", "502", "GetOrder", "table missing");
    }

    @Test
    void responseWithoutStatusCodeIs502() throws Exception {
        ObjectNode notAProxyResponse = Json.MAPPER.createObjectNode().put("orderId", "o-1");
        LocalApi api = start(new Route("GET", "/orders/{orderId}", new RecordingFunction("GetOrder", event -> notAProxyResponse)));

        HttpResponse<String> response = send(request(api, "/orders/o-1"));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(Json.MAPPER.readTree(response.body()).get("message").asText()).isEqualTo("Internal server error");
    }

    @Test
    void responseStatusHeadersAndBodyAreMapped() throws Exception {
        ObjectNode answer = RecordingFunction.response(201, "{\"orderId\":\"o-1\"}");
        answer.putObject("headers").put("Location", "/orders/o-1").put("Set-Cookie", "c=3");
        answer.putObject("multiValueHeaders").putArray("Set-Cookie").add("a=1").add("b=2");
        answer.put("isBase64Encoded", false);
        LocalApi api = start(new Route("POST", "/orders", new RecordingFunction("CreateOrder", event -> answer)));

        HttpResponse<String> response = send(request(api, "/orders").POST(BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"orderId\":\"o-1\"}");
        assertThat(response.headers().firstValue("Location")).contains("/orders/o-1");
        assertThat(response.headers().allValues("Set-Cookie")).containsExactly("a=1", "b=2", "c=3");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    }

    @Test
    void functionContentTypeIsKept() throws Exception {
        ObjectNode answer = RecordingFunction.response(200, "hello");
        answer.putObject("headers").put("content-type", "text/plain; charset=utf-8");
        LocalApi api = start(new Route("GET", "/hello", new RecordingFunction("Hello", event -> answer)));

        HttpResponse<String> response = send(request(api, "/hello"));

        assertThat(response.headers().allValues("Content-Type")).containsExactly("text/plain; charset=utf-8");
    }

    @Test
    void base64ResponseBodyIsDecoded() throws Exception {
        byte[] image = {(byte) 0x89, 'P', 'N', 'G', 0, 1, (byte) 0xfe};
        ObjectNode answer = RecordingFunction.response(200, Base64.getEncoder().encodeToString(image));
        answer.put("isBase64Encoded", true);
        answer.putObject("headers").put("Content-Type", "image/png");
        LocalApi api = start(new Route("GET", "/logo", new RecordingFunction("Logo", event -> answer)));

        HttpResponse<byte[]> response = HTTP.send(request(api, "/logo").build(), BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(image);
        assertThat(response.headers().firstValue("Content-Type")).contains("image/png");
    }

    @Test
    void slowRequestsAreServedInParallel() throws Exception {
        RecordingFunction slow = new RecordingFunction("GetOrder", event -> {
            try {
                Thread.sleep(500); // the fake stands for a GET ?waitSeconds that holds its request
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return RecordingFunction.response(200, "done");
        });
        LocalApi api = start(new Route("GET", "/orders/{orderId}", slow), new Route("GET", "/ping", RecordingFunction.answering("Ping", 200, "pong")));
        send(request(api, "/ping")); // warm up the client and server threads

        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> first = HTTP.sendAsync(request(api, "/orders/a?waitSeconds=10").build(), BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> second = HTTP.sendAsync(request(api, "/orders/b?waitSeconds=10").build(), BodyHandlers.ofString());
        CompletableFuture.allOf(first, second).join();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(first.join().body()).isEqualTo("done");
        assertThat(second.join().body()).isEqualTo("done");
        assertThat(elapsed).isLessThan(Duration.ofMillis(900));
    }

    @Test
    void extraContextTakesPrecedenceForItsPrefix() throws Exception {
        HttpHandler console = exchange -> {
            byte[] body = ("console " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        };
        RecordingFunction proxy = RecordingFunction.answering("Proxy", 200, "api");
        LocalApi api = start(Map.of("/_local/", console), new Route("ANY", "/{proxy+}", proxy));

        assertThat(send(request(api, "/_local/resources")).body()).isEqualTo("console /_local/resources");
        assertThat(send(request(api, "/orders/o-1")).body()).isEqualTo("api");
        assertThat(proxy.events()).hasSize(1);
    }

    @Test
    void bodyOverTenMegabytesIsRequestTooLong() throws Exception {
        RecordingFunction createOrder = RecordingFunction.answering("CreateOrder", 201, "{}");
        LocalApi api = start(new Route("POST", "/orders", createOrder));

        HttpResponse<String> tooLong = send(request(api, "/orders").header("Content-Type", "application/octet-stream")
                .POST(BodyPublishers.ofByteArray(new byte[LocalApi.MAX_BODY_BYTES + 1])));
        HttpResponse<String> atTheLimit = send(request(api, "/orders").header("Content-Type", "application/octet-stream")
                .POST(BodyPublishers.ofByteArray(new byte[LocalApi.MAX_BODY_BYTES])));

        assertThat(tooLong.statusCode()).isEqualTo(413);
        assertThat(Json.MAPPER.readTree(tooLong.body())).isEqualTo(Json.MAPPER.readTree("{\"message\":\"Request Too Long\"}"));
        assertThat(atTheLimit.statusCode()).isEqualTo(201);
        assertThat(createOrder.events()).hasSize(1);
    }

    @Test
    void portInUseFailsNamingThePort() {
        LocalApi first = start();
        int port = first.endpoint().getPort();

        assertThatThrownBy(() -> LocalApi.start("127.0.0.1", port, "local", List.of(), Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("port " + port)
                .hasMessageContaining("choose another port");
    }

    @Test
    void closeStopsPromptlyEvenWithARequestInFlightAndFreesThePort() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        RecordingFunction stuck = new RecordingFunction("GetOrder", event -> {
            entered.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return RecordingFunction.response(200, "late");
        });
        LocalApi api = LocalApi.start("127.0.0.1", FreePort.find(), "local", List.of(new Route("GET", "/orders/{orderId}", stuck)), Map.of());
        int port = api.endpoint().getPort();
        HTTP.sendAsync(request(api, "/orders/o-1").build(), BodyHandlers.discarding());
        await().atMost(Duration.ofSeconds(5)).until(() -> entered.getCount() == 0);

        long start = System.nanoTime();
        api.close();
        Duration closing = Duration.ofNanos(System.nanoTime() - start);

        assertThat(closing).isLessThan(Duration.ofSeconds(3));
        LocalApi again = LocalApi.start("127.0.0.1", port, "local", List.of(), Map.of());
        started.add(again);
        assertThat(send(request(again, "/orders/o-1")).statusCode()).isEqualTo(403);
    }

    @Test
    void eventReadsBackThroughTheLambdaRuntimeIntoAHandler() throws Exception {
        HandlerInvoker echo = new HandlerInvoker("Echo", new EchoHandler(), () -> new LocalContext("Echo", 512, Duration.ofSeconds(10)));
        LocalApi api = start(new Route("GET", "/orders/{orderId}", echo));

        HttpResponse<String> response = send(request(api, "/orders/o%201?waitSeconds=5").header("idempotency-key", "k-1"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(Json.MAPPER.readTree(response.body())).isEqualTo(Json.MAPPER.readTree("""
                {"orderId": "o 1", "waitSeconds": "5", "idempotencyKey": "k-1", "stage": "local", "base64": false}"""));
    }

    /** A handler reading the proxy event through the Lambda library's event class. */
    static final class EchoHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
        @Override
        public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent in, Context context) {
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("orderId", in.getPathParameters().get("orderId"));
            echo.put("waitSeconds", in.getQueryStringParameters().get("waitSeconds"));
            echo.put("idempotencyKey", in.getHeaders().entrySet().stream()
                    .filter(h -> h.getKey().equalsIgnoreCase("Idempotency-Key")).map(Map.Entry::getValue).findFirst().orElse(null));
            echo.put("stage", in.getRequestContext().getStage());
            echo.put("base64", in.getIsBase64Encoded());
            return new APIGatewayProxyResponseEvent().withStatusCode(200)
                    .withHeaders(Map.of("Content-Type", "application/json", "Cache-Control", "no-store"))
                    .withBody(Json.write(echo));
        }
    }
}
