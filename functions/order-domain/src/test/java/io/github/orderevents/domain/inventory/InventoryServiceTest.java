package io.github.orderevents.domain.inventory;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.Ids;
import io.github.orderevents.domain.OrderConfirmed;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.Priority;
import io.github.orderevents.domain.OrderItem;
import io.github.orderevents.domain.OrderPlaced;
import io.github.orderevents.domain.OrderRejected;
import io.github.orderevents.domain.consumer.ConsumeResult;
import io.github.orderevents.domain.consumer.InvalidMessageException;
import io.github.orderevents.domain.consumer.SequenceGapException;
import io.github.orderevents.domain.testing.Orders;
import io.github.orderevents.domain.testing.ScriptedInventoryStore;
import io.github.orderevents.domain.testing.ScriptedInventoryStore.ConfirmCall;
import io.github.orderevents.domain.testing.ScriptedInventoryStore.RejectCall;
import io.github.orderevents.domain.testing.SequentialIds;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

class InventoryServiceTest {
    private static final String ORDER = "ord-7";
    private static final String CUSTOMER = "cust-7";
    private static final Instant NOW = Instant.parse("2026-11-21T10:05:00Z");

    private final ScriptedInventoryStore store = new ScriptedInventoryStore();
    private final InventoryService service =
            new InventoryService(store, new SequentialIds(), Clock.fixed(NOW, ZoneOffset.UTC));

    private static OrderItem line(String sku, int quantity) {
        return new OrderItem(sku, quantity, new BigDecimal("1.00"));
    }

    /** OrderPlaced (sequence 1) of ORDER with these items. */
    private static OrderEvent placed(List<OrderItem> items) {
        return new OrderEvent("evt-placed-7", ORDER, CUSTOMER, 1, Orders.T0, "corr-7", Priority.STANDARD,
                new OrderPlaced(CUSTOMER, "EUR", new BigDecimal("12.00"), items));
    }

    /** The quantities of every confirm call, to show what a wrongly accepted payload reserved. */
    private List<Map<String, Integer>> reserved() {
        return store.confirmCalls().stream().map(ConfirmCall::quantities).toList();
    }

    private static OrderEvent simplePlaced() {
        return placed(List.of(line("SKU-B", 2), line("SKU-A", 1)));
    }

    // ---- confirm ----

    @Test
    void sumsQuantitiesOfLinesThatRepeatASkuAndPassesThemSortedBySku() {
        service.consume(placed(List.of(line("SKU-C", 2), line("SKU-A", 1), line("SKU-C", 3), line("SKU-B", 4),
                line("SKU-A", 5))));

        assertThat(store.confirmCalls()).hasSize(1);
        Map<String, Integer> quantities = store.confirmCalls().get(0).quantities();
        assertThat(quantities).containsExactly(entry("SKU-A", 6), entry("SKU-B", 4), entry("SKU-C", 5));
    }

    @Test
    void confirmsWithAnOrderConfirmedEventThatIsTheNextOfTheOrder() {
        OrderEvent placed = simplePlaced();

        ConsumeResult result = service.consume(placed);

        assertThat(result).isEqualTo(ConsumeResult.APPLIED);
        ConfirmCall call = store.confirmCalls().get(0);
        assertThat(call.placed()).isEqualTo(placed);
        OrderEvent confirmed = call.confirmed();
        assertThat(confirmed.eventType()).isEqualTo(EventType.OrderConfirmed);
        assertThat(confirmed.aggregateId()).isEqualTo(ORDER);
        assertThat(confirmed.customerId()).isEqualTo(CUSTOMER);
        assertThat(confirmed.sequence()).isEqualTo(2);
        assertThat(confirmed.correlationId()).isEqualTo("corr-7");
        assertThat(confirmed.occurredAt()).isEqualTo(NOW);
        assertThat(store.rejectCalls()).isEmpty();
    }

    @Test
    void theConfirmedEventOfAnExpressOrderTravelsTheExpressLane() {
        service.consume(Orders.express(simplePlaced()));

        assertThat(store.confirmCalls().get(0).confirmed().priority()).isEqualTo(Priority.EXPRESS);
    }

