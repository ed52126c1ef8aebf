package io.github.orderevents.local.sqs;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.orderevents.local.LocalClients;
import io.github.orderevents.local.sqs.SqsWire.Call;
import io.github.orderevents.local.sqs.SqsWire.Protocol;
import io.github.orderevents.local.sqs.SqsWire.Reply;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local SQS endpoint that users and functions talk to: it forwards every request unchanged to an
 * ElasticMQ backend and returns its answer unchanged, except StartMessageMoveTask, ListMessageMoveTasks
 * and CancelMessageMoveTask (DLQ redrive), which it implements itself for standard and FIFO queues, as
 * SQS does: ElasticMQ moves nothing out of a FIFO DLQ and stalls ~21 s on a queue that is not a DLQ.
 * Speaks both SQS protocols (JSON and query). Thread-safe.
 */
public final class SqsEndpoint implements AutoCloseable {
    private static final Set<String> MOVE_TASK_ACTIONS =
            Set.of("StartMessageMoveTask", "ListMessageMoveTasks", "CancelMessageMoveTask");
    /** The answers that carry queue URLs. */
    private static final Set<String> QUEUE_URL_ACTIONS =
            Set.of("CreateQueue", "GetQueueUrl", "ListQueues", "ListDeadLetterSourceQueues");
    /** Headers of one connection (RFC 9110 7.6.1), and those the JDK clients set themselves. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "http2-settings", "host", "content-length", "expect", "date");
    /** A receive may wait 20 s (WaitTimeSeconds) for messages. */
    private static final Duration BACKEND_TIMEOUT = Duration.ofSeconds(60);

    private final HttpServer server;
    private final ExecutorService requestThreads;
    private final URI endpoint;
    private final String backendBase;
    private final Pattern backendUrls;
    private final HttpClient http;
    private final SqsClient backendSqs;
    private final MessageMoveTasks moveTasks;

    private SqsEndpoint(HttpServer server, ExecutorService requestThreads, URI endpoint, URI backend) {
        this.server = server;
        this.requestThreads = requestThreads;
        this.endpoint = endpoint;
        this.backendBase = backend.getScheme() + "://" + backend.getRawAuthority();
        this.backendUrls = Pattern.compile("https?://[^/\\s\"'<>]+:" + backend.getPort() + "(?=/)");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        this.backendSqs = new LocalClients("us-east-1").build(SqsClient.builder(), URI.create(backendBase));
        this.moveTasks = new MessageMoveTasks(backendSqs);
    }

    /**
     * Listens on {@code host:port} (port 0: any free port) and forwards to ElasticMQ at {@code backend}
     * (e.g. {@code http://127.0.0.1:9325}).
     */
    public static SqsEndpoint start(String host, int port, URI backend) {
        if (backend.getScheme() == null || backend.getHost() == null || backend.getPort() < 0) {
            throw new IllegalArgumentException("the backend must be given as scheme://host:port, was " + backend);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("the SQS endpoint cannot listen on " + host + ":" + port, e);
        }
        // A long-polling ReceiveMessage holds its thread for up to 20 s: one virtual thread per request.
        ExecutorService requestThreads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sqs-endpoint-", 0).factory());
        server.setExecutor(requestThreads);
        SqsEndpoint sqs = new SqsEndpoint(server, requestThreads, endpointUri(server.getAddress()), backend);
        server.createContext("/", sqs::handle);
        server.start();
        return sqs;
    }

    private static URI endpointUri(InetSocketAddress address) {
        InetAddress bound = address.getAddress();
        InetAddress reachable = bound.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound;
        String host = reachable.getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }

    /** Where clients reach this endpoint, e.g. {@code http://127.0.0.1:9324}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Every move task still remembered (the 10 most recent per queue), most recent first. */
    public List<MoveTask> tasks() {
        return moveTasks.all();
    }

    /**
     * Starts a move task out of the DLQ {@code sourceArn}, as StartMessageMoveTask does (the console's DLQ
     * redrive): to {@code destinationArn}, or else each message back to the queue it came from, at most
     * {@code rate} messages a second (1..500; default 500).
     *
     * @throws SqsApiException with the code SQS answers, e.g. InvalidParameterValue if the queue is not a
     *                         DLQ or a task runs on it already, ResourceNotFoundException if it does not exist
     */
    public MoveTask startMoveTask(String sourceArn, Optional<String> destinationArn, Optional<Integer> rate) {
        return moveTasks.start(sourceArn, destinationArn, rate);
    }

