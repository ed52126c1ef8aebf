package io.github.orderevents.local.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.github.orderevents.local.Json;
import io.github.orderevents.local.functions.FunctionErrorException;
import io.github.orderevents.local.functions.LambdaFunction;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The template's REST API on one machine: an HTTP server that turns each request into an API Gateway
 * Lambda proxy integration event, invokes the route's function and turns its response back into HTTP.
 * Each route is served under its stage's prefix, as on API Gateway's execute-api domain ({@code /Prod/greetings}
 * for the route {@code /greetings} of an API whose StageName is Prod), and without it, as
 * {@code sam local start-api} serves it ({@code /greetings}); the event says which stage it came through either way.
 */
public final class LocalApi implements AutoCloseable {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 3000;
    /** REST API payload size quota: 10 MB, not adjustable (API Gateway quotas). */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** How many requests run at once; more wait in line (a GET ?waitSeconds=20 holds a thread that long). */
    private static final int THREADS = 64;
    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade");

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final RouteTable unprefixed;
    private final Map<String, RouteTable> byStage;
    private final String stage;
    private final URI endpoint;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalApi(HttpServer server, ThreadPoolExecutor executor, RouteTable unprefixed, Map<String, RouteTable> byStage,
                     String stage, URI endpoint) {
        this.server = server;
        this.executor = executor;
        this.unprefixed = unprefixed;
        this.byStage = byStage;
        this.stage = stage;
        this.endpoint = endpoint;
    }

    /**
     * Starts serving {@code routes} on {@code host:port} ({@code port} 0 picks a free one).
     *
     * @param stage         the stage of routes that name none (requestContext.stage), e.g. "local"
     * @param extraContexts handlers for path prefixes such as "/_local/"; they take precedence over the
     *                      API's routes for their prefix
     * @throws IllegalStateException if the port is taken
     * @throws IllegalArgumentException if two routes of one stage share a method and path, or a template is invalid;
     *                                  without the stage prefix, the first route of a method and path serves it
     */
    public static LocalApi start(String host, int port, String stage, List<Route> routes,
                                 Map<String, HttpHandler> extraContexts) {
        Objects.requireNonNull(host, "host");
        if (stage == null || stage.isBlank() || stage.contains("/")) {
            throw new IllegalArgumentException("stage must be a non-empty name without '/': " + stage);
        }
        Map<String, List<Route>> routesByStage = new LinkedHashMap<>();
        for (Route route : routes) {
            routesByStage.computeIfAbsent(route.stage() == null ? stage : route.stage(), s -> new ArrayList<>()).add(route);
        }
        Map<String, RouteTable> byStage = new LinkedHashMap<>();
        routesByStage.forEach((name, stageRoutes) -> byStage.put(name, new RouteTable(stageRoutes)));
        RouteTable unprefixed = new RouteTable(routes, true);
        extraContexts.keySet().forEach(prefix -> {
            if (!prefix.startsWith("/") || prefix.equals("/")) {
                throw new IllegalArgumentException("extra context must be a path prefix other than '/': " + prefix);
            }
        });
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (BindException e) {
            throw new IllegalStateException("Cannot start the local API: port " + port + " on " + host
                    + " is already in use (another local cloud or sam local start-api?). Stop that process,"
                    + " or choose another port for the local API (0 picks any free port).", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the local API on " + host + ":" + port, e);
        }
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads());
        executor.allowCoreThreadTimeOut(true);
        server.setExecutor(executor);
        InetSocketAddress bound = server.getAddress();
        // Listening on every interface (0.0.0.0, ::): this machine's clients still reach it through loopback.
        String reachable = bound.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress() : host;
        URI endpoint = URI.create("http://" + hostForUri(reachable) + ":" + bound.getPort());
        LocalApi api = new LocalApi(server, executor, unprefixed, Map.copyOf(byStage), stage, endpoint);
        // HttpServer sends a request to the context with the longest matching prefix: "/_local/" beats "/".
        server.createContext("/", api::handle);
        extraContexts.forEach(server::createContext);
        server.start();
        return api;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:3000}; routes are under it with and without their stage prefix. */
    public URI endpoint() {
        return endpoint;
    }

