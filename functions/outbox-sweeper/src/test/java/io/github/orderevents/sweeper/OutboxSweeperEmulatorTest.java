package io.github.orderevents.sweeper;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.Json;
import io.github.orderevents.aws.dynamo.DynamoOutbox;
import io.github.orderevents.aws.dynamo.DynamoPendingOutbox;
import io.github.orderevents.aws.dynamo.OutboxItems;
import io.github.orderevents.aws.sqs.SqsEventPublisher;
import io.github.orderevents.aws.testing.CapturedMetrics;
import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.TestRoutes;
import io.github.orderevents.aws.testing.EmbeddedSqs;
import io.github.orderevents.aws.testing.FakeContext;
import io.github.orderevents.aws.testing.TestTables;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.outbox.GroupKey;
import io.github.orderevents.domain.outbox.OutboxRelay;
import io.github.orderevents.domain.outbox.OutboxSweeper;
import io.github.orderevents.domain.outbox.Route;
import io.github.orderevents.domain.outbox.RoutingTable;
import io.github.orderevents.domain.testing.MutableClock;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweeper with its real adapters on DynamoDB Local and ElasticMQ: rows the stream relay left PENDING
 * reach the FIFO queues in order per group and end PUBLISHED; young rows are left to the relay.
 */
class OutboxSweeperEmulatorTest {
    @RegisterExtension
    static final EmbeddedDynamo DYNAMO = new EmbeddedDynamo();
    @RegisterExtension
    static final EmbeddedSqs SQS = new EmbeddedSqs();

    private static final ScheduledEvent SCHEDULE = EventLoader.loadScheduledEvent("events/scheduled-sweep.json");

    private final DynamoDbClient dynamo = DYNAMO.client();
    private final SqsClient sqs = SQS.client();
    private final CapturedMetrics metrics = new CapturedMetrics(Clock.systemUTC());
    private TestTables tables;
    private String inventory;
    private String notifications;

    @BeforeEach
    void freshTablesAndQueues() {
        tables = TestTables.create(dynamo);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        inventory = SQS.createFifoQueue("inventory-" + suffix);
        notifications = SQS.createFifoQueue("notifications-" + suffix);
    }

    /** As template.yaml routes them: OrderPlaced to both queues, the outcomes to notifications. */
    private RoutingTable routes() {
        return Orders.routes(inventory, notifications);
    }

    private static OrderEvent event(EventType type, String orderId, String customerId, long sequence, Instant at) {
        OrderEvent e = Orders.event(type, orderId, customerId, sequence);
        return new OrderEvent(e.eventId(), orderId, customerId, sequence, at, e.correlationId(), e.priority(), e.payload());
    }

    private void putPending(OrderEvent... events) {
        for (OrderEvent event : events) {
            dynamo.putItem(r -> r.tableName(tables.outbox()).item(OutboxItems.pendingRow(event)));
        }
    }

    private Map<String, AttributeValue> row(OrderEvent event) {
        return dynamo.getItem(r -> r.tableName(tables.outbox()).key(OutboxItems.key(event)).consistentRead(true)).item();
    }

    /** A message as received: its group, and the event id and sequence of its body. */
    private record Received(String groupId, String dedupId, String eventId, long sequence) {
    }

