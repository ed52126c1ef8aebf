package io.github.orderevents.aws.dynamo;

import io.github.orderevents.domain.OrderPlaced;
import io.github.orderevents.aws.testing.FreshTables;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderService;
import io.github.orderevents.domain.OrderStore;
import io.github.orderevents.domain.OrderStoreContract;
import io.github.orderevents.domain.RequestContext;
import io.github.orderevents.domain.testing.Orders;
import io.github.orderevents.domain.testing.SequentialIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The DynamoDB adapter against DynamoDB Local: the shared contract plus the transaction's all-or-nothing. */
class DynamoOrderStoreTest extends OrderStoreContract {
    @RegisterExtension
    static final FreshTables DYNAMO = new FreshTables();
    private final DynamoDbClient dynamo = DYNAMO.client();
    private DynamoOrderStore store;

    @BeforeEach
    void adaptersOnFreshTables() {
        store = new DynamoOrderStore(dynamo, DYNAMO.tables().orders(), DYNAMO.tables().outbox());
    }

    @Override
    protected OrderStore store() {
        return store;
    }

    @Test
    void writesOrderAndPendingOutboxRowTogether() {
        Order order = service().place(Orders.validRequest("cust-1"), new RequestContext("corr-1", Optional.empty()));

        var rows = dynamo.scan(r -> r.tableName(DYNAMO.tables().outbox())).items();
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("aggregateId").s()).isEqualTo(order.orderId());
            assertThat(row.get("sequence").n()).isEqualTo("1");
            assertThat(row.get("eventType").s()).isEqualTo("OrderPlaced");
            assertThat(row.get("status").s()).isEqualTo("PENDING");
            assertThat(row.get("correlationId").s()).isEqualTo("corr-1");
            assertThat(row).containsKey(OutboxItems.PENDING_SHARD);
        });
        assertThat(OutboxItems.fromRow(rows.get(0)).payload())
                .isEqualTo(OrderPlaced.of(Orders.validRequest(order.customerId())));
    }

    @Test
    void writesNeitherRowWhenTheOutboxRowCannotBeWritten() {
        // An outbox row already holding (orderId, 1) makes the second action fail: the order must not appear.
        String orderId = "ord-clash";
        dynamo.putItem(r -> r.tableName(DYNAMO.tables().outbox())
                .item(OutboxItems.pendingRow(Orders.event(EventType.OrderPlaced, orderId, "cust-9", 1))));
        Order order = service().place(Orders.validRequest("cust-1"), new RequestContext("c", Optional.empty()));
        Order clashing = new Order(orderId, order.customerId(), order.status(), order.items(), order.currency(),
                order.total(), order.version(), order.history(), order.createdAt(), order.updatedAt(), null, "c", order.priority());

        assertThatThrownBy(() -> store.create(clashing, Orders.event(EventType.OrderPlaced, orderId, "cust-1", 1)))
                .isInstanceOf(io.github.orderevents.domain.DuplicateOrderException.class);

        assertThat(store.find(orderId)).isEmpty();
        assertThat(dynamo.scan(r -> r.tableName(DYNAMO.tables().outbox())).count()).isEqualTo(2);
    }

    @Test
    void repeatedKeyedRequestWritesOneOrderAndOneOutboxRow() {
        OrderService service = service();
        RequestContext keyed = new RequestContext("corr-1", Optional.of("key-1"));

        Order first = service.place(Orders.validRequest("cust-1"), keyed);
        Order second = service.place(Orders.validRequest("cust-1"), keyed);

        assertThat(second.orderId()).isEqualTo(first.orderId());
        assertThat(dynamo.scan(r -> r.tableName(DYNAMO.tables().orders())).count()).isEqualTo(1);
        assertThat(dynamo.scan(r -> r.tableName(DYNAMO.tables().outbox())).count()).isEqualTo(1);
    }

    private OrderService service() {
        return new OrderService(store, new SequentialIds(), Clock.fixed(Orders.T0, ZoneOffset.UTC));
    }
}
