package io.github.orderevents.notification;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.orderevents.aws.testing.FakeContext;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.notification.Notification;
import io.github.orderevents.domain.testing.InMemoryNotificationHistory;
import io.github.orderevents.domain.testing.InMemoryNotificationHistory.Query;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /customers/{customerId}/notifications with a NotificationHistory in memory. */
class ListNotificationsHandlerTest {
    private final InMemoryNotificationHistory history = new InMemoryNotificationHistory();
    private final ListNotificationsHandler handler = new ListNotificationsHandler(history);

    static Notification notification(String customerId, String orderId, long sequence, EventType type) {
        return new Notification(customerId, "evt-" + orderId + "-" + sequence, type, orderId, sequence,
                Orders.T0.plusSeconds(sequence), "text " + orderId + " " + sequence, "corr-1");
    }

    static APIGatewayProxyRequestEvent fixture() {
        return EventLoader.loadApiGatewayRestEvent("events/list-notifications.json");
    }

    /** The fixture with these query parameters (none when empty) for customer cust-42. */
    static APIGatewayProxyRequestEvent withQuery(Map<String, String> query) {
        APIGatewayProxyRequestEvent in = fixture();
        in.setQueryStringParameters(query.isEmpty() ? null : new HashMap<>(query));
        Map<String, List<String>> multi = new HashMap<>();
        query.forEach((k, v) -> multi.put(k, List.of(v)));
        in.setMultiValueQueryStringParameters(query.isEmpty() ? null : multi);
        return in;
    }

    static APIGatewayProxyRequestEvent forCustomer(String customerId) {
        APIGatewayProxyRequestEvent in = fixture();
        Map<String, String> path = new HashMap<>();
        path.put("customerId", customerId);
        in.setPathParameters(path);
        return in;
    }

    static JsonNode json(APIGatewayProxyResponseEvent response) {
        try {
            return new ObjectMapper().readTree(response.getBody());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> eventIds(APIGatewayProxyResponseEvent response) {
        List<String> ids = new ArrayList<>();
        json(response).path("notifications").forEach(n -> ids.add(n.path("eventId").asText()));
        return ids;
    }

    private APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent in) {
        return handler.handleRequest(in, FakeContext.withRemainingMillis(30_000));
    }

    private static void assertBadRequest(APIGatewayProxyResponseEvent response, String field) {
        assertThat(response.getStatusCode()).as("status of %s", response.getBody()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(json(response).path("error").asText()).isNotBlank();
        assertThat(json(response).path("field").asText()).isEqualTo(field);
    }

    @Test
    void listsTheCustomersNotificationsInOrder() {
        history.add(notification("cust-42", "ord-1", 1, EventType.OrderPlaced),
                notification("cust-9", "ord-2", 1, EventType.OrderPlaced),
                notification("cust-42", "ord-1", 2, EventType.OrderConfirmed),
                notification("cust-42", "ord-3", 1, EventType.OrderPlaced));

        APIGatewayProxyResponseEvent response = handle(fixture());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        JsonNode body = json(response);
        assertThat(body.path("customerId").asText()).isEqualTo("cust-42");
        // Event order (occurredAt, then eventId): ord-3's first event happened before ord-1's second.
        assertThat(eventIds(response)).containsExactly("evt-ord-1-1", "evt-ord-3-1", "evt-ord-1-2");
        assertThat(body.has("nextToken")).as("no next page").isFalse();
        assertThat(history.queries()).containsExactly(new Query("cust-42", 20, Optional.empty()));
    }

    @Test
    void eachNotificationIsShownWithItsEventOrderAndText() {
        history.add(notification("cust-42", "ord-1", 2, EventType.OrderRejected));

        JsonNode first = json(handle(fixture())).path("notifications").get(0);

        assertThat(first.path("eventId").asText()).isEqualTo("evt-ord-1-2");
        assertThat(first.path("eventType").asText()).isEqualTo("OrderRejected");
        assertThat(first.path("orderId").asText()).isEqualTo("ord-1");
        assertThat(first.path("sequence").asLong()).isEqualTo(2);
        assertThat(first.path("occurredAt").asText()).isEqualTo(Orders.T0.plusSeconds(2).toString());
        assertThat(first.path("message").asText()).isEqualTo("text ord-1 2");
    }

    @Test
    void aCustomerWithoutNotificationsGetsAnEmptyList() {
        APIGatewayProxyResponseEvent response = handle(fixture());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).path("notifications").isArray()).isTrue();
        assertThat(json(response).path("notifications")).isEmpty();
    }

    @Test
    void withoutALimitAPageHoldsFifty() {
        handle(withQuery(Map.of()));

        assertThat(history.queries()).extracting(Query::limit).containsExactly(50);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "100", "007"})
    void acceptsALimitFromOneToAHundred(String limit) {
        APIGatewayProxyResponseEvent response = handle(withQuery(Map.of("limit", limit)));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(history.queries()).extracting(Query::limit).containsExactly(Integer.parseInt(limit));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "x", "-1", "1.5", "", " 5", "1000", "99999999999"})
    void refusesALimitOutsideOneToAHundred(String limit) {
        APIGatewayProxyResponseEvent response = handle(withQuery(Map.of("limit", limit)));

        assertBadRequest(response, "limit");
        assertThat(history.queries()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cust 42", "cust/42", "kunde-ü", "cust#42"})
    void refusesACustomerIdWithForbiddenCharacters(String customerId) {
        APIGatewayProxyResponseEvent response = handle(forCustomer(customerId));

        assertBadRequest(response, "customerId");
        assertThat(history.queries()).isEmpty();
    }

    @Test
    void refusesACustomerIdOver64Characters() {
        assertBadRequest(handle(forCustomer("c".repeat(65))), "customerId");
        assertThat(handle(forCustomer("c".repeat(64))).getStatusCode()).isEqualTo(200);
    }

    @Test
    void refusesANextTokenTheHistoryDidNotHandOut() {
        APIGatewayProxyResponseEvent response = handle(withQuery(Map.of("nextToken", "forged")));

        assertBadRequest(response, "nextToken");
    }

    @Test
    void theNextTokenLeadsToTheRestOfTheList() {
        for (int sequence = 1; sequence <= 5; sequence++) {
            history.add(notification("cust-42", "ord-1", sequence, EventType.OrderPlaced));
        }

        APIGatewayProxyResponseEvent first = handle(withQuery(Map.of("limit", "3")));
        String token = json(first).path("nextToken").asText();
        APIGatewayProxyResponseEvent rest = handle(withQuery(Map.of("limit", "3", "nextToken", token)));

        assertThat(eventIds(first)).containsExactly("evt-ord-1-1", "evt-ord-1-2", "evt-ord-1-3");
        assertThat(token).isNotBlank();
        assertThat(eventIds(rest)).containsExactly("evt-ord-1-4", "evt-ord-1-5");
        assertThat(json(rest).has("nextToken")).isFalse();
    }
}
