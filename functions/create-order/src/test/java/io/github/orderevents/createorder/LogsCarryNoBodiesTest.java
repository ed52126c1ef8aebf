package io.github.orderevents.createorder;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.Json;
import io.github.orderevents.aws.metrics.Metrics;
import io.github.orderevents.aws.testing.FakeContext;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderService;
import io.github.orderevents.domain.OrderStore;
import io.github.orderevents.domain.testing.InMemoryOrderStore;
import io.github.orderevents.domain.testing.SequentialIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.github.orderevents.createorder.Requests.base64;
import static io.github.orderevents.createorder.Requests.item;
import static io.github.orderevents.createorder.Requests.validItem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * POST /orders never writes a request body to the logs: whatever a client sends, accepted or refused,
 * a log line may carry ids (of the order, the customer, the request), never the body or other values of it.
 *
 * <p>JsonLog keeps the {@code System.out} of the moment its class loads, so a stream swapped in later
 * sees nothing once another test has loaded it. The handler therefore runs in a class loader of its own
 * (the test class path again, without the application class loader as parent), whose JsonLog loads
 * while this test's stream is {@code System.out}.
 */
class LogsCarryNoBodiesTest {
    /** Log fields whose values are ids, which a log line may carry even when a client chose them. */
    private static final Set<String> ID_FIELDS =
            Set.of("orderId", "customerId", "correlationId", "idempotencyKey", "requestId", "eventId");
    /** Fits a SKU and a customer id ([A-Z0-9-]), and occurs nowhere else. */
    private static final String MARKER =
            "LEAK-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);

    private static URLClassLoader isolated;
    private static Function<Map<String, String>, Integer> postOrder;
    private static final ByteArrayOutputStream LOGS = new ByteArrayOutputStream();
    private static final PrintStream SINK = new PrintStream(LOGS, true, StandardCharsets.UTF_8);

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void loadTheHandlerWithItsOwnJsonLog() throws ReflectiveOperationException {
        isolated = new URLClassLoader(testClassPath(), ClassLoader.getPlatformClassLoader());
        postOrder = (Function<Map<String, String>, Integer>) isolated.loadClass(PostOrder.class.getName())
                .getConstructor().newInstance();
        assertThat(postOrder.getClass().getClassLoader()).isSameAs(isolated);
    }

    @AfterAll
    static void closeTheClassLoader() throws IOException {
        isolated.close();
    }

    static Stream<Arguments> requests() {
        String validWithMarkedSku = Requests.bodyWithItems(validItem(), item(MARKER, "1", "\"5.00\""));
        return Stream.of(
                arguments("accepted, the marker in customerId", 201, false,
                        "{\"customerId\":\"" + MARKER + "\",\"items\":[" + validItem() + "],\"currency\":\"EUR\"}"),
                arguments("accepted, the marker in an item's sku", 201, false, validWithMarkedSku),
                arguments("accepted, base64-encoded, the marker in an item's sku", 201, true, validWithMarkedSku),
                arguments("refused, the marker in an invalid customerId", 400, false,
                        "{\"customerId\":\"" + MARKER + "!\",\"items\":[" + validItem() + "],\"currency\":\"EUR\"}"),
                arguments("refused, the marker in an invalid sku", 400, false,
                        Requests.bodyWithItems(item(MARKER.toLowerCase(Locale.ROOT), "1", "\"5.00\""))),
                arguments("refused, the marker in an unknown field", 400, false,
                        "{\"customerId\":\"cust-42\",\"items\":[" + validItem() + "],\"currency\":\"EUR\",\"note\":\""
                                + MARKER + "\"}"),
                arguments("refused, the marker in a body that is not JSON", 400, false,
                        "{\"customerId\": \"cust-42\", \"items\": [{\"sku\": \"" + MARKER + "\", "),
                arguments("failed, the store down, the marker in an item's sku", 500, false, validWithMarkedSku));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void logLinesCarryNeitherTheBodyNorAnyValueOfItButIds(String description, int status, boolean base64, String body) {
        String sent = base64 ? base64(body) : body;

        List<String> lines = logsOf(Map.of("body", sent, "base64", Boolean.toString(base64),
                "store", status == 500 ? "down" : "memory"), status);

        for (String line : lines) {
            assertThat(line).as("a log line of: %s", description).doesNotContain(body).doesNotContain(sent);
            markerOnlyInIdFields(line, description);
        }
        if (status != 400) {
            // The capture works: accepted and failed requests do write a line (with their ids).
            assertThat(lines).as("log lines of: %s", description).isNotEmpty();
        }
    }

    private static void markerOnlyInIdFields(String line, String description) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(line);
        } catch (IOException e) {
            assertThat(line).as("a log line that is not JSON, of: %s", description).doesNotContainIgnoringCase(MARKER);
            return;
        }
        json.properties().forEach(field -> {
            if (!ID_FIELDS.contains(field.getKey())) {
                assertThat(field.getValue().toString()).as("log field %s of: %s", field.getKey(), description)
                        .doesNotContainIgnoringCase(MARKER);
            }
        });
    }

    /** Runs one request with System.out and System.err going to LOGS; returns the lines written. */
    private static List<String> logsOf(Map<String, String> request, int expectedStatus) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        LOGS.reset();
        System.setOut(SINK);
        System.setErr(SINK);
        int status;
        try {
            status = postOrder.apply(request);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(status).isEqualTo(expectedStatus);
        return Arrays.stream(LOGS.toString(StandardCharsets.UTF_8).split("\\R")).filter(l -> !l.isBlank()).toList();
    }

    private static URL[] testClassPath() {
        // Surefire sets java.class.path to the test class path (also with its manifest-only booter jar).
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank()).map(entry -> {
                    try {
                        return new File(entry).toURI().toURL();
                    } catch (MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                }).toArray(URL[]::new);
    }

    /**
     * POST /orders of events/create-order.json without its Idempotency-Key, with the given body; loaded
     * in the isolated class loader, so only JDK types cross: the request as strings, the status back.
     */
    public static final class PostOrder implements Function<Map<String, String>, Integer> {
        @Override
        public Integer apply(Map<String, String> request) {
            OrderStore store = request.get("store").equals("down") ? new UnavailableStore() : new InMemoryOrderStore();
            CreateOrderHandler handler = new CreateOrderHandler(new OrderService(store, new SequentialIds(), Clock.systemUTC()),
                    Metrics.forLambda());
            APIGatewayProxyRequestEvent in = Requests.withoutHeader(Requests.fixture(), "Idempotency-Key");
            if (Boolean.parseBoolean(request.get("base64"))) {
                Requests.withBase64Body(in, request.get("body"));
            } else {
                Requests.withBody(in, request.get("body"));
            }
            return handler.handleRequest(in, FakeContext.withRemainingMillis(30_000)).getStatusCode();
        }
    }

    /** A store that is down: every write fails as an unexpected error would. */
    private static final class UnavailableStore implements OrderStore {
        @Override
        public void create(Order order, OrderEvent event) {
            throw new IllegalStateException("order store unavailable");
        }

        @Override
        public Optional<Order> find(String orderId) {
            throw new IllegalStateException("order store unavailable");
        }
    }
}
