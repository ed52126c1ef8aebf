package io.github.orderevents.createorder;

import io.github.orderevents.aws.testing.FakeContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.testing.CapturedMetrics;
import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.TestTables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.github.orderevents.createorder.Requests.bodyWithItems;
import static io.github.orderevents.createorder.Requests.item;
import static io.github.orderevents.createorder.Requests.json;
import static io.github.orderevents.createorder.Requests.withBody;
import static io.github.orderevents.createorder.Requests.withHeader;
import static io.github.orderevents.createorder.Requests.withoutHeader;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /orders with an Idempotency-Key, through the handler's real wiring: Powertools idempotency (woven
 * into OrderPlacement) on a DynamoDB Local idempotency table, orders and outbox in DynamoDB Local.
 */
class IdempotentCreateOrderTest {
    @RegisterExtension
    static final EmbeddedDynamo dynamo = new EmbeddedDynamo();
    private final DynamoDbClient client = dynamo.client();

    private final CapturedMetrics metrics = new CapturedMetrics(Clock.systemUTC());
    private TestTables tables;
    private CreateOrderHandler handler;

    @BeforeEach
    void newTablesAndHandler() {
        // Fresh tables per test (unique names, one server): row counts belong to this test alone.
        tables = TestTables.create(client);
        Map<String, String> variables = new HashMap<>(dynamo.environment());
        variables.put("ORDERS_TABLE", tables.orders());
        variables.put("OUTBOX_TABLE", tables.outbox());
        variables.put("IDEMPOTENCY_TABLE", tables.idempotency());
        Env env = Env.of(variables);
        handler = new CreateOrderHandler(env, new AwsClients(env), metrics.metrics());
    }

