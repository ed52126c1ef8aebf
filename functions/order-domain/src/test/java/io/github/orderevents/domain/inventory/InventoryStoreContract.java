package io.github.orderevents.domain.inventory;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.HistoryEntry;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderService;
import io.github.orderevents.domain.OrderStatus;
import io.github.orderevents.domain.OrderStore;
import io.github.orderevents.domain.RequestContext;
import io.github.orderevents.domain.testing.Orders;
import io.github.orderevents.domain.testing.Race;
import io.github.orderevents.domain.testing.SequentialIds;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link InventoryStore} must do; the in-memory fake and the DynamoDB adapter both run it. */
public abstract class InventoryStoreContract {

    /** The port under test, over empty stock, orders and outbox. */
    protected abstract InventoryStore inventory();

    /** The orders and outbox the port changes, for placing orders the way create-order does. */
    protected abstract OrderStore orders();

    /** Sets stock the way PUT /inventory/{sku} does. */
    protected abstract StockLevels stockLevels();

    /** The SKU's stock now, empty if it was never set. */
    protected abstract Optional<StockLevel> stockOf(String sku);

    /** The event id of every outbox row, in any order. */
    protected abstract List<String> outboxEventIds();

    /** Everything stored (stock, orders, outbox rows) as a value: equal before and after a call that wrote nothing. */
    protected abstract Object storedState();

    private Order order;
    private OrderEvent placed;

    /** Places order ord-1 of SKU-1 x2 and SKU-2 x1, PENDING at version 1. */
    private void givenAPendingOrder() {
        order = new OrderService(orders(), new SequentialIds(), Clock.fixed(Orders.T0, ZoneOffset.UTC))
                .place(Orders.validRequest("cust-1"), new RequestContext("corr-1", Optional.empty()));
        placed = Orders.event(EventType.OrderPlaced, order.orderId(), "cust-1", 1);
    }

    private static Map<String, Integer> quantities(Object... skuThenUnits) {
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (int i = 0; i < skuThenUnits.length; i += 2) {
            quantities.put((String) skuThenUnits[i], (Integer) skuThenUnits[i + 1]);
        }
        return quantities;
    }

    private OrderEvent next(EventType type) {
        return Orders.event(type, order.orderId(), "cust-1", 2);
    }

    private Order current() {
        return orders().find(order.orderId()).orElseThrow();
    }

