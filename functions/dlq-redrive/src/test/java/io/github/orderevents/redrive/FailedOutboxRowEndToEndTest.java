package io.github.orderevents.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.Json;
import io.github.orderevents.aws.dynamo.DynamoOutbox;
import io.github.orderevents.aws.dynamo.DynamoPendingOutbox;
import io.github.orderevents.aws.dynamo.OutboxItems;
import io.github.orderevents.aws.sqs.SqsEventPublisher;
import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.EmbeddedSqs;
import io.github.orderevents.aws.testing.TestTables;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.Priority;
import io.github.orderevents.domain.outbox.GroupKey;
import io.github.orderevents.domain.outbox.OutboxRelay;
import io.github.orderevents.domain.outbox.OutboxSweeper;
import io.github.orderevents.domain.outbox.RelayResult;
import io.github.orderevents.domain.outbox.Route;
import io.github.orderevents.domain.outbox.RoutingTable;
import io.github.orderevents.domain.outbox.SweepResult;
import io.github.orderevents.domain.testing.MutableClock;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A destination that refuses every publish (the route names a queue that does not exist), on DynamoDB Local and
 * ElasticMQ with the real adapters: the stream relay and the sweeper count the attempts until the row is FAILED
 * with its last error, nothing later of the order goes out before it, and once the queue exists and the tool has
 * requeued the row, the sweeper publishes the order's events exactly once, in sequence order.
 */
class FailedOutboxRowEndToEndTest {
    @RegisterExtension
    static final EmbeddedDynamo DYNAMO = new EmbeddedDynamo();
    @RegisterExtension
    static final EmbeddedSqs SQS = new EmbeddedSqs();
    private static final int MAX_ATTEMPTS = 3;

    private final DynamoDbClient dynamo = DYNAMO.client();

    @Test
    void aRowThatNoDestinationTakesEndsFailedAndIsPublishedOnceAfterTheFixAndTheRequeue() throws IOException {
        TestTables tables = TestTables.create(dynamo);
        String name = "inventory-" + UUID.randomUUID().toString().substring(0, 8);
        String queueUrl = SQS.createFifoQueue(name);
        SQS.client().deleteQueue(r -> r.queueUrl(queueUrl));
        Map<io.github.orderevents.domain.EventType, List<Route>> everyType = new EnumMap<>(EventType.class);
        Arrays.stream(EventType.values()).forEach(type -> everyType.put(type, List.of(new Route(queueUrl, GroupKey.orderId))));
        MutableClock clock = new MutableClock(Orders.T0);
        OutboxRelay relay = new OutboxRelay(new RoutingTable(Map.of(Priority.STANDARD, everyType, Priority.EXPRESS, everyType)),
                new SqsEventPublisher(SQS.client()),
                new DynamoOutbox(dynamo, tables.outbox(), clock, Duration.ofDays(7)), MAX_ATTEMPTS);
        OutboxSweeper sweeper = new OutboxSweeper(new DynamoPendingOutbox(dynamo, tables.outbox()), relay, clock,
                Duration.ofMinutes(5), 500);
        OrderEvent placed = Orders.event(EventType.OrderPlaced, "ord-1", "cust-1", 1);
        OrderEvent confirmed = Orders.at(Orders.event(EventType.OrderConfirmed, "ord-1", "cust-1", 2), 2,
                Orders.T0.plusSeconds(1));
        for (OrderEvent event : List.of(placed, confirmed)) {
            dynamo.putItem(r -> r.tableName(tables.outbox()).item(OutboxItems.pendingRow(event)));
        }

        // The stream path tries once, then the sweeper until the attempts run out.
        RelayResult streamed = relay.relay(List.of(placed, confirmed));
        clock.advance(Duration.ofMinutes(10));
        SweepResult second = sweeper.sweep();
        SweepResult third = sweeper.sweep();

        assertThat(streamed.firstUnpublished()).hasValueSatisfying(f -> assertThat(f.eventId()).isEqualTo(placed.eventId()));
        assertThat(second.nowFailed()).isEmpty();
        assertThat(third.nowFailed()).singleElement().satisfies(row -> assertThat(row.eventId()).isEqualTo(placed.eventId()));
        Map<String, AttributeValue> failedRow = row(tables, placed);
        assertThat(failedRow.get("status").s()).isEqualTo("FAILED");
        assertThat(failedRow.get(OutboxItems.ATTEMPTS).n()).isEqualTo(Integer.toString(MAX_ATTEMPTS));
        assertThat(failedRow.get(OutboxItems.LAST_ERROR).s()).containsIgnoringCase("queue").containsIgnoringCase("not exist");
        Map<String, AttributeValue> laterRow = row(tables, confirmed);
        assertThat(laterRow.get("status").s()).isEqualTo("PENDING");
        assertThat(laterRow.get(OutboxItems.ATTEMPTS).n()).as("held back, never tried").isEqualTo("0");

        SweepResult whileFailed = sweeper.sweep();

        assertThat(whileFailed.heldBack()).containsExactly(confirmed);
        assertThat(whileFailed.published()).isEmpty();

        // The fix: the queue exists. Then the operator looks and puts the row back.
        assertThat(SQS.createFifoQueue(name)).isEqualTo(queueUrl);
        DlqRedriveHandler tool = tool(tables);
        JsonNode peeked = DlqRedriveHandlerTest.invoke(tool, "{\"action\": \"peekOutbox\"}");
        assertThat(peeked.get("rows")).singleElement().satisfies(row -> {
            assertThat(row.get("eventId").asText()).isEqualTo(placed.eventId());
            assertThat(row.get("attempts").asInt()).isEqualTo(MAX_ATTEMPTS);
        });
        assertThat(DlqRedriveHandlerTest.invoke(tool, "{\"action\": \"requeueOutbox\"}").get("requeued").asInt()).isOne();

        SweepResult afterRequeue = sweeper.sweep();
        SweepResult nextRun = sweeper.sweep();

        assertThat(afterRequeue.published()).containsExactly(placed, confirmed);
        assertThat(nextRun.found()).isZero();
        List<String> received = SQS.drain(queueUrl).stream().map(FailedOutboxRowEndToEndTest::eventId).toList();
        assertThat(received).as("one message per event, in sequence order").containsExactly(placed.eventId(), confirmed.eventId());
        assertThat(row(tables, placed).get("status").s()).isEqualTo("PUBLISHED");
        assertThat(row(tables, confirmed).get("status").s()).isEqualTo("PUBLISHED");
    }

    private DlqRedriveHandler tool(TestTables tables) {
        Map<String, String> variables = new HashMap<>(DYNAMO.environment());
        variables.putAll(SQS.environment());
        variables.put("OUTBOX_TABLE", tables.outbox());
        variables.put("REDRIVE_QUEUES", """
                {"inventory": {"deadLetterQueueUrl": "https://sqs.local/inventory-dlq.fifo", "sourceQueueUrl": "https://sqs.local/inventory.fifo"}}""");
        Env env = Env.of(variables);
        return new DlqRedriveHandler(RedriveService.fromEnvironment(env, new AwsClients(env)));
    }

    private Map<String, AttributeValue> row(TestTables tables, OrderEvent event) {
        return dynamo.getItem(r -> r.tableName(tables.outbox()).key(OutboxItems.key(event)).consistentRead(true)).item();
    }

    private static String eventId(Message message) {
        try {
            return Json.MAPPER.readTree(message.body()).get("eventId").asText();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + message.body(), e);
        }
    }
}