    /** Stops listening at once and interrupts requests still running. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) {
        String requestId = UUID.randomUUID().toString();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        URI uri = exchange.getRequestURI();
        String rawPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        try (exchange) {
            try {
                respond(exchange, method, uri, rawPath, requestId);
            } catch (IOException e) {
                if (!closed.get()) {
                    log(method, rawPath, "client connection lost: " + e);
                }
            } catch (RuntimeException e) {
                log(method, rawPath, "500: " + e);
                try {
                    sendMessage(exchange, method, 500, "Internal server error", null, requestId);
                } catch (IOException | RuntimeException ignored) {
                    // The response had started already; closing the exchange ends it.
                }
            }
        }
    }

    private void respond(HttpExchange exchange, String method, URI uri, String rawPath, String requestId)
            throws IOException {
        long receivedAt = System.currentTimeMillis();
        byte[] body = readBody(exchange);
        if (body == null) {
            // REQUEST_TOO_LARGE gateway response: 413.
            sendMessage(exchange, method, 413, "Request Too Long", null, requestId);
            return;
        }
        Staged staged = route(method, rawPath);
        Optional<RouteTable.Match> match = staged.match();
        if (match.isEmpty()) {
            // MISSING_AUTHENTICATION_TOKEN gateway response, 403: "including the cases when the client
            // attempts to invoke an unsupported API method or resource" (API Gateway gateway response types).
            sendMessage(exchange, method, 403, "Missing Authentication Token",
                    "MissingAuthenticationTokenException", requestId);
            return;
        }
        Route route = match.get().route();
        LambdaFunction function = route.function();
        String decodedPath = uri.getPath() == null ? rawPath : uri.getPath();
        ProxyEvent.Request request = new ProxyEvent.Request(method, eventPath(decodedPath, staged.prefix()), uri.getRawQuery(),
                requestHeaders(exchange), body, exchange.getRemoteAddress().getAddress().getHostAddress(),
                domainName(exchange), requestId, receivedAt);
        ObjectNode event = ProxyEvent.of(request, match.get(), route.stage() == null ? stage : route.stage(),
                route.apiId() == null ? ProxyEvent.API_ID : route.apiId());
        ProxyResponse response;
        try {
            response = ProxyResponse.from(function.invoke(event));
        } catch (FunctionErrorException | ProxyResponse.MalformedException e) {
            // Lambda's "Handling Lambda errors with an API Gateway API": a function error or a response in
            // the wrong format is a 502 whose body is {"message": "Internal server error"}.
            log(method, rawPath, "502 from " + function.name() + ": " + e.getMessage());
            sendMessage(exchange, method, 502, "Internal server error", "InternalServerErrorException", requestId);
            return;
        }
        send(exchange, method, response, requestId);
    }

    /** A request's route, and the stage prefix it came with (null: none). */
    private record Staged(Optional<RouteTable.Match> match, String prefix) {
    }

    /**
     * The route of a request: if the path starts with a stage's name, that stage's route for the rest of the path;
     * else (or if that stage has none) the route for the whole path, whatever its stage.
     */
    private Staged route(String method, String rawPath) {
        int end = rawPath.indexOf('/', 1);
        String first = RouteTable.decodePathSegment(end < 0 ? rawPath.substring(1) : rawPath.substring(1, end));
        RouteTable stageRoutes = byStage.get(first);
        if (stageRoutes != null) {
            Optional<RouteTable.Match> match = stageRoutes.find(method, end < 0 ? "/" : rawPath.substring(end));
            if (match.isPresent()) {
                return new Staged(match, first);
            }
        }
        return new Staged(unprefixed.find(method, rawPath), null);
    }

    /** The decoded path without the stage prefix: the event's {@code path}, as API Gateway gives it. */
    private static String eventPath(String decodedPath, String prefix) {
        if (prefix == null) {
            return decodedPath;
        }
        String rest = decodedPath.substring(Math.min(decodedPath.length(), prefix.length() + 1));
        return rest.isEmpty() ? "/" : rest;
    }

