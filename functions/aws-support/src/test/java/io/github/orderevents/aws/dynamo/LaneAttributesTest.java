package io.github.orderevents.aws.dynamo;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderService;
import io.github.orderevents.domain.Priority;
import io.github.orderevents.domain.RequestContext;
import io.github.orderevents.domain.testing.InMemoryOrderStore;
import io.github.orderevents.domain.testing.Orders;
import io.github.orderevents.domain.testing.SequentialIds;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lane in the tables: outbox rows and order items keep it, and those written before lanes read as standard. */
class LaneAttributesTest {
    private static Order placed(boolean express) {
        var request = express ? Orders.expressRequest("cust-1") : Orders.validRequest("cust-1");
        return new OrderService(new InMemoryOrderStore(), new SequentialIds(), Clock.fixed(Orders.T0, ZoneOffset.UTC))
                .place(request, new RequestContext("corr-1", Optional.empty()));
    }

    @Test
    void anExpressOutboxRowReadsBackAsAnExpressEvent() {
        var express = Orders.express(Orders.event(EventType.OrderConfirmed, "ord-1", "cust-1", 2));

        Map<String, AttributeValue> row = OutboxItems.pendingRow(express);

        assertThat(row.get("priority").s()).isEqualTo("express");
        assertThat(OutboxItems.fromRow(row)).isEqualTo(express);
    }

    @Test
    void anOutboxRowWithoutPriorityIsAStandardEvent() {
        var standard = Orders.event(EventType.OrderPlaced, "ord-1", "cust-1", 1);
        Map<String, AttributeValue> row = new HashMap<>(OutboxItems.pendingRow(standard));
        row.remove("priority");

        assertThat(OutboxItems.fromRow(row)).isEqualTo(standard);
    }

    @Test
    void anOutboxRowNamingNoLaneIsUnreadable() {
        Map<String, AttributeValue> row = new HashMap<>(OutboxItems.pendingRow(Orders.event(EventType.OrderPlaced, "ord-1", "cust-1", 1)));
        row.put("priority", AttributeValue.fromS("urgent"));

        assertThatThrownBy(() -> OutboxItems.fromRow(row))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown priority 'urgent'");
    }

    @Test
    void anExpressOrderItemReadsBackAsAnExpressOrder() {
        Order order = placed(true);

        Map<String, AttributeValue> item = OrderItems.toItem(order);

        assertThat(item.get("priority").s()).isEqualTo("express");
        assertThat(OrderItems.fromItem(item)).isEqualTo(order);
    }

    @Test
    void anOrderItemWithoutPriorityIsAStandardOrder() {
        Order order = placed(false);
        Map<String, AttributeValue> item = new HashMap<>(OrderItems.toItem(order));
        item.remove("priority");

        assertThat(OrderItems.fromItem(item)).isEqualTo(order);
        assertThat(OrderItems.fromItem(item).priority()).isEqualTo(Priority.STANDARD);
    }
}
