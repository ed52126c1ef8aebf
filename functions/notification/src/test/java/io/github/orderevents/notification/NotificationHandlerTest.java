package io.github.orderevents.notification;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.dynamo.DynamoNotificationHistory;
import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.EmbeddedSqs;
import io.github.orderevents.aws.testing.FakeContext;
import io.github.orderevents.aws.testing.SqsBatches;
import io.github.orderevents.domain.testing.Race;
import io.github.orderevents.aws.testing.TestTables;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.notification.Notification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The notification function as deployed (NotificationHandler's Env/AwsClients constructor):
 * DynamoNotifications on DynamoDB Local, parking in an ElasticMQ FIFO DLQ.
 * Fixture: events/notifications-mixed-groups.json, A1 B1 A2 B2 A3 B3 (groups cust-a, cust-b).
 */
class NotificationHandlerTest {
    @RegisterExtension
    static final EmbeddedDynamo DYNAMO = new EmbeddedDynamo();
    @RegisterExtension
    static final EmbeddedSqs SQS = new EmbeddedSqs();

    private static final String ORDER_A1 = "ord-a1000000-0000-3000-8000-000000000001";
    private static final String ORDER_A2 = "ord-a2000000-0000-3000-8000-000000000002";
    private static final String ORDER_B1 = "ord-b1000000-0000-3000-8000-000000000001";
    private static final String ORDER_B2 = "ord-b2000000-0000-3000-8000-000000000002";
    private static final String MSG_A1 = "00000000-0000-0000-0000-00000000100a";
    private static final String MSG_B1 = "00000000-0000-0000-0000-00000000100b";
    private static final String MSG_A2 = "00000000-0000-0000-0000-00000000100c";
    private static final String MSG_B2 = "00000000-0000-0000-0000-00000000100d";
    private static final String MSG_A3 = "00000000-0000-0000-0000-00000000100e";

    private final DynamoDbClient client = DYNAMO.client();
    private TestTables tables;
    private Env env;
    private NotificationHandler handler;

    @BeforeEach
    void freshTablesAndHandler() {
        tables = TestTables.create(client);
        Map<String, String> variables = new HashMap<>(DYNAMO.environment());
        variables.putAll(SQS.environment());
        variables.put("NOTIFICATIONS_TABLE", tables.notifications());
        variables.put("CHECKPOINTS_TABLE", tables.checkpoints());
        variables.put("DEAD_LETTER_QUEUE_URL",
                SQS.createFifoQueue("notifications-dlq-" + UUID.randomUUID().toString().substring(0, 8)));
        env = Env.of(variables);
        handler = new NotificationHandler(env, new AwsClients(env));
    }

    private static SQSEvent fixture() {
        return EventLoader.loadSQSEvent("events/notifications-mixed-groups.json");
    }

    private static SQSEvent only(String... messageIds) {
        List<SQSMessage> all = fixture().getRecords();
        return SqsBatches.batchOf(List.of(messageIds).stream()
                .map(id -> all.stream().filter(m -> m.getMessageId().equals(id)).findFirst().orElseThrow())
                .toList());
    }

    private SQSBatchResponse handle(SQSEvent event) {
        return handler.handleRequest(event, FakeContext.withRemainingMillis(30_000));
    }


    private List<Notification> notificationsOf(String customerId) {
        return new DynamoNotificationHistory(client, tables.notifications())
                .list(customerId, 100, Optional.empty()).notifications();
    }

    private int rows(String table) {
        return client.scan(r -> r.tableName(table).consistentRead(true)).items().size();
    }

    @Test
    void recordsOneNotificationPerEventOfTheBatch() {
        SQSBatchResponse response = handle(fixture());

        assertThat(SqsBatches.failedIds(response)).isEmpty();
        assertThat(rows(tables.notifications())).isEqualTo(6);
    }

    @Test
    void eachCustomersNotificationsFollowTheirOrdersSequence() {
        handle(fixture());

        assertThat(notificationsOf("cust-a"))
                .extracting(Notification::orderId, Notification::sequence, Notification::eventType)
                .containsExactly(
                        tuple(ORDER_A1, 1L, EventType.OrderPlaced),
                        tuple(ORDER_A1, 2L, EventType.OrderConfirmed),
                        tuple(ORDER_A2, 1L, EventType.OrderPlaced));
        assertThat(notificationsOf("cust-b"))
                .extracting(Notification::orderId, Notification::sequence, Notification::eventType)
                .containsExactly(
                        tuple(ORDER_B1, 1L, EventType.OrderPlaced),
                        tuple(ORDER_B1, 2L, EventType.OrderRejected),
                        tuple(ORDER_B2, 1L, EventType.OrderPlaced));
    }

    @Test
    void theRecordedTextsNameTheOrderAndARejectionsReason() {
        handle(fixture());

        List<Notification> ofB = notificationsOf("cust-b");
        assertThat(ofB.get(0).message()).contains(ORDER_B1).contains("20.00 EUR");
        assertThat(ofB.get(1).message()).contains(ORDER_B1).contains("SKU-1: 1 available, 2 requested");
        assertThat(ofB.get(1).eventId()).isEqualTo("b2b2b2b2-0000-4000-8000-000000000002");
        assertThat(ofB.get(1).correlationId()).isEqualTo("checkout-0001");
    }

    @Test
    void theBatchRedeliveredInNewMessagesRecordsNothingTwice() {
        handle(fixture());
        SQSEvent redelivered = fixture();
        redelivered.getRecords().forEach(m -> m.setMessageId(UUID.randomUUID().toString()));

        SQSBatchResponse response = handle(redelivered);

        assertThat(SqsBatches.failedIds(response)).isEmpty();
        assertThat(rows(tables.notifications())).isEqualTo(6);
    }

    @Test
    void theSameBatchOnTwoInstancesAtOnceRecordsEachNotificationOnceAndBothAcknowledgeIt() throws Exception {
        NotificationHandler otherInstance = new NotificationHandler(env, new AwsClients(env));
        List<SQSBatchResponse> responses = Race.ofTwo(() -> handle(fixture()),
                () -> otherInstance.handleRequest(fixture(), FakeContext.withRemainingMillis(30_000)));

        assertThat(responses).allSatisfy(response -> assertThat(SqsBatches.failedIds(response)).isEmpty());
        assertThat(rows(tables.notifications())).isEqualTo(6);
    }

    @Test
    void anEventWhosePredecessorWasNotNotifiedFailsAndRecordsNothing() {
        SQSBatchResponse response = handle(only(MSG_A2));

        assertThat(SqsBatches.failedIds(response)).containsExactly(MSG_A2);
        assertThat(rows(tables.notifications())).isZero();
        assertThat(rows(tables.checkpoints())).isZero();
    }

    @Test
    void aGapFailsTheRestOfItsGroupWhileTheOtherCustomerGoesOn() {
        SQSBatchResponse response = handle(only(MSG_B1, MSG_A2, MSG_B2, MSG_A3));

        assertThat(SqsBatches.failedIds(response)).containsExactly(MSG_A2, MSG_A3);
        assertThat(notificationsOf("cust-a")).isEmpty();
        assertThat(notificationsOf("cust-b")).extracting(Notification::sequence).containsExactly(1L, 2L);
    }

    @Test
    void aMessageThatFailedOnAGapIsRecordedWhenItComesBackAfterItsPredecessor() {
        handle(only(MSG_A2));
        handle(only(MSG_A1));

        SQSBatchResponse retry = handle(only(MSG_A2));

        assertThat(SqsBatches.failedIds(retry)).isEmpty();
        assertThat(notificationsOf("cust-a")).extracting(Notification::orderId, Notification::sequence)
                .containsExactly(tuple(ORDER_A1, 1L), tuple(ORDER_A1, 2L));
    }
}
