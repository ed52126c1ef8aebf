package io.github.orderevents.aws.dynamo;

import io.github.orderevents.aws.testing.FreshTables;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.notification.Delivery;
import io.github.orderevents.domain.notification.Notification;
import io.github.orderevents.domain.notification.NotificationHistory;
import io.github.orderevents.domain.notification.NotificationHistoryContract;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link DynamoNotificationHistory} against DynamoDB Local, fed by {@link DynamoNotifications}: the port's
 * contract, and a page token that is opaque and refuses whatever it did not hand out.
 */
class DynamoNotificationHistoryTest extends NotificationHistoryContract {
    @RegisterExtension
    static final FreshTables DYNAMO = new FreshTables();
    private final DynamoDbClient dynamo = DYNAMO.client();


    @Override
    protected NotificationHistory history() {
        return new DynamoNotificationHistory(dynamo, DYNAMO.tables().notifications());
    }

    @Override
    protected void record(List<Notification> notifications) {
        DynamoNotifications sender = new DynamoNotifications(dynamo, DYNAMO.tables().notifications(), DYNAMO.tables().checkpoints(),
                Clock.fixed(Orders.T0.plus(Duration.ofHours(1)), ZoneOffset.UTC));
        for (Notification notification : notifications) {
            assertThat(sender.send(notification)).isEqualTo(new Delivery.Sent());
        }
    }

    @Test
    void pageTokenIsOpaqueAndNotTheRawKey() {
        recordTwoOfOneOrder();

        String token = history().list("cust-1", 1, Optional.empty()).nextToken().orElseThrow();

        assertThat(token).doesNotContain("#").matches("[A-Za-z0-9_-]+");
        assertThat(history().list("cust-1", 1, Optional.of(token)).notifications())
                .extracting(Notification::sequence).containsExactly(2L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage!", "%%%", "aGVsbG8", "a+b/c==", "", "bm90LWEtdG9rZW4jZXZ0LTE"})
    void garbageTokenIsRejected(String token) {
        recordTwoOfOneOrder();

        assertThatThrownBy(() -> history().list("cust-1", 10, Optional.of(token)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tamperedTokenIsRejected() {
        recordTwoOfOneOrder();
        String token = history().list("cust-1", 1, Optional.empty()).nextToken().orElseThrow();
        String id = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        // Same shape of token, but the id now carries characters no notificationId has.
        String tampered = Base64.getUrlEncoder().withoutPadding()
                .encodeToString((id + "' OR customerId <> '").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> history().list("cust-1", 1, Optional.of(tampered)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> history().list("cust-1", 1, Optional.of(new StringBuilder(token).reverse().toString())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void recordTwoOfOneOrder() {
        record(List.of(Notification.about(Orders.event(EventType.OrderPlaced, "ord-1", "cust-1", 1)),
                Notification.about(Orders.event(EventType.OrderConfirmed, "ord-1", "cust-1", 2))));
    }
}
