package io.github.orderevents.aws.dynamo;

import io.github.orderevents.aws.testing.FreshTables;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.notification.Delivery;
import io.github.orderevents.domain.notification.Notification;
import io.github.orderevents.domain.notification.NotificationSender;
import io.github.orderevents.domain.notification.NotificationSenderContract;
import io.github.orderevents.domain.testing.MutableClock;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DynamoNotifications} against DynamoDB Local: the sender's contract, and the notification row and
 * per-order checkpoint it changes in one transaction (a refused or repeated send rewrites neither).
 */
class DynamoNotificationsTest extends NotificationSenderContract {
    @RegisterExtension
    static final FreshTables DYNAMO = new FreshTables();
    private static final Instant NOW = Orders.T0.plus(Duration.ofMinutes(1));
    private final DynamoDbClient dynamo = DYNAMO.client();
    private final MutableClock clock = new MutableClock(NOW);


    @Override
    protected NotificationSender sender() {
        return new DynamoNotifications(dynamo, DYNAMO.tables().notifications(), DYNAMO.tables().checkpoints(), clock);
    }

    @Override
    protected List<String> sentTo(String customerId) {
        return rows(customerId).stream().map(item -> item.get("eventId").s()).toList();
    }

    @Test
    void firstNotificationOfAnOrderIsRecordedWithEveryFieldAndCheckpointed() {
        Notification first = new Notification("cust-1", "evt-1", EventType.OrderPlaced, "ord-1", 1,
                Instant.parse("2026-11-21T10:00:00Z"), "We received your order ord-1 (44.98 EUR).", "corr-1");

        assertThat(sender().send(first)).isEqualTo(new Delivery.Sent());

        assertThat(rows("cust-1")).singleElement().isEqualTo(Map.ofEntries(
                Map.entry("customerId", s("cust-1")),
                Map.entry("notificationId", s("2026-11-21T10:00:00.000000000Z#evt-1")),
                Map.entry("eventId", s("evt-1")),
                Map.entry("eventType", s("OrderPlaced")),
                Map.entry("orderId", s("ord-1")),
                Map.entry("sequence", n(1)),
                Map.entry("occurredAt", s("2026-11-21T10:00:00Z")),
                Map.entry("message", s("We received your order ord-1 (44.98 EUR).")),
                Map.entry("recordedAt", s(NOW.toString())),
                Map.entry("correlationId", s("corr-1"))));
        assertThat(rows("cust-1").get(0).get("notificationId").s())
                .isEqualTo(SortableTime.format(first.occurredAt()) + "#" + first.eventId());
        assertThat(checkpoint("ord-1")).hasValueSatisfying(checkpoint -> {
            assertThat(checkpoint.get("lastSequence")).isEqualTo(n(1));
            assertThat(checkpoint.get("updatedAt")).isEqualTo(s(NOW.toString()));
            assertThat(checkpoint.get("expiresAt")).isEqualTo(n(NOW.plus(Duration.ofDays(30)).getEpochSecond()));
        });
    }

    @Test
    void notificationWithoutCorrelationIdIsRecordedWithoutThatAttribute() {
        Notification first = new Notification("cust-1", "evt-1", EventType.OrderPlaced, "ord-1", 1, Orders.T0,
                "hello", null);

        assertThat(sender().send(first)).isEqualTo(new Delivery.Sent());

        assertThat(rows("cust-1")).singleElement().satisfies(row -> assertThat(row).doesNotContainKey("correlationId"));
    }

    @Test
    void eachNotificationSentMovesItsOrdersCheckpoint() {
        sender().send(about(EventType.OrderPlaced, "ord-a", 1));
        sender().send(about(EventType.OrderConfirmed, "ord-a", 2));
        sender().send(about(EventType.OrderPlaced, "ord-b", 1));

        assertThat(checkpoint("ord-a").orElseThrow().get("lastSequence")).isEqualTo(n(2));
        assertThat(checkpoint("ord-b").orElseThrow().get("lastSequence")).isEqualTo(n(1));
    }

    @Test
    void aRepeatRewritesNeitherTheRowNorTheCheckpoint() {
        Notification first = about(EventType.OrderPlaced, "ord-1", 1);
        sender().send(first);
        clock.advance(Duration.ofSeconds(30));

        sender().send(first);

        assertThat(rows("cust-1")).singleElement()
                .satisfies(row -> assertThat(row.get("recordedAt")).isEqualTo(s(NOW.toString())));
        assertThat(checkpoint("ord-1").orElseThrow().get("updatedAt")).isEqualTo(s(NOW.toString()));
    }

    @Test
    void anOutOfSequenceNotificationLeavesTheCheckpointAsItWas() {
        sender().send(about(EventType.OrderPlaced, "ord-1", 1));
        Map<String, AttributeValue> checkpointBefore = checkpoint("ord-1").orElseThrow();
        clock.advance(Duration.ofSeconds(30));

        sender().send(about(EventType.OrderConfirmed, "ord-1", 3));

        assertThat(checkpoint("ord-1")).contains(checkpointBefore);
    }

    @Test
    void anOutOfSequenceNotificationOfAnOrderNeverNotifiedCreatesNoCheckpoint() {
        sender().send(about(EventType.OrderConfirmed, "ord-1", 2));

        assertThat(checkpoint("ord-1")).isEmpty();
    }

    private static Notification about(EventType type, String orderId, long sequence) {
        return Notification.about(Orders.event(type, orderId, "cust-1", sequence));
    }

    private List<Map<String, AttributeValue>> rows(String customerId) {
        return dynamo.query(r -> r.tableName(DYNAMO.tables().notifications()).consistentRead(true)
                .keyConditionExpression("customerId = :c")
                .expressionAttributeValues(Map.of(":c", s(customerId)))).items();
    }

    private Optional<Map<String, AttributeValue>> checkpoint(String orderId) {
        var response = dynamo.getItem(r -> r.tableName(DYNAMO.tables().checkpoints()).consistentRead(true)
                .key(Map.of("checkpointId", s(DynamoNotifications.CONSUMER + "#" + orderId))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
