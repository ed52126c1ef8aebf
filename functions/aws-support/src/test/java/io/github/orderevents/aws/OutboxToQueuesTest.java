package io.github.orderevents.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.dynamo.DynamoOrderStore;
import io.github.orderevents.aws.dynamo.DynamoOutbox;
import io.github.orderevents.aws.dynamo.OutboxItems;
import io.github.orderevents.aws.sqs.SqsEventPublisher;
import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.EmbeddedSqs;
import io.github.orderevents.aws.testing.TestTables;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.Ids;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderService;
import io.github.orderevents.domain.RequestContext;
import io.github.orderevents.domain.outbox.GroupKey;
import io.github.orderevents.domain.outbox.OutboxRelay;
import io.github.orderevents.domain.outbox.RelayResult;
import io.github.orderevents.domain.outbox.Route;
import io.github.orderevents.domain.outbox.RoutingTable;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer path on the emulators: orders written in transactions, their outbox stream read from
 * DynamoDB Local, relayed to ElasticMQ FIFO queues; each group arrives in order, rows end PUBLISHED.
 */
class OutboxToQueuesTest {
    @RegisterExtension
    static final EmbeddedDynamo dynamoLocal = new EmbeddedDynamo();
    @RegisterExtension
    static final EmbeddedSqs elasticMq = new EmbeddedSqs();

    @Test
    void relaysStreamRecordsToFifoQueuesInOrderPerGroup() throws Exception {
        DynamoDbClient dynamo = dynamoLocal.client();
        SqsClient sqs = elasticMq.client();
        TestTables tables = TestTables.create(dynamo);
        String inventory = elasticMq.createFifoQueue("inventory-relay");
        String notifications = elasticMq.createFifoQueue("notifications-relay");
        DynamoOrderStore store = new DynamoOrderStore(dynamo, tables.orders(), tables.outbox());
        OrderService orders = new OrderService(store, Ids.random(), Clock.systemUTC());
        // 30 orders over 4 customers, and a second event (OrderConfirmed, sequence 2) for every third order.
        List<Order> placed = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            placed.add(orders.place(Orders.validRequest("cust-" + (i % 4)), new RequestContext("corr-" + i, Optional.empty())));
            if (i % 3 == 0) {
                Order order = placed.get(i);
                dynamo.putItem(r -> r.tableName(tables.outbox()).item(OutboxItems.pendingRow(
                        Orders.event(EventType.OrderConfirmed, order.orderId(), order.customerId(), 2))));
            }
        }
        RoutingTable routes = Orders.routes(inventory, notifications);
        OutboxRelay relay = new OutboxRelay(routes, new SqsEventPublisher(sqs),
                new DynamoOutbox(dynamo, tables.outbox(), Clock.systemUTC(), Duration.ofDays(7)), 20);

        List<OrderEvent> streamed = readStream(tables.outbox());
        RelayResult result = relay.relay(streamed);

        assertThat(streamed).hasSize(40);
        assertThat(result.complete()).isTrue();
        assertThat(result.published()).hasSize(40);
        List<Message> inventoryMessages = elasticMq.drain(inventory);
        List<Message> notificationMessages = elasticMq.drain(notifications);
        assertThat(inventoryMessages).hasSize(30);
        assertThat(notificationMessages).hasSize(40);
        assertInStreamOrderPerGroup(notificationMessages, streamed);
        assertInStreamOrderPerGroup(inventoryMessages, streamed);
        assertThat(dynamo.scan(r -> r.tableName(tables.outbox())).items())
                .allSatisfy(row -> assertThat(row.get("status").s()).isEqualTo("PUBLISHED"));
    }

    /** Within each message group, messages arrive in the order their events appear in the stream. */
    private static void assertInStreamOrderPerGroup(List<Message> messages, List<OrderEvent> streamed) throws Exception {
        Map<String, Integer> streamPosition = new HashMap<>();
        for (int i = 0; i < streamed.size(); i++) {
            streamPosition.put(streamed.get(i).eventId(), i);
        }
        Map<String, Integer> lastPositionOfGroup = new HashMap<>();
        for (Message message : messages) {
            JsonNode body = Json.MAPPER.readTree(message.body());
            int position = streamPosition.get(body.get("eventId").asText());
            String group = message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
            Integer previous = lastPositionOfGroup.put(group, position);
            assertThat(previous == null || previous < position)
                    .as("group %s: event at stream position %d came after %d", group, position, previous).isTrue();
        }
    }

    private static List<OrderEvent> readStream(String table) {
        DynamoDbStreamsClient streams = dynamoLocal.streams();
        String streamArn = streams.listStreams(r -> r.tableName(table)).streams().get(0).streamArn();
        List<OrderEvent> events = new ArrayList<>();
        for (var shard : streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
            String iterator = streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                var page = streams.getRecords(builder -> builder.shardIterator(current));
                for (Record record : page.records()) {
                    if (record.eventName() == OperationType.INSERT) {
                        events.add(OutboxItems.fromRow(record.dynamodb().newImage()));
                    }
                }
                iterator = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        }
        return events;
    }
}
