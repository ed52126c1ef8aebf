package io.github.orderevents.notification;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.dynamo.DynamoNotifications;
import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.FakeContext;
import io.github.orderevents.aws.testing.TestTables;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.notification.Delivery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.github.orderevents.notification.ListNotificationsHandlerTest.eventIds;
import static io.github.orderevents.notification.ListNotificationsHandlerTest.json;
import static io.github.orderevents.notification.ListNotificationsHandlerTest.notification;
import static io.github.orderevents.notification.ListNotificationsHandlerTest.withQuery;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /customers/{customerId}/notifications through the deployed wiring, on DynamoDB Local. */
class ListNotificationsOnDynamoTest {
    @RegisterExtension
    static final EmbeddedDynamo DYNAMO = new EmbeddedDynamo();

    private TestTables tables;
    private ListNotificationsHandler handler;

    @BeforeEach
    void freshTablesAndHandler() {
        tables = TestTables.create(DYNAMO.client());
        Map<String, String> variables = new HashMap<>(DYNAMO.environment());
        variables.put("NOTIFICATIONS_TABLE", tables.notifications());
        Env env = Env.of(variables);
        handler = new ListNotificationsHandler(env, new AwsClients(env));
    }

    /** Sends notifications 1..count of one order of cust-42 through the real sender. */
    private void notify(int count) {
        DynamoNotifications sender = new DynamoNotifications(DYNAMO.client(), tables.notifications(),
                tables.checkpoints(), Clock.systemUTC());
        for (int sequence = 1; sequence <= count; sequence++) {
            assertThat(sender.send(notification("cust-42", "ord-1", sequence, EventType.OrderPlaced)))
                    .isEqualTo(new Delivery.Sent());
        }
    }

    private APIGatewayProxyResponseEvent list(Map<String, String> query) {
        return handler.handleRequest(withQuery(query), FakeContext.withRemainingMillis(30_000));
    }

    /** Follows nextToken from the first page to the last; returns each page's event ids. */
    private List<List<String>> allPages(String limit) {
        List<List<String>> pages = new ArrayList<>();
        APIGatewayProxyResponseEvent page = list(Map.of("limit", limit));
        pages.add(eventIds(page));
        while (json(page).has("nextToken") && pages.size() < 10) {
            page = list(Map.of("limit", limit, "nextToken", json(page).path("nextToken").asText()));
            assertThat(page.getStatusCode()).isEqualTo(200);
            pages.add(eventIds(page));
        }
        return pages;
    }

    @Test
    void pagingWithNextTokenReturnsTheRestInOrder() {
        notify(5);

        List<List<String>> pages = allPages("2");

        assertThat(pages.get(0)).containsExactly("evt-ord-1-1", "evt-ord-1-2");
        assertThat(pages.stream().flatMap(List::stream).toList())
                .containsExactly("evt-ord-1-1", "evt-ord-1-2", "evt-ord-1-3", "evt-ord-1-4", "evt-ord-1-5");
    }

    @Test
    void pagingEndsAfterAnExactlyFullLastPageWithAtMostOneEmptyPage() {
        // DynamoDB returns a LastEvaluatedKey whenever a Query stops at its Limit, even when nothing follows;
        // accepted (as in DynamoNotificationHistoryTest): the client then gets one empty page without a token.
        notify(4);

        List<List<String>> pages = allPages("2");

        assertThat(pages).hasSizeBetween(2, 3);
        assertThat(pages.subList(0, 2))
                .containsExactly(List.of("evt-ord-1-1", "evt-ord-1-2"), List.of("evt-ord-1-3", "evt-ord-1-4"));
        assertThat(pages.subList(2, pages.size())).allSatisfy(page -> assertThat(page).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"forged", "!!!", "MjAyNi0xMS0yMQ", "bm90LWEtdG9rZW4"})
    void refusesANextTokenItDidNotHandOut(String token) {
        notify(1);

        APIGatewayProxyResponseEvent response = list(Map.of("nextToken", token));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
        assertThat(json(response).path("field").asText()).isEqualTo("nextToken");
    }

    @Test
    void aPageStartsAfterTheNotificationItsTokenNames() {
        notify(3);
        String afterFirst = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "2026-11-21T10:00:01.000000000Z#evt-ord-1-1".getBytes(StandardCharsets.UTF_8));

        APIGatewayProxyResponseEvent response = list(Map.of("nextToken", afterFirst));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(eventIds(response)).containsExactly("evt-ord-1-2", "evt-ord-1-3");
    }
}