    /** The body, or null if it is over {@link #MAX_BODY_BYTES} (then drained, so the client reads our 413). */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > MAX_BODY_BYTES) {
                    drain(in);
                    return null;
                }
            } catch (NumberFormatException ignored) {
                // HttpServer itself rejects a bad Content-Length; read what comes.
            }
        }
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            drain(in);
            return null;
        }
        return bytes;
    }

    private static void drain(InputStream in) throws IOException {
        // Bounded: past four times the limit the client is not going to read an answer anyway.
        byte[] buffer = new byte[64 * 1024];
        long left = 4L * MAX_BODY_BYTES;
        int n;
        while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= n;
        }
    }

    /**
     * The request headers in arrival order of values. HttpServer lower-cases every name but its first
     * letter (X-correlation-id); we upper-case each word's first letter back (X-Correlation-Id), which
     * restores the usual spelling but not e.g. X-API-Key. Handlers look headers up case-insensitively.
     * Like API Gateway, we add X-Forwarded-For/-Port/-Proto.
     */
    private static Map<String, List<String>> requestHeaders(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(capitalise(name), new ArrayList<>(values)));
        String clientIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        // X-Forwarded-For is a comma-separated chain (the guide's example: "54.240.196.186, 54.182.214.83"); the caller joins its end.
        List<String> forwardedFor = headers.computeIfAbsent("X-Forwarded-For", n -> new ArrayList<>());
        if (forwardedFor.isEmpty()) {
            forwardedFor.add(clientIp);
        } else {
            forwardedFor.set(forwardedFor.size() - 1, forwardedFor.get(forwardedFor.size() - 1) + ", " + clientIp);
        }
        headers.putIfAbsent("X-Forwarded-Port", List.of(String.valueOf(exchange.getLocalAddress().getPort())));
        headers.putIfAbsent("X-Forwarded-Proto", List.of("http"));
        return headers;
    }

    static String capitalise(String headerName) {
        char[] chars = headerName.toCharArray();
        boolean wordStart = true;
        for (int i = 0; i < chars.length; i++) {
            if (wordStart) {
                chars[i] = Character.toUpperCase(chars[i]);
            }
            wordStart = chars[i] == '-';
        }
        return new String(chars);
    }

    /** The host the client addressed (the Host header without its port), as API Gateway's domainName. */
    private static String domainName(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || host.isBlank()) {
            return exchange.getLocalAddress().getHostString();
        }
        host = host.trim();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(0, end + 1) : host;
        }
        int colon = host.indexOf(':');
        return colon >= 0 ? host.substring(0, colon) : host;
    }

    private static void send(HttpExchange exchange, String method, ProxyResponse response, String requestId)
            throws IOException {
        Headers out = exchange.getResponseHeaders();
        response.headers().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> out.add(name, value));
            }
        });
        // "API Gateway returns the default Content-Type:application/json header if the content type of a
        // payload is unspecified" (Set up a proxy integration with a proxy resource).
        if (!out.containsKey("Content-Type")) {
            out.set("Content-Type", "application/json");
        }
        out.set("x-amzn-RequestId", requestId);
        write(exchange, method, response.statusCode(), response.body());
    }

    private static void sendMessage(HttpExchange exchange, String method, int status, String message,
                                    String errorType, String requestId) throws IOException {
        Headers out = exchange.getResponseHeaders();
        out.set("Content-Type", "application/json");
        out.set("x-amzn-RequestId", requestId);
        if (errorType != null) {
            out.set("x-amzn-ErrorType", errorType);
        }
        write(exchange, method, status, Json.write(Map.of("message", message)).getBytes(StandardCharsets.UTF_8));
    }

    private static void write(HttpExchange exchange, String method, int status, byte[] body) throws IOException {
        boolean noBody = method.equals("HEAD") || status < 200 || status == 204 || status == 304;
        if (noBody || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void log(String method, String rawPath, String what) {
        String line = "[local-api] " + method + " " + rawPath + " -> " + what;
        System.err.println(line.replace('\r', ' ').replace('\n', ' '));
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "local-api-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
