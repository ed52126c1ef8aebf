package io.github.orderevents.domain;

import io.github.orderevents.domain.testing.Orders;
import io.github.orderevents.domain.testing.SequentialIds;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link OrderStore} must do; the in-memory fake and the DynamoDB adapter both run it. */
public abstract class OrderStoreContract {

    /** A store with no orders in it. */
    protected abstract OrderStore store();

    private OrderService service() {
        return new OrderService(store(), new SequentialIds(), Clock.fixed(Orders.T0, ZoneOffset.UTC));
    }

    @Test
    void findsWhatWasCreatedWithItsFieldsIntact() {
        Order placed = service().place(Orders.validRequest("cust-1"),
                new RequestContext("corr-1", java.util.Optional.empty()));

        Order found = store().find(placed.orderId()).orElseThrow();

        assertThat(found.customerId()).isEqualTo("cust-1");
        assertThat(found.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(found.version()).isEqualTo(1);
        assertThat(found.total()).isEqualByComparingTo("44.98");
        assertThat(found.items()).hasSize(2);
        assertThat(found.items().get(0).unitPrice()).isEqualByComparingTo("19.99");
        assertThat(found.history()).singleElement()
                .satisfies(h -> assertThat(h.eventType()).isEqualTo(EventType.OrderPlaced));
        assertThat(found.correlationId()).isEqualTo("corr-1");
        assertThat(found.createdAt()).isEqualTo(Orders.T0);
    }

    @Test
    void findsNothingForUnknownId() {
        assertThat(store().find("ord-unknown")).isEmpty();
    }

    @Test
    void refusesSecondOrderWithSameId() {
        OrderService service = service();
        RequestContext keyed = new RequestContext("corr-1", java.util.Optional.of("key-1"));
        Order first = service.place(Orders.validRequest("cust-1"), keyed);

        assertThatThrownBy(() -> store().create(first, Orders.event(EventType.OrderPlaced, first.orderId(), "cust-1", 1)))
                .isInstanceOf(DuplicateOrderException.class);
        assertThat(store().find(first.orderId()).orElseThrow().history()).hasSize(1);
    }
}
