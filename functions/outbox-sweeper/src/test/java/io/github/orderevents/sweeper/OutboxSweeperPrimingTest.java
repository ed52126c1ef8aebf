package io.github.orderevents.sweeper;

import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.metrics.Metrics;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.TestRoutes;
import io.github.orderevents.aws.testing.EmbeddedSqs;
import io.github.orderevents.aws.testing.FakeContext;
import io.github.orderevents.aws.testing.QueueContents;
import io.github.orderevents.aws.testing.SnapStartHooks;
import io.github.orderevents.aws.testing.TableContents;
import io.github.orderevents.aws.testing.TestTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** OutboxSweeperHandler's SnapStart hooks on DynamoDB Local and ElasticMQ: they change nothing, and the first sweep after them runs. */
class OutboxSweeperPrimingTest {
    @RegisterExtension
    static final EmbeddedDynamo DYNAMO = new EmbeddedDynamo();
    @RegisterExtension
    static final EmbeddedSqs SQS = new EmbeddedSqs();

    @Test
    void primingChangesNothingAndTheFirstSweepAfterTheRestoreRuns() throws Exception {
        TestTables tables = TestTables.create(DYNAMO.client());
        String inventory = SQS.createFifoQueue("inventory-sweep-priming");
        String notifications = SQS.createFifoQueue("notifications-sweep-priming");
        Map<String, String> variables = new HashMap<>(DYNAMO.environment());
        variables.putAll(SQS.environment());
        variables.put("OUTBOX_TABLE", tables.outbox());
        variables.put("STACK_NAME", "orders-priming");
        variables.put("OUTBOX_ROUTES", TestRoutes.json(inventory, notifications));
        Env env = Env.of(variables);

        OutboxSweeperHandler handler = SnapStartHooks.constructCheckpointAndRestore("outbox-sweeper",
                () -> new OutboxSweeperHandler(env, new AwsClients(env), Metrics.forLambda()),
                () -> List.of(TableContents.of(DYNAMO.client()), QueueContents.of(SQS.client())));

        assertThat(handler.handleRequest(null, FakeContext.withRemainingMillis(30_000))).isNotEmpty();
    }
}
