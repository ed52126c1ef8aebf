package io.github.orderevents.aws.dynamo;

import io.github.orderevents.aws.JsonLog;
import io.github.orderevents.domain.notification.Delivery;
import io.github.orderevents.domain.notification.Notification;
import io.github.orderevents.domain.notification.NotificationSender;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.github.orderevents.aws.dynamo.Attributes.n;
import static io.github.orderevents.aws.dynamo.Attributes.s;

/**
 * The default {@link NotificationSender}: records each notification in the notifications table (key
 * customerId + notificationId = occurredAt#eventId, so a customer's list reads in event order) and
 * writes a log line. The notification and the order's checkpoint (the last sequence notified, in the
 * checkpoints table) change in one transaction: exactly once, in order, with no read first.
 */
public final class DynamoNotifications implements NotificationSender {
    static final String CONSUMER = "notification";
    /** Longer than any message can live in SQS (14 days), so a late duplicate still meets its checkpoint. */
    static final Duration CHECKPOINT_RETENTION = Duration.ofDays(30);
    private static final JsonLog LOG = JsonLog.of(DynamoNotifications.class);

    private final DynamoDbClient dynamo;
    private final String notificationsTable;
    private final String checkpointsTable;
    private final Clock clock;

    public DynamoNotifications(DynamoDbClient dynamo, String notificationsTable, String checkpointsTable, Clock clock) {
        this.dynamo = dynamo;
        this.notificationsTable = notificationsTable;
        this.checkpointsTable = checkpointsTable;
        this.clock = clock;
    }

    @Override
    public Delivery send(Notification notification) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("customerId", s(notification.customerId()));
        item.put("notificationId", s(SortableTime.format(notification.occurredAt()) + "#" + notification.eventId()));
        item.put("eventId", s(notification.eventId()));
        item.put("eventType", s(notification.eventType().name()));
        item.put("orderId", s(notification.orderId()));
        item.put("sequence", n(notification.sequence()));
        item.put("occurredAt", s(notification.occurredAt().toString()));
        item.put("message", s(notification.message()));
        item.put("recordedAt", s(now.toString()));
        if (notification.correlationId() != null) {
            item.put("correlationId", s(notification.correlationId()));
        }
        long sequence = notification.sequence();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":seq", n(sequence));
        values.put(":now", s(now.toString()));
        values.put(":expires", n(now.plus(CHECKPOINT_RETENTION).getEpochSecond()));
        String condition;
        if (sequence == 1) {
            condition = "attribute_not_exists(checkpointId)";
        } else {
            condition = "lastSequence = :previous";
            values.put(":previous", n(sequence - 1));
        }
        List<TransactWriteItem> actions = List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(notificationsTable).item(item)
                        .conditionExpression("attribute_not_exists(notificationId)").build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName(checkpointsTable)
                        .key(Map.of("checkpointId", s(CONSUMER + "#" + notification.orderId())))
                        .updateExpression("SET lastSequence = :seq, updatedAt = :now, expiresAt = :expires")
                        .conditionExpression(condition)
                        .expressionAttributeValues(values)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build()).build());
        try {
            TransactionRetry.run(() -> dynamo.transactWriteItems(r -> r.transactItems(actions)));
        } catch (TransactionCanceledException e) {
            CancellationReason checkpoint = e.cancellationReasons().get(1);
            if (TransactionRetry.isConditionFailure(checkpoint)) {
                Map<String, AttributeValue> old = checkpoint.item();
                long last = old == null || !old.containsKey("lastSequence") ? 0 : Attributes.number(old, "lastSequence");
                return sequence <= last ? new Delivery.AlreadySent(last) : new Delivery.OutOfSequence(last);
            }
            if (TransactionRetry.isConditionFailure(e.cancellationReasons().get(0))) {
                return new Delivery.AlreadySent(sequence);
            }
            throw e;
        }
        LOG.info("notification sent", "customerId", notification.customerId(), "orderId", notification.orderId(),
                "eventId", notification.eventId(), "eventType", notification.eventType().name(),
                "correlationId", notification.correlationId());
        return new Delivery.Sent();
    }
}
