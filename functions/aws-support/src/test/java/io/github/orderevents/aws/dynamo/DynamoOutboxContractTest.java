package io.github.orderevents.aws.dynamo;

import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.TestTables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.outbox.Outbox;
import io.github.orderevents.domain.outbox.OutboxContract;
import io.github.orderevents.domain.testing.Orders;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** {@link DynamoOutbox} against DynamoDB Local runs the port's contract. */
class DynamoOutboxContractTest extends OutboxContract {
    @RegisterExtension
    static final EmbeddedDynamo DYNAMO_LOCAL = new EmbeddedDynamo();
    private final DynamoDbClient dynamo = DYNAMO_LOCAL.client();
    private TestTables tables;

    @BeforeEach
    void freshTables() {
        tables = TestTables.create(dynamo);
    }

    @Override
    protected Outbox outbox() {
        return new DynamoOutbox(dynamo, tables.outbox(), Clock.fixed(Orders.T0, ZoneOffset.UTC), Duration.ofDays(7));
    }

    @Override
    protected void addPending(List<OrderEvent> events) {
        events.forEach(e -> dynamo.putItem(r -> r.tableName(tables.outbox()).item(OutboxItems.pendingRow(e))));
    }

    @Override
    protected boolean isPending(OrderEvent event) {
        Map<String, AttributeValue> row = dynamo.getItem(r -> r.tableName(tables.outbox())
                .key(OutboxItems.key(event)).consistentRead(true)).item();
        return row != null && !row.isEmpty() && event.eventId().equals(row.get("eventId").s())
                && OutboxItems.STATUS_PENDING.equals(row.get("status").s());
    }
}
