package io.github.orderevents.getorder;

import io.github.orderevents.aws.testing.FakeContext;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.Json;
import io.github.orderevents.domain.Priority;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.HistoryEntry;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderItem;
import io.github.orderevents.domain.OrderQueries;
import io.github.orderevents.domain.OrderStatus;
import io.github.orderevents.domain.testing.InMemoryOrderStore;
import io.github.orderevents.domain.testing.MutableClock;
import io.github.orderevents.domain.testing.Orders;
import io.github.orderevents.domain.testing.RecordingSleeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class GetOrderHandlerTest {
    /** The order id in events/get-order.json. */
    private static final String ORDER_ID = "ord-5f0c8a36-1d5e-3c0e-9a3b-7e1f2d4c6b8a";

    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final MutableClock clock = new MutableClock(Orders.T0);
    private final GetOrderHandler handler = new GetOrderHandler(new OrderQueries(store, clock, clock));
    private final Context plentyOfTime = FakeContext.withRemainingMillis(29_000);

    /** events/get-order.json: GET /orders/{ORDER_ID}?waitSeconds=10. */
    private static APIGatewayProxyRequestEvent getOrder() {
        return EventLoader.loadApiGatewayRestEvent("events/get-order.json");
    }

    private static APIGatewayProxyRequestEvent withWaitSeconds(APIGatewayProxyRequestEvent in, String waitSeconds) {
        if (waitSeconds == null) {
            in.setQueryStringParameters(null);
            in.setMultiValueQueryStringParameters(null);
        } else {
            in.setQueryStringParameters(new HashMap<>(Map.of("waitSeconds", waitSeconds)));
            in.setMultiValueQueryStringParameters(new HashMap<>(Map.of("waitSeconds", new ArrayList<>(List.of(waitSeconds)))));
        }
        return in;
    }

    private static APIGatewayProxyRequestEvent withOrderId(APIGatewayProxyRequestEvent in, String orderId) {
        in.setPathParameters(new HashMap<>(Map.of("orderId", orderId)));
        in.setPath("/orders/" + orderId);
        return in;
    }

    private static Order order(String orderId, OrderStatus status) {
        List<HistoryEntry> history = new ArrayList<>();
        history.add(new HistoryEntry(1, EventType.OrderPlaced, "evt-1", Orders.T0, OrderStatus.PENDING));
        if (status == OrderStatus.CONFIRMED) {
            history.add(new HistoryEntry(2, EventType.OrderConfirmed, "evt-2", Orders.T0.plusSeconds(1),
                    OrderStatus.CONFIRMED));
        }
        Instant updated = history.get(history.size() - 1).occurredAt();
        return new Order(orderId, "cust-42", status, List.of(new OrderItem("SKU-RED-1", 2, new BigDecimal("19.99"))),
                "EUR", new BigDecimal("39.98"), history.size(), history, Orders.T0, updated, null, "checkout-7f3a", Priority.STANDARD);
    }

    private static JsonNode json(APIGatewayProxyResponseEvent response) {
        try {
            return Json.MAPPER.readTree(response.getBody());
        } catch (JsonProcessingException e) {
            throw new AssertionError("response body is not JSON: " + response.getBody(), e);
        }
    }

    private static void assertRejected(APIGatewayProxyResponseEvent response, int status, String field) {
        assertThat(response.getStatusCode()).as("status of %s", response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        JsonNode body = json(response);
        assertThat(body.path("error").asText()).isNotBlank();
        if (field != null) {
            assertThat(body.path("field").asText()).isEqualTo(field);
        }
    }

    private Duration waited() {
        return Duration.between(Orders.T0, clock.instant());
    }

    @Test
    void answers200WithTheOrderItsStatusAndItsHistoryInSequence() {
        store.put(order(ORDER_ID, OrderStatus.CONFIRMED));

        APIGatewayProxyResponseEvent response = handler.handleRequest(getOrder(), plentyOfTime);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        JsonNode body = json(response);
        assertThat(body.path("orderId").asText()).isEqualTo(ORDER_ID);
        assertThat(body.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(body.path("total").asText()).isEqualTo("39.98");
        assertThat(body.path("history").findValues("sequence")).extracting(JsonNode::asLong).containsExactly(1L, 2L);
        assertThat(body.path("history").findValues("eventType")).extracting(JsonNode::asText)
                .containsExactly("OrderPlaced", "OrderConfirmed");
    }

    @Test
    void aTerminalOrderIsAnsweredWithoutWaiting() {
        store.put(order(ORDER_ID, OrderStatus.CONFIRMED));

        handler.handleRequest(getOrder(), plentyOfTime);

        assertThat(waited()).isZero();
    }

    @Test
    void answers404AsJsonForAnUnknownOrder() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(getOrder(), plentyOfTime);

        assertRejected(response, 404, null);
        assertThat(json(response).path("error").asText()).contains(ORDER_ID);
    }

    @ParameterizedTest(name = "waitSeconds={0}")
    @ValueSource(strings = {"21", "-1", "abc", "5.5", "100"})
    void rejectsAWaitSecondsOutside0To20With400(String waitSeconds) {
        store.put(order(ORDER_ID, OrderStatus.PENDING));

        APIGatewayProxyResponseEvent response = handler.handleRequest(withWaitSeconds(getOrder(), waitSeconds),
                plentyOfTime);

        assertRejected(response, 400, "waitSeconds");
        assertThat(waited()).isZero();
    }

    @Test
    void acceptsTheLargestWaitOf20Seconds() {
        store.put(order(ORDER_ID, OrderStatus.PENDING));

        APIGatewayProxyResponseEvent response = handler.handleRequest(withWaitSeconds(getOrder(), "20"), plentyOfTime);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(waited()).isEqualTo(Duration.ofSeconds(20));
    }

    static Stream<String> malformedOrderIds() {
        return Stream.of("../orders", "ord-1/../../admin", "ord 1", "ord_1", "o".repeat(65));
    }

    @ParameterizedTest(name = "orderId={0}")
    @MethodSource("malformedOrderIds")
    void rejectsAMalformedOrderIdWith400(String orderId) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(withOrderId(getOrder(), orderId), plentyOfTime);

        assertRejected(response, 400, "orderId");
    }

    @Test
    void acceptsAnOrderIdOf64Characters() {
        String orderId = "o".repeat(64);
        store.put(order(orderId, OrderStatus.CONFIRMED));

        APIGatewayProxyResponseEvent response = handler.handleRequest(withOrderId(getOrder(), orderId), plentyOfTime);

        assertThat(response.getStatusCode()).isEqualTo(200);
    }

    @Test
    void waitSecondsZeroAnswersAPendingOrderAtOnce() {
        store.put(order(ORDER_ID, OrderStatus.PENDING));

        APIGatewayProxyResponseEvent response = handler.handleRequest(withWaitSeconds(getOrder(), "0"), plentyOfTime);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).path("status").asText()).isEqualTo("PENDING");
        assertThat(waited()).isZero();
    }

    @Test
    void noWaitSecondsAnswersAPendingOrderAtOnce() {
        store.put(order(ORDER_ID, OrderStatus.PENDING));

        APIGatewayProxyResponseEvent response = handler.handleRequest(withWaitSeconds(getOrder(), null), plentyOfTime);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).path("status").asText()).isEqualTo("PENDING");
        assertThat(waited()).isZero();
    }

    @Test
    void aPendingOrderIsAnsweredAsPendingOnceTheWaitHasPassed() {
        store.put(order(ORDER_ID, OrderStatus.PENDING));

        APIGatewayProxyResponseEvent response = handler.handleRequest(getOrder(), plentyOfTime);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).path("status").asText()).isEqualTo("PENDING");
        assertThat(waited()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void anOrderConfirmedDuringTheWaitIsAnsweredAsConfirmedAtOnce() {
        store.put(order(ORDER_ID, OrderStatus.PENDING));
        RecordingSleeper sleeper = new RecordingSleeper(clock)
                .afterSleeps(3, () -> store.put(order(ORDER_ID, OrderStatus.CONFIRMED)));
        GetOrderHandler waiting = new GetOrderHandler(new OrderQueries(store, clock, sleeper));

        APIGatewayProxyResponseEvent response = waiting.handleRequest(getOrder(), plentyOfTime);

        assertThat(json(response).path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(sleeper.sleeps()).hasSize(3);
        assertThat(waited()).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void theWaitEndsBeforeTheLambdaTimeout() {
        store.put(order(ORDER_ID, OrderStatus.PENDING));

        APIGatewayProxyResponseEvent response = handler.handleRequest(getOrder(), FakeContext.withRemainingMillis(3_000));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).path("status").asText()).isEqualTo("PENDING");
        assertThat(waited()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void withTooLittleTimeLeftItAnswersWithoutWaiting() {
        store.put(order(ORDER_ID, OrderStatus.PENDING));

        APIGatewayProxyResponseEvent response = handler.handleRequest(getOrder(), FakeContext.withRemainingMillis(1_500));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).path("status").asText()).isEqualTo("PENDING");
        assertThat(waited()).isZero();
    }
}
