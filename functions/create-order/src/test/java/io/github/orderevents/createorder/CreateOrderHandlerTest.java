package io.github.orderevents.createorder;

import io.github.orderevents.aws.testing.CapturedMetrics;
import io.github.orderevents.aws.testing.FakeContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderStore;
import io.github.orderevents.domain.OrderService;
import io.github.orderevents.domain.OrderStatus;
import io.github.orderevents.domain.Priority;
import io.github.orderevents.domain.testing.InMemoryOrderStore;
import io.github.orderevents.domain.testing.Orders;
import io.github.orderevents.domain.testing.SequentialIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.github.orderevents.createorder.Requests.base64;
import static io.github.orderevents.createorder.Requests.bodyWithItems;
import static io.github.orderevents.createorder.Requests.item;
import static io.github.orderevents.createorder.Requests.json;
import static io.github.orderevents.createorder.Requests.validItem;
import static io.github.orderevents.createorder.Requests.withBase64Body;
import static io.github.orderevents.createorder.Requests.withBody;
import static io.github.orderevents.createorder.Requests.withHeader;
import static io.github.orderevents.createorder.Requests.withoutHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class CreateOrderHandlerTest {
    private static final String API_REQUEST_ID = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef";
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final CapturedMetrics metrics = new CapturedMetrics(Clock.systemUTC());
    private final CreateOrderHandler handler = new CreateOrderHandler(
            new OrderService(store, new SequentialIds(), Clock.fixed(Orders.T0, ZoneOffset.UTC)), metrics.metrics());

    /**
     * events/create-order.json without its Idempotency-Key: a keyed request goes through Powertools and its
     * DynamoDB persistence store, which IdempotentCreateOrderTest covers on DynamoDB Local.
     */
    private static APIGatewayProxyRequestEvent createOrder() {
        return withoutHeader(Requests.fixture(), "Idempotency-Key");
    }

    private APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent in) {
        return handler.handleRequest(in, FakeContext.withRemainingMillis(30_000));
    }

    private static void assertRejected(APIGatewayProxyResponseEvent response, int status) {
        assertThat(response.getStatusCode()).as("status of %s", response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        JsonNode body = json(response);
        assertThat(body.isObject()).as("error body is a JSON object: %s", response.getBody()).isTrue();
        assertThat(body.path("error").isTextual()).as("error is a string: %s", response.getBody()).isTrue();
        assertThat(body.path("error").asText()).isNotBlank();
    }

    private static void assertRejected(APIGatewayProxyResponseEvent response, int status, String field) {
        assertRejected(response, status);
        assertThat(json(response).path("field").asText(null)).as("field of %s", response.getBody()).isEqualTo(field);
    }

    private void assertNothingStored() {
        assertThat(store.orders()).isEmpty();
        assertThat(store.outboxRows()).isEmpty();
    }

    // --- accepted requests ---

    @Test
    void answers201WithLocationAndTheOrderAsJson() {
        APIGatewayProxyResponseEvent response = handle(createOrder());

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getHeaders())
                .containsEntry("Location", "/orders/ord-1")
                .containsEntry("Content-Type", "application/json");
        JsonNode body = json(response);
        assertThat(body.path("orderId").asText()).isEqualTo("ord-1");
        assertThat(body.path("customerId").asText()).isEqualTo("cust-42");
        assertThat(body.path("status").asText()).isEqualTo("PENDING");
        assertThat(body.path("currency").asText()).isEqualTo("EUR");
        assertThat(body.path("total").isTextual()).as("money is a decimal string").isTrue();
        assertThat(body.path("total").asText()).isEqualTo("44.98");
        assertThat(body.path("items")).hasSize(2);
    }

    @Test
    void storesExactlyOneOrderAndOneOrderPlacedOutboxRowCarryingTheCorrelationId() {
        handle(createOrder());

        assertThat(store.orders()).singleElement().satisfies(order -> {
            assertThat(order.orderId()).isEqualTo("ord-1");
            assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
            assertThat(order.correlationId()).isEqualTo("checkout-7f3a");
        });
        assertThat(store.outboxRows()).singleElement().satisfies(event -> {
            assertThat(event.eventType()).isEqualTo(EventType.OrderPlaced);
            assertThat(event.aggregateId()).isEqualTo("ord-1");
            assertThat(event.sequence()).isEqualTo(1);
            assertThat(event.correlationId()).isEqualTo("checkout-7f3a");
        });
    }

    @Test
    void anExpressOrderIsPlacedAndAnsweredInTheExpressLane() {
        APIGatewayProxyResponseEvent response = handle(withBody(createOrder(), withPriority("\"express\"")));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(json(response).path("priority").asText()).isEqualTo("express");
        assertThat(store.orders()).singleElement().satisfies(o -> assertThat(o.priority()).isEqualTo(Priority.EXPRESS));
        assertThat(store.outboxRows()).singleElement().satisfies(e -> assertThat(e.priority()).isEqualTo(Priority.EXPRESS));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"standard\"", "null"})
    void anOrderNamingStandardOrNullIsStandard(String priority) {
        APIGatewayProxyResponseEvent response = handle(withBody(createOrder(), withPriority(priority)));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(json(response).path("priority").asText()).isEqualTo("standard");
        assertThat(store.outboxRows()).singleElement().satisfies(e -> assertThat(e.priority()).isEqualTo(Priority.STANDARD));
    }

    @Test
    void anOrderWithoutPriorityIsStandard() {
        APIGatewayProxyResponseEvent response = handle(createOrder());

        assertThat(json(response).path("priority").asText()).isEqualTo("standard");
        assertThat(store.orders()).singleElement().satisfies(o -> assertThat(o.priority()).isEqualTo(Priority.STANDARD));
    }

    /** A valid order body with {@code priorityJson} as its priority. */
    private static String withPriority(String priorityJson) {
        return "{\"customerId\":\"cust-42\",\"items\":[" + validItem() + "],\"currency\":\"EUR\",\"priority\":" + priorityJson + "}";
    }

    @Test
    void usesTheApiRequestIdAsCorrelationIdWhenNoneIsSent() {
        APIGatewayProxyResponseEvent response = handle(withoutHeader(createOrder(), "X-Correlation-Id"));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(store.outboxRows()).singleElement()
                .satisfies(event -> assertThat(event.correlationId()).isEqualTo(API_REQUEST_ID));
    }

    @Test
    void acceptsABase64EncodedBody() {
        String body = Requests.fixture().getBody();

        APIGatewayProxyResponseEvent response = handle(withBase64Body(createOrder(), base64(body)));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(json(response).path("total").asText()).isEqualTo("44.98");
        assertThat(store.orders()).hasSize(1);
    }

    @Test
    void acceptsABodyOfExactly64KiB() {
        String body = Requests.fixture().getBody();
        String padded = body + " ".repeat(MAX_BODY_BYTES - body.getBytes(StandardCharsets.UTF_8).length);

        APIGatewayProxyResponseEvent response = handle(withBody(createOrder(), padded));

        assertThat(response.getStatusCode()).isEqualTo(201);
    }

    @Test
    void acceptsJsonContentTypeWithCharset() {
        APIGatewayProxyResponseEvent response =
                handle(withHeader(createOrder(), "content-type", "application/json; charset=utf-8"));

        assertThat(response.getStatusCode()).isEqualTo(201);
    }

    // --- rejected bodies ---

    static Stream<Arguments> malformedBodies() {
        String valid = bodyWithItems(validItem());
        return Stream.of(
                arguments("body is not JSON", "{\"customerId\": \"cust-42\", "),
                arguments("body is plain text", "place an order please"),
                arguments("body is a JSON array", "[" + valid + "]"),
                arguments("body is JSON null", "null"),
                arguments("garbage after the object", valid + " trailing"),
                arguments("a second object after the object", valid + " {}"),
                arguments("duplicate key", "{\"customerId\":\"cust-42\",\"customerId\":\"cust-43\",\"items\":["
                        + validItem() + "],\"currency\":\"EUR\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void rejectsABodyThatIsNotOneJsonObjectWith400(String description, String body) {
        APIGatewayProxyResponseEvent response = handle(withBody(createOrder(), body));

        assertRejected(response, 400);
        assertNothingStored();
    }

    static Stream<Arguments> invalidOrders() {
        String customer65 = "c".repeat(65);
        String[] hundredAndOne = Collections.nCopies(101, validItem()).toArray(String[]::new);
        return Stream.of(
                arguments("customerId is a number",
                        "{\"customerId\":42,\"items\":[" + validItem() + "],\"currency\":\"EUR\"}", "customerId"),
                arguments("items is an object",
                        "{\"customerId\":\"cust-42\",\"items\":" + validItem() + ",\"currency\":\"EUR\"}", "items"),
                arguments("quantity is the string \"2\"", bodyWithItems(item("SKU-1", "\"2\"", "\"19.99\"")),
                        "items[0].quantity"),
                arguments("quantity is 2.5", bodyWithItems(item("SKU-1", "2.5", "\"19.99\"")), "items[0].quantity"),
                arguments("unitPrice is true", bodyWithItems(item("SKU-1", "2", "true")), "items[0].unitPrice"),
                arguments("customerId is missing",
                        "{\"items\":[" + validItem() + "],\"currency\":\"EUR\"}", "customerId"),
                arguments("customerId has 65 characters",
                        "{\"customerId\":\"" + customer65 + "\",\"items\":[" + validItem() + "],\"currency\":\"EUR\"}",
                        "customerId"),
                arguments("items is empty", bodyWithItems(), "items"),
                arguments("items is missing", "{\"customerId\":\"cust-42\",\"currency\":\"EUR\"}", "items"),
                arguments("101 items", bodyWithItems(hundredAndOne), "items"),
                arguments("quantity 0", bodyWithItems(item("SKU-1", "0", "\"19.99\"")), "items[0].quantity"),
                arguments("quantity 1001", bodyWithItems(item("SKU-1", "1001", "\"19.99\"")), "items[0].quantity"),
                arguments("negative unitPrice", bodyWithItems(item("SKU-1", "1", "\"-1.00\"")), "items[0].unitPrice"),
                arguments("unitPrice with 3 decimals", bodyWithItems(item("SKU-1", "1", "\"1.999\"")),
                        "items[0].unitPrice"),
                arguments("lower-case sku in the second item",
                        bodyWithItems(validItem(), item("abc", "1", "\"1.00\"")), "items[1].sku"),
                arguments("unknown currency ABC",
                        "{\"customerId\":\"cust-42\",\"items\":[" + validItem() + "],\"currency\":\"ABC\"}", "currency"),
                arguments("misspelt item field quantiy",
                        bodyWithItems("{\"sku\":\"SKU-1\",\"quantiy\":2,\"unitPrice\":\"19.99\"}"),
                        "items[0].quantiy"),
                arguments("priority is not a lane", withPriority("\"urgent\""), "priority"),
                arguments("priority in capitals", withPriority("\"EXPRESS\""), "priority"),
                arguments("priority is empty", withPriority("\"\""), "priority"),
                arguments("priority is a number", withPriority("1"), "priority"),
                arguments("priority is true", withPriority("true"), "priority"),
                arguments("priority is a list", withPriority("[\"express\"]"), "priority"),
                arguments("unknown top-level field",
                        "{\"customerId\":\"cust-42\",\"items\":[" + validItem() + "],\"currency\":\"EUR\",\"coupon\":\"X\"}",
                        "coupon"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOrders")
    void rejectsAnInvalidOrderWith400NamingTheField(String description, String body, String field) {
        APIGatewayProxyResponseEvent response = handle(withBody(createOrder(), body));

        assertRejected(response, 400, field);
        assertNothingStored();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"XXX", "XTS"})
    void rejectsIsoCodesThatAreNoCurrencyWith400(String code) {
        // XXX means "no currency" and XTS is reserved for testing (ISO 4217): no order can be paid in them.
        String body = "{\"customerId\":\"cust-42\",\"items\":[" + validItem() + "],\"currency\":\"" + code + "\"}";

        APIGatewayProxyResponseEvent response = handle(withBody(createOrder(), body));

        assertRejected(response, 400, "currency");
        assertNothingStored();
    }

    @Test
    void rejectsTheInvalidFixtureWith400NamingTheSku() {
        APIGatewayProxyRequestEvent invalid = EventLoader.loadApiGatewayRestEvent(Requests.INVALID_FIXTURE);

        APIGatewayProxyResponseEvent response = handle(invalid);

        assertRejected(response, 400, "items[0].sku");
        assertNothingStored();
    }

    @ParameterizedTest(name = "body \"{0}\"")
    @ValueSource(strings = {"", "   "})
    void rejectsAnEmptyBodyWith400(String body) {
        APIGatewayProxyResponseEvent response = handle(withBody(createOrder(), body));

        assertRejected(response, 400);
        assertNothingStored();
    }

    @Test
    void rejectsAMissingBodyWith400() {
        APIGatewayProxyResponseEvent response = handle(withBody(createOrder(), null));

        assertRejected(response, 400);
        assertNothingStored();
    }

    @Test
    void rejectsInvalidBase64With400() {
        APIGatewayProxyResponseEvent response = handle(withBase64Body(createOrder(), "not*base64!"));

        assertRejected(response, 400);
        assertNothingStored();
    }

    @Test
    void rejectsABodyOver64KiBWith413() {
        String body = Requests.fixture().getBody();
        String padded = body + " ".repeat(MAX_BODY_BYTES + 1 - body.getBytes(StandardCharsets.UTF_8).length);

        APIGatewayProxyResponseEvent response = handle(withBody(createOrder(), padded));

        assertRejected(response, 413);
        assertNothingStored();
    }

    @Test
    void rejectsAPlainTextContentTypeWith415() {
        APIGatewayProxyResponseEvent response = handle(withHeader(createOrder(), "Content-Type", "text/plain"));

        assertRejected(response, 415);
        assertNothingStored();
    }

    // --- rejected headers ---

    static Stream<Arguments> malformedCorrelationIds() {
        return Stream.of(
                arguments("a newline (log forging)", "checkout-1\n{\"level\":\"ERROR\"}"),
                arguments("200 characters", "c".repeat(200)),
                arguments("a space", "checkout 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedCorrelationIds")
    void rejectsAMalformedCorrelationIdWith400(String description, String correlationId) {
        APIGatewayProxyResponseEvent response = handle(withHeader(createOrder(), "X-Correlation-Id", correlationId));

        assertRejected(response, 400, "X-Correlation-Id");
        assertNothingStored();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"has space", "key\nnewline", "emoji-\uD83D\uDE00"})
    void rejectsAMalformedIdempotencyKeyWith400(String key) {
        APIGatewayProxyResponseEvent response = handle(withHeader(createOrder(), "Idempotency-Key", key));

        assertRejected(response, 400, "Idempotency-Key");
        assertNothingStored();
    }

    @Test
    void rejectsAnIdempotencyKeyOf129CharactersWith400() {
        APIGatewayProxyResponseEvent response = handle(withHeader(createOrder(), "Idempotency-Key", "k".repeat(129)));

        assertRejected(response, 400, "Idempotency-Key");
        assertNothingStored();
    }

    // --- unexpected failures ---

    @Test
    void anUnexpectedStoreFailureIsAnswered500WithTheRequestIdAndNoDetails() {
        OrderStore broken = new OrderStore() {
            @Override
            public void create(Order order, OrderEvent event) {
                throw new IllegalStateException("connection reset by peer at 10.0.0.7");
            }

            @Override
            public Optional<Order> find(String orderId) {
                return Optional.empty();
            }
        };
        CreateOrderHandler failing = new CreateOrderHandler(
                new OrderService(broken, new SequentialIds(), Clock.fixed(Orders.T0, ZoneOffset.UTC)), metrics.metrics());

        APIGatewayProxyResponseEvent response = failing.handleRequest(createOrder(), FakeContext.withRemainingMillis(30_000));

        assertRejected(response, 500);
        assertThat(json(response).path("error").asText()).contains(API_REQUEST_ID).doesNotContain("10.0.0.7");
        assertThat(metrics.lines()).as("a 5xx is neither placed nor rejected").isEmpty();
    }

    // --- metrics ---

    @Test
    void anOrderPlacedCountsOneOrdersPlacedInTheStandardPriority() {
        handle(createOrder());

        assertThat(metrics.data()).containsExactly(new CapturedMetrics.Datum("OrderEvents", "OrdersPlaced", "Count",
                Map.of("Priority", "standard"), List.of(1.0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusedRequestCountsOneOrdersRejectedByItsReason(String reason, APIGatewayProxyRequestEvent request) {
        handle(request);

        assertThat(metrics.data()).containsExactly(new CapturedMetrics.Datum("OrderEvents", "OrdersRejected", "Count",
                Map.of("Reason", reason), List.of(1.0)));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                arguments("invalid-request", EventLoader.loadApiGatewayRestEvent(Requests.INVALID_FIXTURE)),
                arguments("invalid-request", withBody(createOrder(), null)),
                arguments("body-too-large", withBody(createOrder(), Requests.fixture().getBody()
                        + " ".repeat(MAX_BODY_BYTES + 1 - Requests.fixture().getBody().getBytes(StandardCharsets.UTF_8).length))),
                arguments("unsupported-media-type", withHeader(createOrder(), "Content-Type", "text/plain")));
    }
}
