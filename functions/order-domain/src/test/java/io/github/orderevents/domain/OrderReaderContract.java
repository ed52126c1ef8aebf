package io.github.orderevents.domain;

import io.github.orderevents.domain.testing.Orders;
import io.github.orderevents.domain.testing.SequentialIds;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link OrderReader} must do; the in-memory fake and the DynamoDB adapter both run it. */
public abstract class OrderReaderContract {

    /** The reader under test, over a store with no orders in it. */
    protected abstract OrderReader reader();

    /** The store the reader reads, for writing orders the way create-order does. */
    protected abstract OrderStore writer();

    private final SequentialIds ids = new SequentialIds();

    private Order placed(String customerId) {
        return new OrderService(writer(), ids, Clock.fixed(Orders.T0, ZoneOffset.UTC))
                .place(Orders.validRequest(customerId), new RequestContext("corr-" + customerId, Optional.empty()));
    }

    @Test
    void findsNothingForAnUnknownId() {
        assertThat(reader().find("ord-unknown")).isEmpty();
    }

    @Test
    void readsBackAnOrderJustWrittenEqualToWhatWasWritten() {
        Order written = placed("cust-1");

        assertThat(reader().find(written.orderId())).get()
                .usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(written);
    }

    @Test
    void findsEachOrderByItsOwnId() {
        Order first = placed("cust-1");
        Order second = placed("cust-2");

        assertThat(reader().find(first.orderId())).map(Order::customerId).contains("cust-1");
        assertThat(reader().find(second.orderId())).map(Order::customerId).contains("cust-2");
    }
}
