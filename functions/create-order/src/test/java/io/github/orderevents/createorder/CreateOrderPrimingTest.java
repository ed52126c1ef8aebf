package io.github.orderevents.createorder;

import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.testing.CapturedMetrics;
import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.FakeContext;
import io.github.orderevents.aws.testing.SnapStartHooks;
import io.github.orderevents.aws.testing.TableContents;
import io.github.orderevents.aws.testing.TestTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** CreateOrderHandler's SnapStart hooks on DynamoDB Local: they write nothing, and the first order after them is placed. */
class CreateOrderPrimingTest {
    @RegisterExtension
    static final EmbeddedDynamo DYNAMO = new EmbeddedDynamo();

    @Test
    void primingWritesNothingAndTheFirstRequestAfterTheRestoreIsPlaced() throws Exception {
        TestTables tables = TestTables.create(DYNAMO.client());
        Map<String, String> variables = new HashMap<>(DYNAMO.environment());
        variables.putAll(Map.of("ORDERS_TABLE", tables.orders(), "OUTBOX_TABLE", tables.outbox(),
                "IDEMPOTENCY_TABLE", tables.idempotency()));
        Env env = Env.of(variables);
        CapturedMetrics metrics = new CapturedMetrics(Clock.systemUTC());

        CreateOrderHandler handler = SnapStartHooks.constructCheckpointAndRestore("create-order",
                () -> new CreateOrderHandler(env, new AwsClients(env), metrics.metrics()),
                () -> TableContents.of(DYNAMO.client()));
        assertThat(metrics.lines()).as("metrics written by priming").isEmpty();

        assertThat(handler.handleRequest(Requests.fixture(), FakeContext.withRemainingMillis(10_000)).getStatusCode())
                .isEqualTo(201);
        assertThat(DYNAMO.client().scan(r -> r.tableName(tables.orders())).count()).isEqualTo(1);
        assertThat(metrics.values("OrdersPlaced", Map.of("Priority", "standard"))).containsExactly(1.0);
    }
}
