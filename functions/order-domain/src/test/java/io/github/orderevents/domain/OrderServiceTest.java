package io.github.orderevents.domain;

import io.github.orderevents.domain.testing.InMemoryOrderStore;
import io.github.orderevents.domain.testing.Orders;
import io.github.orderevents.domain.testing.SequentialIds;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderServiceTest {
    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final SequentialIds ids = new SequentialIds();
    private final OrderService service = new OrderService(store, ids, Clock.fixed(Orders.T0, ZoneOffset.UTC));

    private static RequestContext noKey(String correlationId) {
        return new RequestContext(correlationId, Optional.empty());
    }

    private static RequestContext withKey(String correlationId, String key) {
        return new RequestContext(correlationId, Optional.of(key));
    }

    @Test
    void placeWritesOnePendingOrderAtVersion1WithTotalOfScale2() {
        Order order = service.place(Orders.validRequest("cust-1"), noKey("corr-1"));

        assertThat(store.orders()).containsExactly(order);
        assertThat(order.orderId()).isEqualTo("ord-1");
        assertThat(order.customerId()).isEqualTo("cust-1");
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.version()).isEqualTo(1);
        assertThat(order.currency()).isEqualTo("EUR");
        assertThat(order.total()).isEqualTo(new BigDecimal("44.98"));
        assertThat(order.total().scale()).isEqualTo(2);
        assertThat(order.items()).isEqualTo(Orders.validRequest("cust-1").items());
        assertThat(order.createdAt()).isEqualTo(Orders.T0);
        assertThat(order.updatedAt()).isEqualTo(Orders.T0);
        assertThat(order.rejectionReason()).isNull();
        assertThat(order.correlationId()).isEqualTo("corr-1");
    }

    @Test
    void placeWritesExactlyOneOrderPlacedOutboxRowForTheOrder() {
        Order order = service.place(Orders.validRequest("cust-1"), noKey("corr-1"));

        assertThat(store.outboxRows()).singleElement().satisfies(event -> {
            assertThat(event.eventId()).isEqualTo("evt-1");
            assertThat(event.eventType()).isEqualTo(EventType.OrderPlaced);
            assertThat(event.aggregateId()).isEqualTo(order.orderId());
            assertThat(event.customerId()).isEqualTo("cust-1");
            assertThat(event.sequence()).isEqualTo(1);
            assertThat(event.occurredAt()).isEqualTo(Orders.T0);
            assertThat(event.correlationId()).isEqualTo("corr-1");
        });
    }

    @Test
    void anExpressOrderAndItsPlacedEventAreInTheExpressLane() {
        Order order = service.place(Orders.expressRequest("cust-1"), noKey("corr-1"));

        assertThat(order.priority()).isEqualTo(Priority.EXPRESS);
        assertThat(store.outboxRows()).singleElement()
                .satisfies(event -> assertThat(event.priority()).isEqualTo(Priority.EXPRESS));
    }

    @Test
    void aStandardOrderAndItsPlacedEventAreInTheStandardLane() {
        Order order = service.place(Orders.validRequest("cust-1"), noKey("corr-1"));

        assertThat(order.priority()).isEqualTo(Priority.STANDARD);
        assertThat(store.outboxRows()).singleElement()
                .satisfies(event -> assertThat(event.priority()).isEqualTo(Priority.STANDARD));
    }

    @Test
    void placedEventCarriesCustomerCurrencyTotalAndTheRequestedItems() {
        PlaceOrder request = Orders.validRequest("cust-1");
        service.place(request, noKey("corr-1"));

        assertThat(store.outboxRows().get(0).payload()).isEqualTo(
                new OrderPlaced("cust-1", "EUR", new BigDecimal("44.98"), request.items()));
    }

    @Test
    void orderHistoryStartsWithThePlacedEvent() {
        Order order = service.place(Orders.validRequest("cust-1"), noKey("corr-1"));

        OrderEvent placed = store.outboxRows().get(0);
        assertThat(order.history()).containsExactly(new HistoryEntry(1, EventType.OrderPlaced, placed.eventId(),
                Orders.T0, OrderStatus.PENDING));
    }

    @Test
    void padsTotalAndPricesToTwoDecimalsWhenTheRequestUsesFewerOrMore() {
        PlaceOrder request = new PlaceOrder("cust-1",
                List.of(new OrderItem("SKU-1", 2, new BigDecimal("1.5")),
                        new OrderItem("SKU-2", 1, new BigDecimal("3.500")),
                        new OrderItem("SKU-3", 1, new BigDecimal("7"))), "EUR", Priority.STANDARD);

        Order order = service.place(request, noKey("corr-1"));

        assertThat(order.total()).isEqualTo(new BigDecimal("13.50"));
        assertThat(store.outboxRows().get(0).payload()).isEqualTo(new OrderPlaced("cust-1", "EUR",
                new BigDecimal("13.50"), List.of(new OrderItem("SKU-1", 2, new BigDecimal("1.50")),
                        new OrderItem("SKU-2", 1, new BigDecimal("3.50")),
                        new OrderItem("SKU-3", 1, new BigDecimal("7.00")))));
    }

    @Test
    void invalidRequestIsRejectedAndWritesNothing() {
        PlaceOrder invalid = new PlaceOrder("cust-1", List.of(new OrderItem("SKU-1", 0, BigDecimal.ONE)), "EUR", Priority.STANDARD);

        assertThatThrownBy(() -> service.place(invalid, withKey("corr-1", "key-1")))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("items[0].quantity"));

        assertThat(store.orders()).isEmpty();
        assertThat(store.outboxRows()).isEmpty();
    }

    @Test
    void withoutIdempotencyKeyEachPlacementGetsAFreshOrderId() {
        Order first = service.place(Orders.validRequest("cust-1"), noKey("corr-1"));
        Order second = service.place(Orders.validRequest("cust-1"), noKey("corr-2"));

        assertThat(first.orderId()).isEqualTo("ord-1");
        assertThat(second.orderId()).isEqualTo("ord-2");
        assertThat(store.orders()).hasSize(2);
        assertThat(store.outboxRows()).extracting(OrderEvent::aggregateId).containsExactly("ord-1", "ord-2");
    }

    @Test
    void withIdempotencyKeyTheOrderIdDerivesFromCustomerAndKey() {
        Order order = service.place(Orders.validRequest("cust-1"), withKey("corr-1", "key-1"));

        assertThat(order.orderId()).isEqualTo(ids.orderIdFor("cust-1", "key-1"))
                .startsWith("ord-")
                .isNotEqualTo("ord-1");
    }

    @Test
    void sameCustomerAndKeyGiveTheSameOrderIdInIndependentServices() {
        OrderService other = new OrderService(new InMemoryOrderStore(), new SequentialIds(),
                Clock.fixed(Orders.T0.plusSeconds(60), ZoneOffset.UTC));

        Order here = service.place(Orders.validRequest("cust-1"), withKey("corr-1", "key-1"));
        Order there = other.place(Orders.validRequest("cust-1"), withKey("corr-2", "key-1"));

        assertThat(there.orderId()).isEqualTo(here.orderId());
    }

    @Test
    void otherCustomerWithTheSameKeyGetsAnotherOrder() {
        Order first = service.place(Orders.validRequest("cust-1"), withKey("corr-1", "key-1"));
        Order second = service.place(Orders.validRequest("cust-2"), withKey("corr-2", "key-1"));

        assertThat(second.orderId()).isNotEqualTo(first.orderId());
        assertThat(second.customerId()).isEqualTo("cust-2");
        assertThat(store.orders()).hasSize(2);
        assertThat(store.outboxRows()).hasSize(2);
    }

    @Test
    void sameCustomerWithAnotherKeyGetsAnotherOrderId() {
        Order first = service.place(Orders.validRequest("cust-1"), withKey("corr-1", "key-1"));
        Order second = service.place(Orders.validRequest("cust-1"), withKey("corr-2", "key-2"));

        assertThat(second.orderId()).isNotEqualTo(first.orderId());
    }

    @Test
    void repeatingTheSameRequestWithTheSameKeyReturnsTheFirstOrderAndWritesNothingMore() {
        Order first = service.place(Orders.validRequest("cust-1"), withKey("corr-1", "key-1"));

        Order again = service.place(Orders.validRequest("cust-1"), withKey("corr-2", "key-1"));

        assertThat(again).isEqualTo(first);
        assertThat(again.correlationId()).isEqualTo("corr-1");
        assertThat(store.orders()).containsExactly(first);
        assertThat(store.outboxRows()).singleElement()
                .satisfies(e -> assertThat(e.correlationId()).isEqualTo("corr-1"));
    }

    @Test
    void repeatWhosePricesDifferOnlyInTrailingZerosCountsAsTheSameRequest() {
        Order first = service.place(Orders.validRequest("cust-1"), withKey("corr-1", "key-1"));
        PlaceOrder samePricesOtherScale = new PlaceOrder("cust-1",
                List.of(new OrderItem("SKU-1", 2, new BigDecimal("19.990")),
                        new OrderItem("SKU-2", 1, new BigDecimal("5"))), "EUR", Priority.STANDARD);

        Order again = service.place(samePricesOtherScale, withKey("corr-2", "key-1"));

        assertThat(again).isEqualTo(first);
        assertThat(store.outboxRows()).hasSize(1);
    }

    @Test
    void sameKeyWithADifferentRequestIsAConflictAndWritesNothingMore() {
        Order first = service.place(Orders.validRequest("cust-1"), withKey("corr-1", "key-1"));
        PlaceOrder different = new PlaceOrder("cust-1",
                List.of(new OrderItem("SKU-1", 3, new BigDecimal("19.99"))), "EUR", Priority.STANDARD);

        assertThatThrownBy(() -> service.place(different, withKey("corr-2", "key-1")))
                .isInstanceOf(IdempotencyConflictException.class);

        assertThat(store.orders()).containsExactly(first);
        assertThat(store.outboxRows()).hasSize(1);
    }

    @Test
    void sameKeyWithAnotherCurrencyIsAConflict() {
        service.place(Orders.validRequest("cust-1"), withKey("corr-1", "key-1"));
        PlaceOrder inDollars = new PlaceOrder("cust-1", Orders.validRequest("cust-1").items(), "USD", Priority.STANDARD);

        assertThatThrownBy(() -> service.place(inDollars, withKey("corr-2", "key-1")))
                .isInstanceOf(IdempotencyConflictException.class);

        assertThat(store.orders()).singleElement().satisfies(o -> assertThat(o.currency()).isEqualTo("EUR"));
    }

    @Test
    void sameKeyWithAnotherPriorityIsAConflict() {
        service.place(Orders.validRequest("cust-1"), withKey("corr-1", "key-1"));

        assertThatThrownBy(() -> service.place(Orders.expressRequest("cust-1"), withKey("corr-2", "key-1")))
                .isInstanceOf(IdempotencyConflictException.class);

        assertThat(store.orders()).singleElement().satisfies(o -> assertThat(o.priority()).isEqualTo(Priority.STANDARD));
        assertThat(store.outboxRows()).hasSize(1);
    }

    @Test
    void placedEventGivesPricesWithTwoDecimalsEqualInValueToTheRequest() {
        PlaceOrder request = new PlaceOrder("cust-1",
                List.of(new OrderItem("SKU-1", 2, new BigDecimal("1.5")),
                        new OrderItem("SKU-2", 1000, new BigDecimal("0"))), "EUR", Priority.STANDARD);
        service.place(request, noKey("corr-1"));

        List<OrderItem> items = ((OrderPlaced) store.outboxRows().get(0).payload()).items();

        assertThat(items).extracting(OrderItem::sku).containsExactly("SKU-1", "SKU-2");
        assertThat(items).extracting(OrderItem::quantity).containsExactly(2, 1000);
        assertThat(items).extracting(OrderItem::unitPrice)
                .containsExactly(new BigDecimal("1.50"), new BigDecimal("0.00"));
    }

    @Test
    void anAmountWithAFractionOfACentCannotBeAnEvent() {
        assertThatThrownBy(() -> new OrderPlaced("cust-1", "EUR", new BigDecimal("1.005"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("total");
    }
}
