package io.github.orderevents.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.dynamo.DynamoOutbox;
import io.github.orderevents.aws.dynamo.DynamoPendingOutbox;
import io.github.orderevents.aws.dynamo.OutboxItems;
import io.github.orderevents.aws.testing.FreshTables;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.outbox.FailedAttempt;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** peekOutbox and requeueOutbox as deployed (the tool built from its environment) on DynamoDB Local's outbox table. */
class OutboxRepairOnDynamoTest {
    @RegisterExtension
    static final FreshTables DYNAMO = new FreshTables();

    private static final OrderEvent A1 = Orders.event(EventType.OrderPlaced, "ord-A", "cust-A", 1);
    private static final OrderEvent A2 = Orders.at(Orders.event(EventType.OrderConfirmed, "ord-A", "cust-A", 2), 2,
            Orders.T0.plusSeconds(1));
    private static final OrderEvent B1 = Orders.at(Orders.event(EventType.OrderPlaced, "ord-B", "cust-B", 1), 1,
            Orders.T0.plusSeconds(2));

    private final DynamoDbClient dynamo = DYNAMO.client();
    private DlqRedriveHandler handler;
    private DynamoPendingOutbox pending;

    @BeforeEach
    void toolAndRows() {
        Map<String, String> variables = new HashMap<>(DYNAMO.dynamo().environment());
        variables.put("OUTBOX_TABLE", DYNAMO.tables().outbox());
        variables.put("REDRIVE_QUEUES", """
                {"inventory": {"deadLetterQueueUrl": "https://sqs.local/inventory-dlq.fifo", "sourceQueueUrl": "https://sqs.local/inventory.fifo"}}""");
        Env env = Env.of(variables);
        handler = new DlqRedriveHandler(RedriveService.fromEnvironment(env, new AwsClients(env)));
        pending = new DynamoPendingOutbox(dynamo, DYNAMO.tables().outbox());
        for (OrderEvent event : List.of(A1, A2, B1)) {
            dynamo.putItem(r -> r.tableName(DYNAMO.tables().outbox()).item(OutboxItems.pendingRow(event)));
        }
        new DynamoOutbox(dynamo, DYNAMO.tables().outbox(), Clock.fixed(Orders.T0.plusSeconds(600), ZoneOffset.UTC),
                Duration.ofDays(7)).recordFailedAttempts(List.of(
                new FailedAttempt(A1, "AWS.SimpleQueueService.NonExistentQueue"),
                new FailedAttempt(A2, "KMS.DisabledException")), 1);
    }

    @Test
    void peekOutboxListsTheFailedRowsOfTheTable() throws IOException {
        JsonNode answer = DlqRedriveHandlerTest.invoke(handler, "{\"action\": \"peekOutbox\"}");

        assertThat(answer.get("examined").asInt()).isEqualTo(2);
        JsonNode first = answer.get("rows").get(0);
        assertThat(first.get("eventId").asText()).isEqualTo(A1.eventId());
        assertThat(first.get("eventType").asText()).isEqualTo("OrderPlaced");
        assertThat(first.get("aggregateId").asText()).isEqualTo("ord-A");
        assertThat(first.get("sequence").asLong()).isEqualTo(1);
        assertThat(first.get("attempts").asInt()).isEqualTo(1);
        assertThat(first.get("lastError").asText()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
        assertThat(first.get("failedAt").asText()).isEqualTo(Orders.T0.plusSeconds(600).toString());
        assertThat(answer.get("rows").get(1).get("lastError").asText()).isEqualTo("KMS.DisabledException");
    }

    @Test
    void requeueOutboxPutsTheRowsBackInThePendingIndexWithNoAttempts() throws IOException {
        JsonNode answer = DlqRedriveHandlerTest.invoke(handler, "{\"action\": \"requeueOutbox\"}");

        assertThat(answer.get("requeued").asInt()).isEqualTo(2);
        assertThat(pending.pendingSince(Orders.T0.plusSeconds(3600), 10)).containsExactly(A1, A2, B1);
        assertThat(pending.failed(10)).isEmpty();
        Map<String, AttributeValue> row = dynamo.getItem(r -> r.tableName(DYNAMO.tables().outbox())
                .key(OutboxItems.key(A1)).consistentRead(true)).item();
        assertThat(row.get("status").s()).isEqualTo("PENDING");
        assertThat(row.get(OutboxItems.ATTEMPTS).n()).isEqualTo("0");
        assertThat(row).doesNotContainKey(OutboxItems.LAST_ERROR);
    }
}