    /**
     * Cancels a RUNNING task, as CancelMessageMoveTask does; returns the number of messages moved so far.
     *
     * @throws SqsApiException ResourceNotFoundException for an unknown task, InvalidParameterValue for a
     *                         malformed handle or a task that is not RUNNING
     */
    public long cancelMoveTask(String taskHandle) {
        return moveTasks.cancel(taskHandle);
    }

    /** Stops listening and cancels the running move tasks. */
    @Override
    public void close() {
        server.stop(0);
        moveTasks.close();
        requestThreads.shutdownNow();
        http.shutdownNow();
        backendSqs.close();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Headers headers = exchange.getRequestHeaders();
            String target = headers.getFirst("X-Amz-Target");
            Protocol protocol = SqsWire.protocol(target);
            try {
                Call call = SqsWire.read(target, headers.getFirst("Content-Type"), exchange.getRequestURI().getRawQuery(),
                        body, MOVE_TASK_ACTIONS);
                if (MOVE_TASK_ACTIONS.contains(call.action())) {
                    send(exchange, moveTaskAction(call));
                } else {
                    forward(exchange, body, call.action());
                }
            } catch (SqsApiException e) {
                send(exchange, SqsWire.error(protocol, e));
            } catch (SdkException e) {
                send(exchange, SqsWire.error(protocol, SqsApiException.internalError("The local SQS backend failed: " + e.getMessage())));
            } catch (RuntimeException e) {
                System.err.println("local SQS endpoint: " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " failed: " + e);
                send(exchange, SqsWire.error(protocol, SqsApiException.internalError(e.toString())));
            }
        } catch (IOException | RuntimeException e) {
            // The client went away, or the answer had begun when something failed: nothing more to say.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Reply moveTaskAction(Call call) {
        return switch (call.action()) {
            case "StartMessageMoveTask" -> SqsWire.startResult(call.protocol(), moveTasks.start(
                    call.string("SourceArn").orElse(null), call.string("DestinationArn").filter(arn -> !arn.isEmpty()),
                    call.integer("MaxNumberOfMessagesPerSecond")).taskHandle());
            case "ListMessageMoveTasks" -> SqsWire.listResult(call.protocol(),
                    moveTasks.list(call.string("SourceArn").orElse(null), call.integer("MaxResults")));
            case "CancelMessageMoveTask" -> SqsWire.cancelResult(call.protocol(),
                    moveTasks.cancel(call.string("TaskHandle").orElse(null)));
            default -> throw new IllegalArgumentException(call.action());
        };
    }

    /** Sends the request to the backend as it came (path, query, headers, body) and its answer back as it came. */
    private void forward(HttpExchange exchange, byte[] body, String action) throws IOException, InterruptedException {
        URI uri = exchange.getRequestURI();
        URI target = URI.create(backendBase + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        String method = exchange.getRequestMethod();
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(BACKEND_TIMEOUT)
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                values.forEach(value -> {
                    try {
                        request.header(name, value);
                    } catch (IllegalArgumentException e) {
                        // A header the JDK client sets itself.
                    }
                });
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            byte[] message = ("The local SQS backend at " + backendBase + " did not answer: " + e.getMessage())
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(502, message.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(message);
            }
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] answer = response.body();
        if (response.statusCode() == 200 && QUEUE_URL_ACTIONS.contains(action)) {
            answer = rewriteQueueUrls(answer, exchange.getRequestHeaders().getFirst("Host"));
        }
        write(exchange, response.statusCode(), method, answer);
    }

    /**
     * ElasticMQ builds queue URLs from its own address. Where that is the backend's (not this endpoint's),
     * a client that sends requests to its queue URL (AWS SDK for Java v1, for one) would bypass this
     * endpoint: such URLs are turned into URLs of this endpoint, as the client addressed it.
     */
    private byte[] rewriteQueueUrls(byte[] answer, String host) {
        String text = new String(answer, StandardCharsets.UTF_8);
        Matcher urls = backendUrls.matcher(text);
        if (!urls.find()) {
            return answer;
        }
        String base = host == null || host.isBlank() ? endpoint.toString() : "http://" + host;
        return urls.replaceAll(Matcher.quoteReplacement(base)).getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        reply.headers().forEach(exchange.getResponseHeaders()::set);
        write(exchange, reply.status(), exchange.getRequestMethod(), reply.body());
    }

    private static void write(HttpExchange exchange, int status, String method, byte[] body) throws IOException {
        boolean noBody = body.length == 0 || method.equalsIgnoreCase("HEAD") || status == 204 || status == 304;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
