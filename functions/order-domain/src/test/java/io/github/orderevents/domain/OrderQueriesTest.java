package io.github.orderevents.domain;

import io.github.orderevents.domain.testing.InMemoryOrderStore;
import io.github.orderevents.domain.testing.MutableClock;
import io.github.orderevents.domain.testing.Orders;
import io.github.orderevents.domain.testing.RecordingSleeper;
import io.github.orderevents.domain.testing.SequentialIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderQueriesTest {
    private final MutableClock clock = new MutableClock(Orders.T0);
    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final OrderQueries queries = new OrderQueries(store, clock, sleeper);

    private Order placePending() {
        return new OrderService(store, new SequentialIds(), clock)
                .place(Orders.validRequest("cust-1"), new RequestContext("corr-1", Optional.empty()));
    }

    private static Order withStatus(Order order, OrderStatus status) {
        return new Order(order.orderId(), order.customerId(), status, order.items(), order.currency(),
                order.total(), order.version() + 1, order.history(), order.createdAt(), order.updatedAt(),
                status == OrderStatus.REJECTED ? "out of stock" : null, order.correlationId(), order.priority());
    }

    @Test
    void getReturnsTheStoredOrder() {
        Order placed = placePending();

        assertThat(queries.get(placed.orderId())).isEqualTo(placed);
    }

    @Test
    void getOfUnknownIdThrowsOrderNotFound() {
        assertThatThrownBy(() -> queries.get("ord-unknown"))
                .isInstanceOf(OrderNotFoundException.class)
                .hasMessageContaining("ord-unknown");
    }

    @Test
    void awaitTerminalOfUnknownIdThrowsOrderNotFoundWithoutSleeping() {
        assertThatThrownBy(() -> queries.awaitTerminal("ord-unknown", Duration.ofSeconds(5)))
                .isInstanceOf(OrderNotFoundException.class);

        assertThat(sleeper.sleeps()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"CONFIRMED", "REJECTED"})
    void awaitTerminalReturnsATerminalOrderAtOnceWithoutSleeping(OrderStatus terminal) {
        Order done = withStatus(placePending(), terminal);
        store.put(done);

        Order result = queries.awaitTerminal(done.orderId(), Duration.ofSeconds(20));

        assertThat(result).isEqualTo(done);
        assertThat(sleeper.sleeps()).isEmpty();
        assertThat(clock.instant()).isEqualTo(Orders.T0);
    }

    @Test
    void awaitTerminalWithZeroWaitReturnsThePendingOrderWithoutSleeping() {
        Order pending = placePending();

        Order result = queries.awaitTerminal(pending.orderId(), Duration.ZERO);

        assertThat(result.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 50, 120, 3_000, 20_000})
    void awaitTerminalReturnsThePendingOrderWhenTheWaitExpiresHavingWaitedExactlyTheWait(long waitMillis) {
        Order pending = placePending();
        Duration wait = Duration.ofMillis(waitMillis);

        Order result = queries.awaitTerminal(pending.orderId(), wait);

        assertThat(result).isEqualTo(pending);
        assertThat(sleeper.total()).isEqualTo(wait);
        assertThat(clock.instant()).isEqualTo(Orders.T0.plus(wait));
    }

    @Test
    void awaitTerminalReturnsTheConfirmedOrderAsSoonAsAnotherPartyConfirmsIt() {
        Order pending = placePending();
        Order confirmed = withStatus(pending, OrderStatus.CONFIRMED);
        sleeper.afterSleeps(3, () -> store.put(confirmed));

        Order result = queries.awaitTerminal(pending.orderId(), Duration.ofSeconds(20));

        assertThat(result).isEqualTo(confirmed);
        assertThat(sleeper.sleeps()).hasSize(3);
        assertThat(sleeper.total()).isEqualTo(Duration.ofMillis(50 + 100 + 200));
    }

    @Test
    void awaitTerminalReturnsTheRejectedOrderAsSoonAsAnotherPartyRejectsIt() {
        Order pending = placePending();
        Order rejected = withStatus(pending, OrderStatus.REJECTED);
        sleeper.afterSleeps(1, () -> store.put(rejected));

        Order result = queries.awaitTerminal(pending.orderId(), Duration.ofSeconds(20));

        assertThat(result.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(result.rejectionReason()).isEqualTo("out of stock");
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(50));
    }

    @Test
    void backoffDoublesFrom50MillisAndIsCappedAtOneSecond() {
        Order pending = placePending();

        queries.awaitTerminal(pending.orderId(), Duration.ofSeconds(6));

        List<Duration> expected = List.of(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(450));
        assertThat(sleeper.sleeps()).isEqualTo(expected);
    }

    @Test
    void longestWaitNeverSleepsMoreThanOneSecondAtATime() {
        Order pending = placePending();

        queries.awaitTerminal(pending.orderId(), OrderQueries.MAX_WAIT);

        assertThat(sleeper.sleeps()).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(1)));
        assertThat(Collections.frequency(sleeper.sleeps(), Duration.ofSeconds(1))).isEqualTo(18);
        assertThat(sleeper.total()).isEqualTo(OrderQueries.MAX_WAIT);
    }

    @Test
    void lastSleepIsCutShortToEndAtTheDeadline() {
        Order pending = placePending();

        queries.awaitTerminal(pending.orderId(), Duration.ofMillis(120));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(50), Duration.ofMillis(70));
    }

    @Test
    void awaitTerminalAcceptsExactlyTheMaximumWait() {
        Order pending = placePending();

        Order result = queries.awaitTerminal(pending.orderId(), Duration.ofSeconds(20));

        assertThat(result.status()).isEqualTo(OrderStatus.PENDING);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, -1_000_000_000L, 20_000_000_001L, 60_000_000_000L})
    void awaitTerminalRejectsWaitsOutsideZeroToTwentySeconds(long waitNanos) {
        Order pending = placePending();

        assertThatThrownBy(() -> queries.awaitTerminal(pending.orderId(), Duration.ofNanos(waitNanos)))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(sleeper.sleeps()).isEmpty();
    }
}