    private APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent in) {
        return handler.handleRequest(in, FakeContext.withRemainingMillis(30_000));
    }

    private int rows(String table) {
        return client.scan(r -> r.tableName(table).consistentRead(true)).items().size();
    }

    private static String orderId(APIGatewayProxyResponseEvent response) {
        return json(response).path("orderId").asText();
    }

    @Test
    void repeatOfTheSameKeyAndBodyGetsTheSameAnswerAndPlacesOneOrder() {
        APIGatewayProxyResponseEvent first = handle(Requests.fixture());
        APIGatewayProxyResponseEvent repeat = handle(Requests.fixture());

        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(repeat.getStatusCode()).isEqualTo(201);
        assertThat(orderId(repeat)).isNotBlank().isEqualTo(orderId(first));
        assertThat(repeat.getHeaders().get("Location")).isEqualTo("/orders/" + orderId(first));
        assertThat(repeat.getHeaders().get("Location")).isEqualTo(first.getHeaders().get("Location"));
        assertThat(json(repeat)).isEqualTo(json(first));
        assertThat(repeat.getBody()).isEqualTo(first.getBody());
        assertThat(rows(tables.orders())).isEqualTo(1);
        assertThat(rows(tables.outbox())).isEqualTo(1);
        assertThat(rows(tables.idempotency())).as("the response is stored once, by Powertools").isEqualTo(1);
        assertThat(metrics.values("OrdersPlaced", Map.of("Priority", "standard"))).as("the repeat placed nothing")
                .containsExactly(1.0);
        assertThat(metrics.lines()).hasSize(1);
    }

    @Test
    void sameKeyWithADifferentBodyIsRefusedWith422NamingTheKey() {
        APIGatewayProxyResponseEvent first = handle(Requests.fixture());
        String otherBody = bodyWithItems(item("SKU-RED-1", "3", "\"19.99\""));

        APIGatewayProxyResponseEvent reused = handle(withBody(Requests.fixture(), otherBody));

        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(reused.getStatusCode()).isEqualTo(422);
        assertThat(json(reused).path("error").asText()).isNotBlank();
        assertThat(json(reused).path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(rows(tables.orders())).isEqualTo(1);
        assertThat(rows(tables.outbox())).isEqualTo(1);
        assertThat(metrics.values("OrdersRejected", Map.of("Reason", "idempotency-conflict"))).containsExactly(1.0);
    }

    @Test
    void sameKeyWithAnotherPriorityIsADifferentRequestRefusedWith422() {
        APIGatewayProxyResponseEvent first = handle(Requests.fixture());
        String express = Requests.fixture().getBody().replaceFirst("\\{", "{\"priority\":\"express\",");

        APIGatewayProxyResponseEvent reused = handle(withBody(Requests.fixture(), express));

        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(reused.getStatusCode()).as(reused.getBody()).isEqualTo(422);
        assertThat(json(reused).path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(rows(tables.orders())).isEqualTo(1);
        assertThat(rows(tables.outbox())).isEqualTo(1);
    }

    @Test
    void sameKeyWithStandardPriorityNamedOrNotIsTheSameRequest() {
        APIGatewayProxyResponseEvent first = handle(Requests.fixture());
        String named = Requests.fixture().getBody().replaceFirst("\\{", "{\"priority\":\"standard\",");

        APIGatewayProxyResponseEvent repeat = handle(withBody(Requests.fixture(), named));

        assertThat(repeat.getStatusCode()).isEqualTo(201);
        assertThat(orderId(repeat)).isEqualTo(orderId(first));
        assertThat(rows(tables.orders())).isEqualTo(1);
    }

    @Test
    void sameKeyWithTheSameRequestLaidOutDifferentlyIsTheSameRequest() {
        APIGatewayProxyResponseEvent first = handle(Requests.fixture());

        APIGatewayProxyResponseEvent repeat = handle(withBody(Requests.fixture(), Requests.FIXTURE_BODY_REFORMATTED));

        assertThat(repeat.getStatusCode()).isEqualTo(201);
        assertThat(orderId(repeat)).isEqualTo(orderId(first));
        assertThat(rows(tables.orders())).isEqualTo(1);
        assertThat(rows(tables.outbox())).isEqualTo(1);
    }

    @Test
    void sameKeyFromTwoCustomersPlacesTwoOrders() {
        String otherCustomer = Requests.fixture().getBody().replace("\"cust-42\"", "\"cust-43\"");

        APIGatewayProxyResponseEvent first = handle(Requests.fixture());
        APIGatewayProxyResponseEvent second = handle(withBody(Requests.fixture(), otherCustomer));

        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(second.getStatusCode()).isEqualTo(201);
        assertThat(orderId(second)).isNotEqualTo(orderId(first));
        assertThat(json(second).path("customerId").asText()).isEqualTo("cust-43");
        assertThat(rows(tables.orders())).isEqualTo(2);
        assertThat(rows(tables.outbox())).isEqualTo(2);
    }

    @Test
    void withoutAKeyEveryPostPlacesANewOrder() {
        APIGatewayProxyResponseEvent first = handle(withoutHeader(Requests.fixture(), "Idempotency-Key"));
        APIGatewayProxyResponseEvent second = handle(withoutHeader(Requests.fixture(), "Idempotency-Key"));

        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(second.getStatusCode()).isEqualTo(201);
        assertThat(orderId(second)).isNotEqualTo(orderId(first));
        assertThat(rows(tables.orders())).isEqualTo(2);
        assertThat(rows(tables.outbox())).isEqualTo(2);
        assertThat(rows(tables.idempotency())).isZero();
    }

    @Test
    void aRejectedRequestLeavesItsKeyFreeForTheCorrectedRetry() {
        String invalid = bodyWithItems(item("SKU-RED-1", "0", "\"19.99\""));

        APIGatewayProxyResponseEvent rejected = handle(withBody(Requests.fixture(), invalid));
        APIGatewayProxyResponseEvent corrected = handle(Requests.fixture());

        assertThat(rejected.getStatusCode()).isEqualTo(400);
        assertThat(corrected.getStatusCode()).isEqualTo(201);
        assertThat(rows(tables.orders())).isEqualTo(1);
    }

    @Test
    void theCorrelationIdIsNotPartOfTheRequestIdentity() {
        APIGatewayProxyResponseEvent first = handle(Requests.fixture());

        APIGatewayProxyResponseEvent retry = handle(withHeader(Requests.fixture(), "X-Correlation-Id", "retry-2"));

        assertThat(retry.getStatusCode()).isEqualTo(201);
        assertThat(orderId(retry)).isEqualTo(orderId(first));
        assertThat(rows(tables.orders())).isEqualTo(1);
    }

    @Test
    void aRepeatWhileTheFirstIsStillInProgressIsAnswered409() {
        handle(Requests.fixture());
        // Put the stored record back to INPROGRESS, as a first request that has not finished would leave it.
        // Attribute names are DynamoDBPersistenceStore's documented defaults.
        var record = client.scan(r -> r.tableName(tables.idempotency()).consistentRead(true)).items().get(0);
        long inProgressUntil = Instant.now().plusSeconds(60).toEpochMilli();
        client.updateItem(r -> r.tableName(tables.idempotency())
                .key(Map.of("id", record.get("id")))
                .updateExpression("SET #status = :inProgress, #until = :until")
                .expressionAttributeNames(Map.of("#status", "status", "#until", "in_progress_expiration"))
                .expressionAttributeValues(Map.of(":inProgress", AttributeValue.fromS("INPROGRESS"),
                        ":until", AttributeValue.fromN(Long.toString(inProgressUntil)))));

        APIGatewayProxyResponseEvent concurrent = handle(Requests.fixture());

        assertThat(concurrent.getStatusCode()).isEqualTo(409);
        assertThat(json(concurrent).path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(rows(tables.orders())).isEqualTo(1);
    }
}
