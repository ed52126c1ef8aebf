package io.github.orderevents.getorder;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.dynamo.DynamoOrderStore;
import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.FakeContext;
import io.github.orderevents.aws.testing.SnapStartHooks;
import io.github.orderevents.aws.testing.TableContents;
import io.github.orderevents.aws.testing.TestTables;
import io.github.orderevents.domain.Ids;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderService;
import io.github.orderevents.domain.RequestContext;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** GetOrderHandler's SnapStart hooks on DynamoDB Local: they change nothing, and the first GET after them answers. */
class GetOrderPrimingTest {
    @RegisterExtension
    static final EmbeddedDynamo DYNAMO = new EmbeddedDynamo();

    @Test
    void primingChangesNothingAndTheFirstGetAfterTheRestoreFindsTheOrder() throws Exception {
        TestTables tables = TestTables.create(DYNAMO.client());
        Order stored = new OrderService(new DynamoOrderStore(DYNAMO.client(), tables.orders(), tables.outbox()),
                Ids.random(), Clock.systemUTC()).place(Orders.validRequest("cust-42"), new RequestContext("c-1", Optional.empty()));
        Map<String, String> variables = new HashMap<>(DYNAMO.environment());
        variables.put("ORDERS_TABLE", tables.orders());
        Env env = Env.of(variables);

        GetOrderHandler handler = SnapStartHooks.constructCheckpointAndRestore("get-order",
                () -> new GetOrderHandler(env, new AwsClients(env)), () -> TableContents.of(DYNAMO.client()));

        APIGatewayProxyRequestEvent get = EventLoader.loadApiGatewayRestEvent("events/get-order.json")
                .withPathParameters(Map.of("orderId", stored.orderId())).withQueryStringParameters(Map.of());
        var response = handler.handleRequest(get, FakeContext.withRemainingMillis(10_000));
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains(stored.orderId());
    }
}
