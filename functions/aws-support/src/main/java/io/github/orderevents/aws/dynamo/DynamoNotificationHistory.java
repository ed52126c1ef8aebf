package io.github.orderevents.aws.dynamo;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.notification.Notification;
import io.github.orderevents.domain.notification.NotificationHistory;
import io.github.orderevents.domain.notification.NotificationPage;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.github.orderevents.aws.dynamo.Attributes.optionalString;
import static io.github.orderevents.aws.dynamo.Attributes.s;
import static io.github.orderevents.aws.dynamo.Attributes.string;

/**
 * {@link NotificationHistory} on the notifications table: one Query per page, in notificationId
 * (occurredAt#eventId) order, reading one item more than the page to know whether another follows. The page
 * token is the last notificationId shown, URL-safe base64.
 */
public final class DynamoNotificationHistory implements NotificationHistory {
    /** The event-id alphabet is the one the consumers accept (EventCodec). */
    private static final Pattern NOTIFICATION_ID = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z#[A-Za-z0-9_.:-]{1,128}");

    private final DynamoDbClient dynamo;
    private final String notificationsTable;

    public DynamoNotificationHistory(DynamoDbClient dynamo, String notificationsTable) {
        this.dynamo = dynamo;
        this.notificationsTable = notificationsTable;
    }

    @Override
    public NotificationPage list(String customerId, int limit, Optional<String> pageToken) {
        Optional<String> after = pageToken.map(DynamoNotificationHistory::decode);
        QueryResponse page = dynamo.query(r -> {
            r.tableName(notificationsTable)
                    .keyConditionExpression("customerId = :customer")
                    .expressionAttributeValues(Map.of(":customer", s(customerId)))
                    .scanIndexForward(true)
                    // One more than asked: tells whether a next page exists, so there is never an empty last page.
                    .limit(limit + 1);
            after.ifPresent(id -> r.exclusiveStartKey(Map.of("customerId", s(customerId), "notificationId", s(id))));
        });
        List<Map<String, AttributeValue>> items = page.items();
        boolean more = items.size() > limit;
        List<Map<String, AttributeValue>> shown = more ? items.subList(0, limit) : items;
        List<Notification> notifications = shown.stream().map(DynamoNotificationHistory::notification).toList();
        Optional<String> next = more
                ? Optional.of(encode(shown.get(shown.size() - 1).get("notificationId").s()))
                : Optional.empty();
        return new NotificationPage(notifications, next);
    }

    private static Notification notification(Map<String, AttributeValue> item) {
        return new Notification(string(item, "customerId"), string(item, "eventId"),
                EventType.valueOf(string(item, "eventType")), string(item, "orderId"),
                Attributes.number(item, "sequence"), Instant.parse(string(item, "occurredAt")),
                string(item, "message"), optionalString(item, "correlationId"));
    }

    private static String encode(String notificationId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(notificationId.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        String id;
        try {
            id = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            id = "";
        }
        if (!NOTIFICATION_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("nextToken is not a token this API handed out");
        }
        return id;
    }
}
