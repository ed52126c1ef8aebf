package io.github.orderevents.relay;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.testing.CapturedMetrics;
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

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OutboxRelayHandler's SnapStart hooks on DynamoDB Local and ElasticMQ: they change no table and send nothing,
 * and the first stream batch after them is relayed (events/outbox-stream.json), its metrics holding only its
 * own calls and events.
 */
class OutboxRelayPrimingTest {
    @RegisterExtension
    static final EmbeddedDynamo DYNAMO = new EmbeddedDynamo();
    @RegisterExtension
    static final EmbeddedSqs SQS = new EmbeddedSqs();

    @Test
    void primingChangesNothingAndTheFirstBatchAfterTheRestoreIsRelayed() throws Exception {
        TestTables tables = TestTables.create(DYNAMO.client());
        String inventory = SQS.createFifoQueue("inventory-priming");
        String notifications = SQS.createFifoQueue("notifications-priming");
        Map<String, String> variables = new HashMap<>(DYNAMO.environment());
        variables.putAll(SQS.environment());
        variables.put("OUTBOX_TABLE", tables.outbox());
        variables.put("OUTBOX_ROUTES", TestRoutes.json(inventory, notifications));
        variables.put("STACK_NAME", "orders-priming");
        Env env = Env.of(variables);

        CapturedMetrics metrics = new CapturedMetrics(Clock.systemUTC());
        OutboxRelayHandler handler = SnapStartHooks.constructCheckpointAndRestore("outbox-relay",
                () -> new OutboxRelayHandler(env, new AwsClients(env), metrics.metrics()),
                () -> List.of(TableContents.of(DYNAMO.client()), QueueContents.of(SQS.client())));

        var response = handler.handleRequest(EventLoader.loadDynamoDbEvent("events/outbox-stream.json"),
                FakeContext.withRemainingMillis(10_000));
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(SQS.drain(inventory)).isNotEmpty();
        Map<String, String> relay = Map.of("Publisher", "relay");
        assertThat(metrics.lines()).hasSize(1);
        assertThat(metrics.values("EventsPublished", relay)).containsExactly(3.0);
        // Priming's empty SendMessageBatch calls are not counted: inventory takes A's and B's OrderPlaced in one call;
        // notifications takes them in one call too, then A's OrderConfirmed (its customer's group again) in a second.
        assertThat(metrics.values("BatchSize", relay)).containsExactlyInAnyOrder(2.0, 2.0, 1.0);
    }
}
