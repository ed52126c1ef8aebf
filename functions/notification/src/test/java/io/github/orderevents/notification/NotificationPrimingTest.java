package io.github.orderevents.notification;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.testing.EmbeddedDynamo;
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

/**
 * NotificationHandler's SnapStart hooks on DynamoDB Local and ElasticMQ: they change no table and no queue,
 * and the first batch after them is delivered (events/notifications-mixed-groups.json).
 */
class NotificationPrimingTest {
    @RegisterExtension
    static final EmbeddedDynamo DYNAMO = new EmbeddedDynamo();
    @RegisterExtension
    static final EmbeddedSqs SQS = new EmbeddedSqs();

    @Test
    void primingChangesNothingAndTheFirstBatchAfterTheRestoreIsDelivered() throws Exception {
        TestTables tables = TestTables.create(DYNAMO.client());
        Map<String, String> variables = new HashMap<>(DYNAMO.environment());
        variables.putAll(SQS.environment());
        variables.putAll(Map.of("NOTIFICATIONS_TABLE", tables.notifications(), "CHECKPOINTS_TABLE", tables.checkpoints(),
                "IDEMPOTENCY_TABLE", tables.idempotency(),
                "DEAD_LETTER_QUEUE_URL", SQS.createFifoQueue("notifications-dlq-priming")));
        Env env = Env.of(variables);

        NotificationHandler handler = SnapStartHooks.constructCheckpointAndRestore("notification",
                () -> new NotificationHandler(env, new AwsClients(env)),
                () -> List.of(TableContents.of(DYNAMO.client()), QueueContents.of(SQS.client())));

        var batch = EventLoader.loadSQSEvent("events/notifications-mixed-groups.json");
        assertThat(handler.handleRequest(batch, FakeContext.withRemainingMillis(10_000)).getBatchItemFailures()).isEmpty();
        assertThat(DYNAMO.client().scan(r -> r.tableName(tables.notifications())).count()).isPositive();
    }
}
