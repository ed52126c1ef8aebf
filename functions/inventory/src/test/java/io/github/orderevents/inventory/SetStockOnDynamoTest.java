package io.github.orderevents.inventory;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.FakeContext;
import io.github.orderevents.aws.testing.TestTables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;

import static io.github.orderevents.inventory.SetStockHandlerTest.fixture;
import static io.github.orderevents.inventory.SetStockHandlerTest.json;
import static io.github.orderevents.inventory.SetStockHandlerTest.withSkuAndBody;
import static org.assertj.core.api.Assertions.assertThat;

/** PUT /inventory/{sku} through SetStockHandler's deployed wiring on DynamoDB Local. */
class SetStockOnDynamoTest {
    @RegisterExtension
    static final EmbeddedDynamo DYNAMO = new EmbeddedDynamo();

    private TestTables tables;
    private SetStockHandler handler;

    @BeforeEach
    void freshTablesAndHandler() {
        tables = TestTables.create(DYNAMO.client());
        Map<String, String> variables = new HashMap<>(DYNAMO.environment());
        variables.put("STOCK_TABLE", tables.stock());
        Env env = Env.of(variables);
        handler = new SetStockHandler(env, new AwsClients(env));
    }

    private Map<String, AttributeValue> stored(String sku) {
        return DYNAMO.client().getItem(r -> r.tableName(tables.stock()).key(Map.of("sku", AttributeValue.fromS(sku)))
                .consistentRead(true)).item();
    }

    @Test
    void createsANewSkuWithNothingReserved() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(fixture(), FakeContext.withRemainingMillis(30_000));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).path("sku").asText()).isEqualTo("SKU-RED-1");
        assertThat(json(response).path("available").asLong()).isEqualTo(25);
        assertThat(json(response).path("reserved").asLong()).isZero();
        assertThat(stored("SKU-RED-1").get("available").n()).isEqualTo("25");
        assertThat(stored("SKU-RED-1").get("reserved").n()).isEqualTo("0");
    }

    @Test
    void resettingAvailableKeepsTheReservedUnitsInTheTable() {
        DYNAMO.client().putItem(r -> r.tableName(tables.stock()).item(Map.of(
                "sku", AttributeValue.fromS("SKU-RED-1"),
                "available", AttributeValue.fromN("2"),
                "reserved", AttributeValue.fromN("8"))));

        APIGatewayProxyResponseEvent response = handler.handleRequest(
                withSkuAndBody("SKU-RED-1", "{\"available\": 40}"), FakeContext.withRemainingMillis(30_000));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).path("available").asLong()).isEqualTo(40);
        assertThat(json(response).path("reserved").asLong()).isEqualTo(8);
        assertThat(stored("SKU-RED-1").get("reserved").n()).isEqualTo("8");
    }

    @Test
    void aRefusedRequestWritesNothing() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                withSkuAndBody("SKU-RED-1", "{\"available\": -5}"), FakeContext.withRemainingMillis(30_000));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(stored("SKU-RED-1")).isEmpty();
    }
}
