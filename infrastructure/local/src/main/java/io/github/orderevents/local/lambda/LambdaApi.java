package io.github.orderevents.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.orderevents.local.functions.FunctionErrorException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's Invoke API for the functions of the local cloud, as {@code sam local start-lambda} serves it:
 * {@code POST /2015-03-31/functions/{FunctionName}/invocations}, so that {@code aws lambda invoke --endpoint-url}
 * and any SDK's Lambda client (the functions' own, through {@code AWS_ENDPOINT_URL_LAMBDA}) reach them. The function
 * is named by its name, its logical id, its ARN or partial ARN, each with or without a qualifier (there is one
 * version locally: every qualifier runs it). Invocation types as the API reference gives them: RequestResponse
 * (200 with the response, or with {@code X-Amz-Function-Error: Unhandled} and the error object), Event (202; run
 * once in the background, not retried) and DryRun (204).
 */
public final class LambdaApi implements AutoCloseable {
    /** "For synchronous invocations, the maximum payload size is 6 MB. For asynchronous invocations, ... 1 MB." */
    static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
    static final int MAX_ASYNC_PAYLOAD = 1024 * 1024;
    private static final String ACCOUNT = "000000000000";
    private static final Pattern INVOKE_PATH = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations/?");
    private static final Pattern ARN = Pattern.compile(
            "arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\\d{12}:function:([a-zA-Z0-9_.-]+)(?::([a-zA-Z0-9_$.-]+))?");
    private static final Pattern PARTIAL_ARN = Pattern.compile("\\d{12}:function:([a-zA-Z0-9_.-]+)(?::([a-zA-Z0-9_$.-]+))?");
    private static final Pattern NAME = Pattern.compile("([a-zA-Z0-9_.-]+)(?::([a-zA-Z0-9_$.-]+))?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService requests;
    private final ExecutorService background;
    private final String region;
    private final URI endpoint;
    private final Map<String, ProcessFunction> functions = new ConcurrentHashMap<>();

    private LambdaApi(HttpServer server, ExecutorService requests, ExecutorService background, String region, URI endpoint) {
        this.server = server;
        this.requests = requests;
        this.background = background;
        this.region = region;
        this.endpoint = endpoint;
    }

    /**
     * Starts serving on {@code host:port} (0: any free port), with no function yet ({@link #add}).
     *
     * @throws IllegalStateException if the port is taken
     */
    public static LambdaApi start(String host, int port, String region) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (BindException e) {
            throw new IllegalStateException("Cannot start the local Lambda API: port " + port + " on " + host
                    + " is already in use (another local cloud or sam local start-lambda?); choose another with --lambda-port", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the local Lambda API on " + host + ":" + port, e);
        }
        ExecutorService requests = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("local-lambda-", 0).factory());
        ExecutorService background = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("local-lambda-event-", 0).factory());
        server.setExecutor(requests);
        InetSocketAddress bound = server.getAddress();
        String reachable = bound.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress() : host;
        String uriHost = reachable.contains(":") && !reachable.startsWith("[") ? "[" + reachable + "]" : reachable;
        LambdaApi api = new LambdaApi(server, requests, background, region, URI.create("http://" + uriHost + ":" + bound.getPort()));
        server.createContext("/", api::handle);
        server.start();
        return api;
    }

    /** Serves {@code function} under its name and its logical id. */
    public void add(ProcessFunction function) {
        functions.put(function.config().functionName(), function);
        functions.putIfAbsent(function.config().logicalId(), function);
    }

    /** The endpoint URL, for {@code --endpoint-url} and {@code AWS_ENDPOINT_URL_LAMBDA}. */
    public URI endpoint() {
        return endpoint;
    }

    private void handle(HttpExchange exchange) {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            try {
                respond(exchange, requestId);
            } catch (IOException e) {
                // the client went away
            } catch (RuntimeException e) {
                System.err.println("[local-lambda] " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " -> 500: " + e);
                try {
                    error(exchange, requestId, 500, "ServiceException", "the local Lambda API failed: " + e.getMessage());
                } catch (IOException | RuntimeException ignored) {
                    // the response had started
                }
            }
        }
    }

    private void respond(HttpExchange exchange, String requestId) throws IOException {
        Matcher path = INVOKE_PATH.matcher(exchange.getRequestURI().getRawPath());
        if (!path.matches() || !exchange.getRequestMethod().equalsIgnoreCase("POST")) {
            drain(exchange.getRequestBody());
            error(exchange, requestId, 404, "UnknownOperationException", "the local Lambda API serves Invoke only"
                    + " (POST /2015-03-31/functions/{FunctionName}/invocations), not " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getRawPath());
            return;
        }
        String invocationType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"))
                .orElse("RequestResponse");
        if (!invocationType.equals("RequestResponse") && !invocationType.equals("Event") && !invocationType.equals("DryRun")) {
            drain(exchange.getRequestBody());
            error(exchange, requestId, 400, "InvalidParameterValueException", "X-Amz-Invocation-Type must be"
                    + " RequestResponse, Event or DryRun, not " + invocationType);
            return;
        }
        String functionName = URLDecoder.decode(path.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
        // A Qualifier (?Qualifier= or name:qualifier) names a version or alias: locally there is one version.
        Optional<ProcessFunction> function = find(functionName);
        if (function.isEmpty()) {
            drain(exchange.getRequestBody());
            error(exchange, requestId, 404, "ResourceNotFoundException", "Function not found: " + arnOf(functionName));
            return;
        }
        int limit = invocationType.equals("Event") ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
        byte[] payload = exchange.getRequestBody().readNBytes(limit + 1);
        if (payload.length > limit) {
            drain(exchange.getRequestBody());
            error(exchange, requestId, 413, "RequestTooLargeException", "Request must be smaller than " + limit
                    + " bytes for the " + (invocationType.equals("Event") ? "InvokeAsync" : "InvokeFunction") + " operation");
            return;
        }
        if (isBlank(payload)) {
            payload = "{}".getBytes(StandardCharsets.UTF_8);
        }
        try {
            JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            error(exchange, requestId, 400, "InvalidRequestContentException",
                    "Could not parse request body into json: " + e.getOriginalMessage());
            return;
        }
        ProcessFunction target = function.get();
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        switch (invocationType) {
            case "DryRun" -> send(exchange, 204, null, new byte[0]);
            case "Event" -> {
                byte[] event = payload;
                background.execute(() -> {
                    try {
                        target.invokeBytes(requestId, event);
                    } catch (RuntimeException e) {
                        System.err.println("[local-lambda] asynchronous invocation " + requestId + " of " + target.name()
                                + " failed (not retried locally): " + e.getMessage());
                    }
                });
                send(exchange, 202, null, new byte[0]);
            }
            default -> {
                exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
                byte[] response;
                try {
                    response = target.invokeBytes(requestId, payload);
                } catch (FunctionErrorException e) {
                    FunctionError cause = e.getCause() instanceof FunctionError error ? error
                            : new FunctionError("Runtime.Unknown", String.valueOf(e.getMessage()), java.util.List.of());
                    // Lambda reports every error of a Java function's invocation as Unhandled.
                    exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
                    send(exchange, 200, "application/json", cause.payload().getBytes(StandardCharsets.UTF_8));
                    return;
                }
                send(exchange, 200, "application/json", response);
            }
        }
    }

    /** The function a FunctionName of the Invoke API names: name, logical id, ARN or partial ARN; any qualifier. */
    Optional<ProcessFunction> find(String functionName) {
        for (Pattern form : new Pattern[] {ARN, PARTIAL_ARN, NAME}) {
            Matcher matcher = form.matcher(functionName);
            if (matcher.matches()) {
                return Optional.ofNullable(functions.get(matcher.group(1)));
            }
        }
        return Optional.empty();
    }

    private String arnOf(String functionName) {
        if (functionName.startsWith("arn:")) {
            return functionName;
        }
        if (PARTIAL_ARN.matcher(functionName).matches()) {
            return "arn:aws:lambda:" + region + ":" + functionName;
        }
        return "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + functionName;
    }

    private static boolean isBlank(byte[] payload) {
        for (byte b : payload) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    /** An error as Lambda's REST-JSON protocol gives it: the type in x-amzn-ErrorType, {"Type","message"} as the body. */
    private static void error(HttpExchange exchange, String requestId, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("Type", status >= 500 ? "Service" : "User");
        body.put("message", message);
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        if (body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void drain(InputStream in) throws IOException {
        in.skip(Long.MAX_VALUE);
    }

    /** Stops listening; asynchronous invocations still running are interrupted. */
    @Override
    public void close() {
        server.stop(0);
        requests.shutdownNow();
        background.shutdownNow();
        try {
            background.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