    @Test
    void theRejectedEventOfAnExpressOrderTravelsTheExpressLane() {
        store.confirmAnswers(new ReservationOutcome.Shortage(List.of(new StockShortage("SKU-A", 1, 0))));

        service.consume(Orders.express(simplePlaced()));

        assertThat(store.rejectCalls().get(0).rejected().priority()).isEqualTo(Priority.EXPRESS);
    }

    @Test
    void theConfirmedEventOfAStandardOrderStaysInTheStandardLane() {
        service.consume(simplePlaced());

        assertThat(store.confirmCalls().get(0).confirmed().priority()).isEqualTo(Priority.STANDARD);
    }

    @Test
    void theConfirmedEventIdIsDerivedFromOrderAndSequenceSoARetryGetsTheSameId() {
        service.consume(simplePlaced());
        InventoryService afterRestart =
                new InventoryService(store, Ids.random(), Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));
        afterRestart.consume(simplePlaced());

        String first = store.confirmCalls().get(0).confirmed().eventId();
        String retry = store.confirmCalls().get(1).confirmed().eventId();
        assertThat(first).isEqualTo(Ids.random().eventIdFor(ORDER, 2)).isEqualTo(retry);
        assertThat(first).isNotEqualTo(Ids.random().eventIdFor(ORDER, 1)).isNotEqualTo("evt-placed-7");
    }

    @Test
    void theConfirmedPayloadListsTheReservedUnitsPerSkuWithCustomerTotalAndCurrency() {
        service.consume(placed(List.of(line("SKU-B", 2), line("SKU-A", 1), line("SKU-B", 1))));

        assertThat(store.confirmCalls().get(0).confirmed().payload()).isEqualTo(
                new OrderConfirmed(CUSTOMER, new BigDecimal("12.00"), "EUR",
                        List.of(new OrderConfirmed.Reserved("SKU-A", 1), new OrderConfirmed.Reserved("SKU-B", 3))));
    }

    // ---- reject ----

    @Test
    void aShortageRejectsTheOrderWithAReasonNamingEachSku() {
        store.confirmAnswers(new ReservationOutcome.Shortage(List.of(
                new StockShortage("SKU-X", 1, null), new StockShortage("SKU-Y", 5, 2))));
        OrderEvent placed = placed(List.of(line("SKU-X", 1), line("SKU-Y", 5)));

        ConsumeResult result = service.consume(placed);

        assertThat(result).isEqualTo(ConsumeResult.APPLIED);
        assertThat(store.rejectCalls()).hasSize(1);
        RejectCall call = store.rejectCalls().get(0);
        assertThat(call.placed()).isEqualTo(placed);
        assertThat(call.reason()).isEqualTo("SKU-X: unknown SKU; SKU-Y: 2 available, 5 requested");
    }

    @Test
    void theRejectedEventIsTheNextOfTheOrderAndCarriesReasonAndShortages() {
        store.confirmAnswers(new ReservationOutcome.Shortage(List.of(
                new StockShortage("SKU-X", 1, null), new StockShortage("SKU-Y", 5, 2))));

        service.consume(placed(List.of(line("SKU-X", 1), line("SKU-Y", 5))));

        OrderEvent rejected = store.rejectCalls().get(0).rejected();
        assertThat(rejected.eventType()).isEqualTo(EventType.OrderRejected);
        assertThat(rejected.aggregateId()).isEqualTo(ORDER);
        assertThat(rejected.customerId()).isEqualTo(CUSTOMER);
        assertThat(rejected.sequence()).isEqualTo(2);
        assertThat(rejected.eventId()).isEqualTo(Ids.random().eventIdFor(ORDER, 2));
        assertThat(rejected.correlationId()).isEqualTo("corr-7");
        assertThat(rejected.payload()).isEqualTo(new OrderRejected(CUSTOMER,
                "SKU-X: unknown SKU; SKU-Y: 2 available, 5 requested",
                List.of(new StockShortage("SKU-X", 1, null), new StockShortage("SKU-Y", 5, 2))));
    }

    @Test
    void aRejectOfAnOrderThatMovedOnMeanwhileIsADuplicate() {
        store.confirmAnswers(new ReservationOutcome.Shortage(List.of(new StockShortage("SKU-A", 1, 0))))
                .rejectAnswers(new ReservationOutcome.AlreadyApplied(2));

        assertThat(service.consume(simplePlaced())).isEqualTo(ConsumeResult.DUPLICATE);
    }

    @Test
    void aStoreThatAnswersShortageToRejectIsABugNotAResult() {
        ReservationOutcome.Shortage shortage =
                new ReservationOutcome.Shortage(List.of(new StockShortage("SKU-A", 1, 0)));
        store.confirmAnswers(shortage).rejectAnswers(shortage);

        assertThatThrownBy(() -> service.consume(simplePlaced())).isInstanceOf(IllegalStateException.class);
    }

    // ---- duplicates and gaps ----

    @Test
    void anOrderAlreadyPastThisEventIsADuplicate() {
        store.confirmAnswers(new ReservationOutcome.AlreadyApplied(2));

        assertThat(service.consume(simplePlaced())).isEqualTo(ConsumeResult.DUPLICATE);
        assertThat(store.rejectCalls()).isEmpty();
    }

    @Test
    void anOrderNotYetAtThePredecessorIsASequenceGap() {
        OrderEvent third = Orders.at(simplePlaced(), 3, Orders.T0);
        store.confirmAnswers(new ReservationOutcome.OutOfSequence(1));

        assertThatThrownBy(() -> service.consume(third))
                .isInstanceOf(SequenceGapException.class)
                .hasMessageContaining(ORDER).hasMessageContaining("got 3").hasMessageContaining("last applied 1");
        assertThat(store.rejectCalls()).isEmpty();
    }

    @Test
    void aGapFoundWhenRejectingIsASequenceGapToo() {
        store.confirmAnswers(new ReservationOutcome.Shortage(List.of(new StockShortage("SKU-A", 1, 0))))
                .rejectAnswers(new ReservationOutcome.OutOfSequence(0));

        assertThatThrownBy(() -> service.consume(simplePlaced())).isInstanceOf(SequenceGapException.class);
    }

    // ---- payloads inventory cannot reserve ----
    // Payloads that are not well-formed never get here: the codec refuses them (EventCodecStrictTest).

    @Test
    void aPayloadWithAnEmptyItemListIsInvalid() {
        assertThatThrownBy(() -> service.consume(placed(List.of())))
                .isInstanceOf(InvalidMessageException.class).hasMessage("OrderPlaced payload has no items");
        assertThat(store.confirmCalls()).isEmpty();
    }

    @Test
    void aZeroQuantityIsInvalidAndNamesTheSku() {
        assertThatThrownBy(() -> service.consume(placed(List.of(line("SKU-A", 1), line("SKU-B", 0)))))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("SKU-B").hasMessageContaining("0");
        assertThat(store.confirmCalls()).isEmpty();
    }

    @Test
    void aNegativeQuantityIsInvalidNotAReturnToStock() {
        Throwable thrown = catchThrowable(() -> service.consume(placed(List.of(line("SKU-A", -3)))));

        assertThat(thrown).as("reserved instead: %s", reserved()).isInstanceOf(InvalidMessageException.class);
        assertThat(store.confirmCalls()).isEmpty();
    }

    @Test
    void anEventOtherThanOrderPlacedIsInvalidAndTouchesNoStore() {
        for (EventType type : List.of(EventType.OrderConfirmed, EventType.OrderRejected)) {
            assertThatThrownBy(() -> service.consume(Orders.event(type, ORDER, CUSTOMER, 2)))
                    .isInstanceOf(InvalidMessageException.class).hasMessageContaining(type.name());
        }
        assertThat(store.confirmCalls()).isEmpty();
        assertThat(store.rejectCalls()).isEmpty();
    }

    @Test
    void handlesOrderPlacedOnly() {
        assertThat(service.handledTypes()).containsExactly(EventType.OrderPlaced);
    }
}
