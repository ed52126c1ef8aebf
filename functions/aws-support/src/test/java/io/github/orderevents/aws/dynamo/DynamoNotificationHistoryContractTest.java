package io.github.orderevents.aws.dynamo;

import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.TestTables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import io.github.orderevents.domain.notification.Delivery;
import io.github.orderevents.domain.notification.Notification;
import io.github.orderevents.domain.notification.NotificationHistory;
import io.github.orderevents.domain.notification.NotificationHistoryContract;
import io.github.orderevents.domain.testing.Orders;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link DynamoNotificationHistory} against DynamoDB Local, fed by {@link DynamoNotifications}, runs the contract. */
class DynamoNotificationHistoryContractTest extends NotificationHistoryContract {
    @RegisterExtension
    static final EmbeddedDynamo DYNAMO_LOCAL = new EmbeddedDynamo();
    private final DynamoDbClient dynamo = DYNAMO_LOCAL.client();
    private TestTables tables;

    @BeforeEach
    void freshTables() {
        tables = TestTables.create(dynamo);
    }

    @Override
    protected NotificationHistory history() {
        return new DynamoNotificationHistory(dynamo, tables.notifications());
    }

    @Override
    protected void record(List<Notification> notifications) {
        DynamoNotifications sender = new DynamoNotifications(dynamo, tables.notifications(), tables.checkpoints(),
                Clock.fixed(Orders.T0.plusSeconds(3600), ZoneOffset.UTC));
        for (Notification notification : notifications) {
            assertThat(sender.send(notification)).isEqualTo(new Delivery.Sent());
        }
    }
}
