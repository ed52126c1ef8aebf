package io.github.orderevents.local.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Lambda Runtime API (version 2018-06-01) of one execution environment, on 127.0.0.1 and a port of its own. */
public final class RuntimeApiServer implements AutoCloseable {
    private static final String BASE = "/2018-06-01/runtime/";
    private static final Pattern INVOCATION_ANSWER = Pattern.compile(BASE + "invocation/([^/]+)/(response|error)");
    private static final String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type";

    private final HttpServer server;
    private final ExecutorService handlers;
    private final String functionArn;
    private final BlockingQueue<PendingInvocation> queue = new LinkedBlockingQueue<>();
    private final Map<String, PendingInvocation> inFlight = new ConcurrentHashMap<>();
    private final BlockingQueue<PendingInvocation> answered = new LinkedBlockingQueue<>();
    private final CompletableFuture<Long> firstNext = new CompletableFuture<>();
    private final CompletableFuture<RuntimeReply.InitError> initError = new CompletableFuture<>();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private RuntimeApiServer(HttpServer server, ExecutorService handlers, String functionArn) {
        this.server = server;
        this.handlers = handlers;
        this.functionArn = functionArn;
    }

    /** Starts a server on an ephemeral port; the runtime reaches it at {@link #address()}. */
    public static RuntimeApiServer start(String functionArn) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // Virtual threads: a runtime's next request holds its handler thread until there is an invocation.
        ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
        http.setExecutor(handlers);
        RuntimeApiServer api = new RuntimeApiServer(http, handlers, functionArn);
        http.createContext("/", api::handle);
        http.start();
        return api;
    }

    /** The value for {@code AWS_LAMBDA_RUNTIME_API}: host and port. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Completes (with {@link System#nanoTime()}) when the runtime first asks for an invocation: its init is done. */
    public CompletableFuture<Long> firstNext() {
        return firstNext;
    }

    /** Completes when the runtime reports that its initialisation failed. */
    public CompletableFuture<RuntimeReply.InitError> initError() {
        return initError;
    }

    /**
     * Queues an invocation for the runtime's next {@code next} request. Its deadline is set when the runtime takes it
     * (Lambda's clock starts with the invoke phase, after init), and {@code onDelivery} runs then, before the runtime
     * has the event. Cancelling {@link PendingInvocation#delivered()} before then withdraws it.
     */
    public PendingInvocation submit(String requestId, byte[] event, Duration timeout, Consumer<Delivery> onDelivery) {
        PendingInvocation invocation = new PendingInvocation(requestId, event.clone(), timeout, traceId(),
                new CompletableFuture<>(), new CompletableFuture<>(), new CompletableFuture<>());
        invocation.delivered().thenAccept(onDelivery);
        queue.add(invocation);
        return invocation;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals(BASE + "invocation/next")) {
                if (requireMethod(exchange, "GET")) {
                    next(exchange);
                }
                return;
            }
            Matcher answer = INVOCATION_ANSWER.matcher(path);
            if (answer.matches()) {
                if (requireMethod(exchange, "POST")) {
                    answer(exchange, answer.group(1), answer.group(2).equals("error"));
                }
                return;
            }
            if (path.equals(BASE + "restore/next")) {
                // A SnapStart instance asks for its restore once its beforeCheckpoint hooks ran: there is no
                // snapshot to take here, so it is "restored" at once and goes on to its afterRestore hooks.
                if (requireMethod(exchange, "GET")) {
                    readBody(exchange);
                    writeBody(exchange, 200, new byte[0]);
                }
                return;
            }
            if (path.equals(BASE + "init/error") || path.equals(BASE + "restore/error")) {
                if (requireMethod(exchange, "POST")) {
                    byte[] body = readBody(exchange);
                    initError.complete(new RuntimeReply.InitError(exchange.getRequestHeaders().getFirst(ERROR_TYPE_HEADER), body));
                    accepted(exchange);
                }
                return;
            }
            readBody(exchange);
            send(exchange, 404, error("NotFound", "no such resource: " + method + " " + path));
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        firstNext.complete(now);
        for (PendingInvocation done; (done = answered.poll()) != null; ) {
            done.runtimeDone().complete(now);
        }
        PendingInvocation invocation;
        long deadline;
        try {
            do {
                invocation = queue.take();
                deadline = System.currentTimeMillis() + invocation.timeout().toMillis();
            } while (!invocation.delivered().complete(new Delivery(deadline, System.nanoTime())));
        } catch (InterruptedException e) {
            // The server is closing: the environment is being shut down.
            Thread.currentThread().interrupt();
            send(exchange, 500, error("ServiceUnavailable", "the execution environment is shutting down"));
            return;
        }
        inFlight.put(invocation.requestId(), invocation);
        var headers = exchange.getResponseHeaders();
        // The runtime's native client reads all of these and crashes on a response without a Content-Type.
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", invocation.traceId());
        headers.set("Content-Type", "application/json");
        writeBody(exchange, 200, invocation.event());
    }

    private void answer(HttpExchange exchange, String requestId, boolean error) throws IOException {
        byte[] body = readBody(exchange);
        PendingInvocation invocation = inFlight.remove(requestId);
        if (invocation == null) {
            send(exchange, 400, error("InvalidRequestID", "no invocation in flight with request id " + requestId));
            return;
        }
        // Recorded before the runtime hears back: its next request, which ends this invocation, comes after.
        answered.add(invocation);
        invocation.reply().complete(error
                ? new RuntimeReply.Error(exchange.getRequestHeaders().getFirst(ERROR_TYPE_HEADER), body)
                : new RuntimeReply.Response(body));
        accepted(exchange);
    }

    private static boolean requireMethod(HttpExchange exchange, String method) throws IOException {
        if (exchange.getRequestMethod().equals(method)) {
            return true;
        }
        readBody(exchange);
        send(exchange, 405, error("MethodNotAllowed", exchange.getRequestURI().getPath() + " takes " + method));
        return false;
    }

    private static void accepted(HttpExchange exchange) throws IOException {
        // 202 Accepted is what the runtime interface client checks for (any other status fails its loop).
        send(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        writeBody(exchange, status, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBody(HttpExchange exchange, int status, byte[] body) throws IOException {
        // A length of 0 would mean "chunked" to HttpServer; -1 means no body.
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static String error(String type, String message) {
        return "{\"errorType\":\"" + type + "\",\"errorMessage\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    /** An X-Ray trace header in Lambda's format (Root=1-{epoch hex}-{24 hex};Parent={16 hex};Sampled=0). */
    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        byte[] root = new byte[12];
        byte[] parent = new byte[8];
        random.nextBytes(root);
        random.nextBytes(parent);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + hex.formatHex(root)
                + ";Parent=" + hex.formatHex(parent) + ";Sampled=0";
    }

    /** Stops serving: runtime requests in progress end (a waiting {@code next} gets a 500), the port is released. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        handlers.shutdownNow();
        server.stop(0);
        for (PendingInvocation invocation : queue) {
            invocation.delivered().cancel(false);
        }
    }

    /** An invocation submitted to the runtime: delivered when the runtime takes it, replied, done at its next {@code next}. */
    // runtimeDone completes (with System.nanoTime()) when the runtime asks for the next invocation: the end of a
    // Lambda invocation's duration.
    public record PendingInvocation(String requestId, byte[] event, Duration timeout, String traceId,
                                    CompletableFuture<Delivery> delivered, CompletableFuture<RuntimeReply> reply,
                                    CompletableFuture<Long> runtimeDone) {
    }

    /** The moment the runtime took an invocation ({@link System#nanoTime()}), and the deadline it was given (epoch ms). */
    public record Delivery(long deadlineEpochMs, long nanoTime) {
    }
}
