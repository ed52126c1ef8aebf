package io.github.orderevents.inventory;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
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
 * InventoryHandler's SnapStart hooks on DynamoDB Local and ElasticMQ: they change no table and no queue, and
 * the first batch after them is handled (an unreadable message parked in the dead-letter queue).
 */
class InventoryPrimingTest {
    @RegisterExtension
    static final EmbeddedDynamo DYNAMO = new EmbeddedDynamo();
    @RegisterExtension
    static final EmbeddedSqs SQS = new EmbeddedSqs();

    @Test
    void primingChangesNothingAndTheFirstBatchAfterTheRestoreIsHandled() throws Exception {
        TestTables tables = TestTables.create(DYNAMO.client());
        String deadLetters = SQS.createFifoQueue("inventory-dlq-priming");
        Map<String, String> variables = new HashMap<>(DYNAMO.environment());
        variables.putAll(SQS.environment());
        variables.putAll(Map.of("STOCK_TABLE", tables.stock(), "ORDERS_TABLE", tables.orders(),
                "OUTBOX_TABLE", tables.outbox(), "IDEMPOTENCY_TABLE", tables.idempotency(),
                "DEAD_LETTER_QUEUE_URL", deadLetters));
        Env env = Env.of(variables);

        InventoryHandler handler = SnapStartHooks.constructCheckpointAndRestore("inventory",
                () -> new InventoryHandler(env, new AwsClients(env)),
                () -> List.of(TableContents.of(DYNAMO.client()), QueueContents.of(SQS.client())));

        SQSMessage unreadable = new SQSMessage();
        unreadable.setMessageId("m-1");
        unreadable.setBody("not json");
        unreadable.setAttributes(Map.of("MessageGroupId", "ord-1"));
        SQSEvent batch = new SQSEvent();
        batch.setRecords(List.of(unreadable));
        assertThat(handler.handleRequest(batch, FakeContext.withRemainingMillis(10_000)).getBatchItemFailures()).isEmpty();
        assertThat(SQS.drain(deadLetters)).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("not json"));
    }
}