    @Test
    void confirmReservesEverySkuConfirmsTheOrderAndWritesItsOutboxRow() {
        givenAPendingOrder();
        stockLevels().setAvailable("SKU-1", 5);
        stockLevels().setAvailable("SKU-2", 1);
        OrderEvent confirmed = next(EventType.OrderConfirmed);

        ReservationOutcome outcome = inventory().confirm(placed, quantities("SKU-1", 2, "SKU-2", 1), confirmed);

        assertThat(outcome).isEqualTo(new ReservationOutcome.Applied());
        assertThat(stockOf("SKU-1")).contains(new StockLevel("SKU-1", 3, 2));
        assertThat(stockOf("SKU-2")).contains(new StockLevel("SKU-2", 0, 1));
        assertThat(current().status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(current().version()).isEqualTo(2);
        assertThat(current().history()).containsExactly(order.history().get(0), new HistoryEntry(2,
                EventType.OrderConfirmed, confirmed.eventId(), confirmed.occurredAt(), OrderStatus.CONFIRMED));
        assertThat(current().updatedAt()).isEqualTo(confirmed.occurredAt());
        assertThat(current().rejectionReason()).isNull();
        assertThat(outboxEventIds()).contains(confirmed.eventId());
    }

    @Test
    void confirmNamesEveryShortAndUnknownSkuAndWritesNothing() {
        givenAPendingOrder();
        stockLevels().setAvailable("SKU-1", 1);
        OrderEvent confirmed = next(EventType.OrderConfirmed);
        Object before = storedState();

        ReservationOutcome outcome = inventory().confirm(placed, quantities("SKU-1", 2, "SKU-2", 1), confirmed);

        assertThat(outcome).isInstanceOfSatisfying(ReservationOutcome.Shortage.class, shortage ->
                assertThat(shortage.shortages()).containsExactlyInAnyOrder(
                        new StockShortage("SKU-1", 2, 1), new StockShortage("SKU-2", 1, null)));
        assertThat(stockOf("SKU-1")).contains(new StockLevel("SKU-1", 1, 0));
        assertThat(stockOf("SKU-2")).isEmpty();
        assertThat(current().status()).isEqualTo(OrderStatus.PENDING);
        assertThat(current().version()).isEqualTo(1);
        assertThat(outboxEventIds()).doesNotContain(confirmed.eventId());
        assertThat(storedState()).isEqualTo(before);
    }

    @Test
    void confirmReservesNothingOfTheSkusInStockWhenAnotherIsShort() {
        givenAPendingOrder();
        stockLevels().setAvailable("SKU-1", 5);
        stockLevels().setAvailable("SKU-2", 0);
        Object before = storedState();

        ReservationOutcome outcome = inventory().confirm(placed, quantities("SKU-1", 2, "SKU-2", 1),
                next(EventType.OrderConfirmed));

        assertThat(outcome).isEqualTo(new ReservationOutcome.Shortage(List.of(new StockShortage("SKU-2", 1, 0))));
        assertThat(stockOf("SKU-1")).contains(new StockLevel("SKU-1", 5, 0));
        assertThat(storedState()).isEqualTo(before);
    }

    @Test
    void aRepeatedConfirmIsAlreadyAppliedAndWritesNothingEvenWhenTheStockHasRunOut() {
        givenAPendingOrder();
        stockLevels().setAvailable("SKU-1", 2);
        stockLevels().setAvailable("SKU-2", 1);
        OrderEvent confirmed = next(EventType.OrderConfirmed);
        inventory().confirm(placed, quantities("SKU-1", 2, "SKU-2", 1), confirmed);
        Object before = storedState();

        ReservationOutcome again = inventory().confirm(placed, quantities("SKU-1", 2, "SKU-2", 1), confirmed);

        assertThat(again).isEqualTo(new ReservationOutcome.AlreadyApplied(2));
        assertThat(stockOf("SKU-1")).contains(new StockLevel("SKU-1", 0, 2));
        assertThat(current().history()).hasSize(2);
        assertThat(storedState()).isEqualTo(before);
    }

    @Test
    void aRepeatedConfirmAfterTheStockRanOutIsStillAlreadyAppliedNotAShortage() {
        givenAPendingOrder();
        stockLevels().setAvailable("SKU-1", 2);
        stockLevels().setAvailable("SKU-2", 1);
        OrderEvent confirmed = next(EventType.OrderConfirmed);
        inventory().confirm(placed, quantities("SKU-1", 2, "SKU-2", 1), confirmed);

        ReservationOutcome again = inventory().confirm(placed, quantities("SKU-1", 2, "SKU-2", 1), confirmed);

        assertThat(again).isEqualTo(new ReservationOutcome.AlreadyApplied(2));
        assertThat(stockOf("SKU-1")).contains(new StockLevel("SKU-1", 0, 2));
        assertThat(outboxEventIds()).filteredOn(confirmed.eventId()::equals).hasSize(1);
    }

    @Test
    void twoIdenticalConfirmsAtTheSameMomentApplyOnceAndTheLoserIsAlreadyApplied() throws Exception {
        givenAPendingOrder();
        stockLevels().setAvailable("SKU-1", 5);
        stockLevels().setAvailable("SKU-2", 5);
        OrderEvent confirmed = next(EventType.OrderConfirmed);

        List<ReservationOutcome> outcomes = Race.ofTwo(
                () -> inventory().confirm(placed, quantities("SKU-1", 2, "SKU-2", 1), confirmed));

        assertThat(outcomes).containsExactlyInAnyOrder(
                new ReservationOutcome.Applied(), new ReservationOutcome.AlreadyApplied(2));
        assertThat(stockOf("SKU-1")).contains(new StockLevel("SKU-1", 3, 2));
        assertThat(stockOf("SKU-2")).contains(new StockLevel("SKU-2", 4, 1));
        assertThat(current().history()).hasSize(2);
        assertThat(outboxEventIds()).filteredOn(confirmed.eventId()::equals).hasSize(1);
    }

    @Test
    void anEventAheadOfTheOrdersVersionIsOutOfSequenceAndWritesNothing() {
        givenAPendingOrder();
        stockLevels().setAvailable("SKU-1", 5);
        OrderEvent ahead = Orders.event(EventType.OrderPlaced, order.orderId(), "cust-1", 2);
        OrderEvent confirmed = Orders.event(EventType.OrderConfirmed, order.orderId(), "cust-1", 3);
        Object before = storedState();

        ReservationOutcome outcome = inventory().confirm(ahead, quantities("SKU-1", 1), confirmed);

        assertThat(outcome).isEqualTo(new ReservationOutcome.OutOfSequence(1));
        assertThat(stockOf("SKU-1")).contains(new StockLevel("SKU-1", 5, 0));
        assertThat(current().status()).isEqualTo(OrderStatus.PENDING);
        assertThat(storedState()).isEqualTo(before);
    }

    @Test
    void rejectSetsTheOrderRejectedWithItsReasonTouchingNoStock() {
        givenAPendingOrder();
        stockLevels().setAvailable("SKU-1", 5);
        OrderEvent rejected = next(EventType.OrderRejected);

        ReservationOutcome outcome = inventory().reject(placed, "out of stock", rejected);

        assertThat(outcome).isEqualTo(new ReservationOutcome.Applied());
        assertThat(current().status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(current().rejectionReason()).isEqualTo("out of stock");
        assertThat(current().version()).isEqualTo(2);
        assertThat(current().history()).last().isEqualTo(new HistoryEntry(2, EventType.OrderRejected,
                rejected.eventId(), rejected.occurredAt(), OrderStatus.REJECTED));
        assertThat(stockOf("SKU-1")).contains(new StockLevel("SKU-1", 5, 0));
        assertThat(outboxEventIds()).contains(rejected.eventId());
    }

    @Test
    void aRepeatedRejectIsAlreadyAppliedAndWritesNothing() {
        givenAPendingOrder();
        OrderEvent rejected = next(EventType.OrderRejected);
        inventory().reject(placed, "out of stock", rejected);

        ReservationOutcome again = inventory().reject(placed, "out of stock", rejected);

        assertThat(again).isEqualTo(new ReservationOutcome.AlreadyApplied(2));
        assertThat(current().history()).hasSize(2);
        assertThat(outboxEventIds()).filteredOn(rejected.eventId()::equals).hasSize(1);
    }

    @Test
    void rejectAfterTheOrderWasConfirmedIsAlreadyApplied() {
        givenAPendingOrder();
        stockLevels().setAvailable("SKU-1", 5);
        stockLevels().setAvailable("SKU-2", 5);
        inventory().confirm(placed, quantities("SKU-1", 2, "SKU-2", 1), next(EventType.OrderConfirmed));
        Object before = storedState();

        ReservationOutcome outcome = inventory().reject(placed, "too late", next(EventType.OrderRejected));

        assertThat(outcome).isEqualTo(new ReservationOutcome.AlreadyApplied(2));
        assertThat(current().status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(storedState()).isEqualTo(before);
    }

    @Test
    void confirmAfterRejectIsAlreadyAppliedAndReservesNothing() {
        givenAPendingOrder();
        stockLevels().setAvailable("SKU-1", 5);
        stockLevels().setAvailable("SKU-2", 5);
        OrderEvent rejected = next(EventType.OrderRejected);
        inventory().reject(placed, "changed our mind", rejected);
        Object before = storedState();

        ReservationOutcome outcome = inventory().confirm(placed, quantities("SKU-1", 2, "SKU-2", 1),
                next(EventType.OrderConfirmed));

        assertThat(outcome).isEqualTo(new ReservationOutcome.AlreadyApplied(2));
        assertThat(stockOf("SKU-1")).contains(new StockLevel("SKU-1", 5, 0));
        assertThat(current().status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(storedState()).isEqualTo(before);
    }
}