    private List<Received> drain(String queue) throws Exception {
        List<Received> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (batch.isEmpty()) {
                return all;
            }
            for (Message message : batch) {
                JsonNode body = Json.MAPPER.readTree(message.body());
                all.add(new Received(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID),
                        message.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID),
                        body.get("eventId").asText(), body.get("sequence").asLong()));
                sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(message.receiptHandle()));
            }
        }
    }

    private static List<String> eventIdsOfGroup(List<Received> messages, String groupId) {
        return messages.stream().filter(m -> m.groupId().equals(groupId)).map(Received::eventId).toList();
    }

    @Test
    void republishesRowsTheRelayLeftPendingInSequenceOrderMarksThemAndLeavesYoungRows() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant tenMinutesAgo = now.minus(Duration.ofMinutes(10));
        MutableClock clock = new MutableClock(now);
        // Two orders of one customer, each with its outcome; ord-b's outcome carries an earlier timestamp
        // than its OrderPlaced (clock skew between functions) and must still follow it.
        OrderEvent aPlaced = event(EventType.OrderPlaced, "ord-a", "cust-1", 1, tenMinutesAgo);
        OrderEvent aConfirmed = event(EventType.OrderConfirmed, "ord-a", "cust-1", 2, tenMinutesAgo.plusMillis(300));
        OrderEvent bPlaced = event(EventType.OrderPlaced, "ord-b", "cust-1", 1, tenMinutesAgo.plusMillis(200));
        OrderEvent bRejected = event(EventType.OrderRejected, "ord-b", "cust-1", 2, tenMinutesAgo.plusMillis(100));
        OrderEvent recent = event(EventType.OrderPlaced, "ord-c", "cust-2", 1, now.minus(Duration.ofMinutes(1)));
        putPending(bRejected, recent, aConfirmed, bPlaced, aPlaced);
        SweepReport report = new SweepReport("orders-it", metrics.metrics());
        OutboxSweeper sweeper = new OutboxSweeper(new DynamoPendingOutbox(dynamo, tables.outbox()),
                new OutboxRelay(routes(), new SqsEventPublisher(sqs, report.publishing()),
                        new DynamoOutbox(dynamo, tables.outbox(), clock, Duration.ofDays(7)), 20),
                clock, Duration.ofMinutes(5), 500);
        OutboxSweeperHandler handler = new OutboxSweeperHandler(sweeper, report);

        Map<String, Object> first = handler.handleRequest(SCHEDULE, FakeContext.withRemainingMillis(30_000));

        assertThat(first).containsEntry("found", 4).containsEntry("published", 4).containsEntry("complete", true);
        List<Received> inventoryMessages = drain(inventory);
        List<Received> notificationMessages = drain(notifications);
        assertThat(inventoryMessages).extracting(Received::groupId).containsExactlyInAnyOrder("ord-a", "ord-b");
        assertThat(eventIdsOfGroup(inventoryMessages, "ord-a")).containsExactly(aPlaced.eventId());
        assertThat(notificationMessages).extracting(Received::groupId).containsOnly("cust-1");
        assertThat(notificationMessages).extracting(Received::eventId)
                .containsExactlyInAnyOrder(aPlaced.eventId(), aConfirmed.eventId(), bPlaced.eventId(), bRejected.eventId())
                .containsSubsequence(aPlaced.eventId(), aConfirmed.eventId())
                .containsSubsequence(bPlaced.eventId(), bRejected.eventId());
        assertThat(notificationMessages).allSatisfy(m -> assertThat(m.dedupId()).isEqualTo(m.eventId()));
        for (OrderEvent swept : List.of(aPlaced, aConfirmed, bPlaced, bRejected)) {
            Map<String, AttributeValue> row = row(swept);
            assertThat(row.get("status").s()).as(swept.eventId()).isEqualTo(OutboxItems.STATUS_PUBLISHED);
            assertThat(row).as(swept.eventId()).doesNotContainKey(OutboxItems.PENDING_SHARD);
        }
        assertThat(row(recent).get("status").s()).isEqualTo(OutboxItems.STATUS_PENDING);
        assertThat(row(recent)).containsKey(OutboxItems.PENDING_SHARD);

        Map<String, Object> second = handler.handleRequest(SCHEDULE, FakeContext.withRemainingMillis(30_000));

        assertThat(second).containsEntry("found", 0).containsEntry("published", 0);
        assertThat(drain(inventory)).isEmpty();
        assertThat(drain(notifications)).isEmpty();
        Map<String, String> stack = Map.of("StackName", "orders-it");
        assertThat(metrics.values("StaleOutboxRows", stack)).containsExactly(4.0, 0.0);
        assertThat(metrics.values("RepublishedOutboxRows", stack)).containsExactly(4.0, 0.0);
        Map<String, String> bySweeper = Map.of("Publisher", "sweeper");
        assertThat(metrics.values("EventsPublished", bySweeper)).as("the second run published nothing: no line").containsExactly(4.0);
        // Two destinations, one message per group in a call: inventory takes ord-a and ord-b in one call, the
        // notifications of cust-1 go one per call.
        assertThat(metrics.values("BatchSize", bySweeper)).containsExactlyInAnyOrder(2.0, 1.0, 1.0, 1.0, 1.0);
        assertThat(metrics.values("PublishLatency", bySweeper)).hasSize(5).allSatisfy(ms -> assertThat(ms).isNotNegative());
    }

    @Test
    void theHandlerWiredFromTheEnvironmentReadsItsSettings() throws Exception {
        Instant now = Instant.now();
        OrderEvent sevenMinutes = event(EventType.OrderPlaced, "ord-7", "cust-7", 1, now.minus(Duration.ofMinutes(7)));
        OrderEvent sixMinutes = event(EventType.OrderPlaced, "ord-6", "cust-6", 1, now.minus(Duration.ofMinutes(6)));
        OrderEvent twoMinutes = event(EventType.OrderPlaced, "ord-2", "cust-2", 1, now.minus(Duration.ofMinutes(2)));
        putPending(twoMinutes, sixMinutes, sevenMinutes);
        Map<String, String> variables = new HashMap<>(DYNAMO.environment());
        variables.putAll(SQS.environment());
        variables.put("OUTBOX_TABLE", tables.outbox());
        variables.put("OUTBOX_ROUTES", TestRoutes.json(inventory, notifications));
        variables.put("STACK_NAME", "orders-env");
        variables.put("SWEEP_MAX_ROWS", "1");

        // SWEEP_AFTER_MINUTES defaults to 5: the 7- and 6-minute rows are due, one per run (SWEEP_MAX_ROWS).
        Map<String, Object> limited = handler(variables).handleRequest(SCHEDULE, FakeContext.withRemainingMillis(30_000));
        boolean oldestFirst = row(sevenMinutes).get("status").s().equals(OutboxItems.STATUS_PUBLISHED)
                && row(sixMinutes).get("status").s().equals(OutboxItems.STATUS_PENDING);
        variables.put("SWEEP_AFTER_MINUTES", "1");
        variables.remove("SWEEP_MAX_ROWS");
        Map<String, Object> rest = handler(variables).handleRequest(SCHEDULE, FakeContext.withRemainingMillis(30_000));

        assertThat(limited).containsEntry("found", 1).containsEntry("published", 1);
        assertThat(oldestFirst).as("the first run took the oldest row only").isTrue();
        assertThat(rest).containsEntry("found", 2).containsEntry("published", 2);
        assertThat(drain(inventory)).extracting(Received::eventId)
                .containsExactlyInAnyOrder(sevenMinutes.eventId(), sixMinutes.eventId(), twoMinutes.eventId());
        assertThat(metrics.values("StaleOutboxRows", Map.of("StackName", "orders-env"))).containsExactly(1.0, 2.0);
        assertThat(metrics.values("PublishLatency", Map.of("Publisher", "sweeper"))).isNotEmpty();
    }

    private OutboxSweeperHandler handler(Map<String, String> variables) {
        Env env = Env.of(variables);
        return new OutboxSweeperHandler(env, new AwsClients(env), metrics.metrics());
    }
}
