package io.github.orderevents.aws.dynamo;

import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.TestTables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import io.github.orderevents.domain.notification.NotificationSender;
import io.github.orderevents.domain.notification.NotificationSenderContract;
import io.github.orderevents.domain.testing.Orders;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** {@link DynamoNotifications} against DynamoDB Local runs the sender's contract. */
class DynamoNotificationsContractTest extends NotificationSenderContract {
    @RegisterExtension
    static final EmbeddedDynamo DYNAMO_LOCAL = new EmbeddedDynamo();
    private final DynamoDbClient dynamo = DYNAMO_LOCAL.client();
    private TestTables tables;

    @BeforeEach
    void freshTables() {
        tables = TestTables.create(dynamo);
    }

    @Override
    protected NotificationSender sender() {
        return new DynamoNotifications(dynamo, tables.notifications(), tables.checkpoints(),
                Clock.fixed(Orders.T0.plusSeconds(60), ZoneOffset.UTC));
    }

    @Override
    protected List<String> sentTo(String customerId) {
        return dynamo.query(r -> r.tableName(tables.notifications()).consistentRead(true)
                        .keyConditionExpression("customerId = :c")
                        .expressionAttributeValues(Map.of(":c", Attributes.s(customerId))))
                .items().stream().map(item -> item.get("eventId").s()).toList();
    }
}
