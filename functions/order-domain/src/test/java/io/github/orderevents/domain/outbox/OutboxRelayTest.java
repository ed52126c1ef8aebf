package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderService;
import io.github.orderevents.domain.Priority;
import io.github.orderevents.domain.RequestContext;
import io.github.orderevents.domain.testing.InMemoryOrderStore;
import io.github.orderevents.domain.testing.Orders;
import io.github.orderevents.domain.testing.RecordingOutbox;
import io.github.orderevents.domain.testing.RecordingPublisher;
import io.github.orderevents.domain.testing.RecordingPublisher.Call;
import io.github.orderevents.domain.testing.SequentialIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboxRelayTest {
    private static final String INVENTORY = "inventory";
    private static final String NOTIFICATIONS = "notifications";
    private static final String EXPRESS_INVENTORY = "inventory-express";
    private static final String EXPRESS_NOTIFICATIONS = "notifications-express";

    private static final RoutingTable ROUTES = Orders.routes(INVENTORY, NOTIFICATIONS);
    private static final int MAX_ATTEMPTS = 3;

    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final OrderService service = new OrderService(store, new SequentialIds(),
            Clock.fixed(Orders.T0, ZoneOffset.UTC));

    /** Places one order per customer id given, in order; returns their OrderPlaced rows (evt-1, evt-2, ...). */
    private List<OrderEvent> placeOrdersFor(List<String> customerIds) {
        for (String customerId : customerIds) {
            service.place(Orders.validRequest(customerId), new RequestContext("corr", Optional.empty()));
        }
        return store.outboxRows();
    }

    /** Places {@code n} orders of distinct customers cust-1..cust-n; their events are evt-1..evt-n. */
    private List<OrderEvent> placeOrders(int n) {
        return placeOrdersFor(IntStream.rangeClosed(1, n).mapToObj(i -> "cust-" + i).toList());
    }

    private OutboxRelay relayTo(Outbox outbox) {
        return new OutboxRelay(ROUTES, publisher, outbox, MAX_ATTEMPTS);
    }

    private static List<String> ids(List<OrderEvent> events) {
        return events.stream().map(OrderEvent::eventId).toList();
    }

    private static List<String> evts(int fromInclusive, int toInclusive) {
        return IntStream.rangeClosed(fromInclusive, toInclusive).mapToObj(i -> "evt-" + i).toList();
    }

    // ---- routing ----

    @Test
    void orderPlacedGoesToInventoryGroupedByOrderAndToNotificationsGroupedByCustomer() {
        OrderEvent placed = Orders.event(EventType.OrderPlaced, "ord-1", "cust-1", 1);

        relayTo(new RecordingOutbox()).relay(List.of(placed));

        assertThat(publisher.calls()).hasSize(2);
        assertThat(publisher.callsTo(INVENTORY)).singleElement().satisfies(call -> {
            assertThat(call.eventIds()).containsExactly(placed.eventId());
            assertThat(call.groupIds()).containsExactly("ord-1");
        });
        assertThat(publisher.callsTo(NOTIFICATIONS)).singleElement().satisfies(call -> {
            assertThat(call.eventIds()).containsExactly(placed.eventId());
            assertThat(call.groupIds()).containsExactly("cust-1");
        });
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"OrderConfirmed", "OrderRejected"})
    void outcomeEventsGoOnlyToNotificationsGroupedByCustomer(EventType type) {
        OrderEvent outcome = Orders.event(type, "ord-1", "cust-1", 2);

        relayTo(new RecordingOutbox()).relay(List.of(outcome));

        assertThat(publisher.calls()).singleElement().satisfies(call -> {
            assertThat(call.destination()).isEqualTo(NOTIFICATIONS);
            assertThat(call.eventIds()).containsExactly(outcome.eventId());
            assertThat(call.groupIds()).containsExactly("cust-1");
        });
    }

    @Test
    void mixedEventsReachEachDestinationInStreamOrderPerGroup() {
        OrderEvent placed1 = Orders.event(EventType.OrderPlaced, "ord-1", "cust-1", 1);
        OrderEvent placed2 = Orders.event(EventType.OrderPlaced, "ord-2", "cust-2", 1);
        OrderEvent confirmed1 = Orders.event(EventType.OrderConfirmed, "ord-1", "cust-1", 2);
        OrderEvent rejected2 = Orders.event(EventType.OrderRejected, "ord-2", "cust-2", 2);
        RecordingOutbox outbox = new RecordingOutbox();

        RelayResult result = relayTo(outbox).relay(List.of(placed1, placed2, confirmed1, rejected2));

        assertThat(publisher.callsTo(INVENTORY)).extracting(Call::eventIds)
                .containsExactly(List.of(placed1.eventId(), placed2.eventId()));
        assertThat(publisher.callsTo(NOTIFICATIONS)).extracting(Call::eventIds).containsExactly(
                List.of(placed1.eventId(), placed2.eventId()),
                List.of(confirmed1.eventId(), rejected2.eventId()));
        assertThat(publisher.callsTo(NOTIFICATIONS)).extracting(Call::groupIds).containsExactly(
                List.of("cust-1", "cust-2"), List.of("cust-1", "cust-2"));
        assertThat(result.complete()).isTrue();
        assertThat(outbox.marked()).containsExactly(placed1.eventId(), placed2.eventId(), confirmed1.eventId(),
                rejected2.eventId());
    }

    @Test
    void twentyFiveEventsGoInBatchesOfAtMostTenToEachDestination() {
        List<OrderEvent> events = placeOrders(25);

        RelayResult result = relayTo(store).relay(events);

        for (String destination : List.of(INVENTORY, NOTIFICATIONS)) {
            List<Call> calls = publisher.callsTo(destination);
            assertThat(calls).as(destination).extracting(c -> c.batch().size()).containsExactly(10, 10, 5);
            assertThat(calls.stream().flatMap(c -> c.eventIds().stream()).toList()).as(destination)
                    .isEqualTo(ids(events));
        }
        assertThat(publisher.calls()).allSatisfy(call -> {
            assertThat(call.batch()).hasSizeLessThanOrEqualTo(EventPublisher.MAX_BATCH);
            assertThat(call.groupIds()).doesNotHaveDuplicates();
        });
        assertThat(result.complete()).isTrue();
    }

    @Test
    void eventsOfOneCustomerReachNotificationsInOrderOnePerBatch() {
        List<OrderEvent> events = placeOrdersFor(List.of("cust-1", "cust-1", "cust-2", "cust-1"));

        relayTo(store).relay(events);

        assertThat(publisher.callsTo(NOTIFICATIONS)).extracting(Call::eventIds).containsExactly(
                List.of("evt-1", "evt-3"), List.of("evt-2"), List.of("evt-4"));
        assertThat(publisher.callsTo(INVENTORY)).extracting(Call::eventIds)
                .containsExactly(List.of("evt-1", "evt-2", "evt-3", "evt-4"));
    }

    // ---- success ----

    @Test
    void whenEveryEntryIsAcceptedTheRunIsCompleteAndEveryEventIsMarked() {
        List<OrderEvent> events = placeOrders(12);

        RelayResult result = relayTo(store).relay(events);

        assertThat(result.complete()).isTrue();
        assertThat(result.firstUnpublished()).isEmpty();
        assertThat(result.published()).isEqualTo(events);
        assertThat(events).allSatisfy(e -> assertThat(store.isPublished(e.eventId())).isTrue());
    }

    @Test
    void marksPublishedEventsInOneCallInStreamOrder() {
        List<OrderEvent> events = placeOrders(3);
        RecordingOutbox outbox = new RecordingOutbox();

        relayTo(outbox).relay(events);

        assertThat(outbox.calls()).containsExactly(List.of("evt-1", "evt-2", "evt-3"));
    }

    @Test
    void relayingNothingSendsNothingAndIsComplete() {
        RecordingOutbox outbox = new RecordingOutbox();

        RelayResult result = relayTo(outbox).relay(List.of());

        assertThat(result.complete()).isTrue();
        assertThat(result.published()).isEmpty();
        assertThat(publisher.calls()).isEmpty();
        assertThat(outbox.calls()).isEmpty();
    }

    // ---- failures ----

    @Test
    void failedEntryEndsThePublishedPrefixAndIsReportedWithThePublishersReason() {
        List<OrderEvent> events = placeOrders(10);
        publisher.failEvent(INVENTORY, "evt-4", "ThrottlingException: slow down");

        RelayResult result = relayTo(store).relay(events);

        assertThat(publisher.callsTo(INVENTORY)).singleElement()
                .satisfies(call -> assertThat(call.eventIds().get(3)).isEqualTo("evt-4"));
        assertThat(result.complete()).isFalse();
        assertThat(result.firstUnpublished())
                .contains(new SendFailure("evt-4", "ThrottlingException: slow down"));
        assertThat(ids(result.published())).containsExactly("evt-1", "evt-2", "evt-3");
        assertThat(evts(1, 3)).allSatisfy(id -> assertThat(store.isPublished(id)).as(id).isTrue());
        assertThat(evts(4, 10)).allSatisfy(id -> assertThat(store.isPublished(id)).as(id).isFalse());
    }

    // ---- failed attempts ----

    @Test
    void publishingEverythingRecordsNoFailedAttempt() {
        RecordingOutbox outbox = new RecordingOutbox();

        RelayResult result = relayTo(outbox).relay(placeOrders(12));

        assertThat(result.complete()).isTrue();
        assertThat(result.nowFailed()).isEmpty();
        assertThat(outbox.attemptCalls()).isEmpty();
        assertThat(outbox.calls()).hasSize(1);
    }

    @Test
    void everyRefusedEventCountsOneAttemptWithItsReasonAllInOneCall() {
        List<OrderEvent> events = placeOrders(10);
        publisher.failEvent(INVENTORY, "evt-4", "ThrottlingException: slow down");
        publisher.failEvent(NOTIFICATIONS, "evt-7", "KMS.DisabledException");
        RecordingOutbox outbox = new RecordingOutbox();

        relayTo(outbox).relay(events);

        assertThat(outbox.attemptCalls()).singleElement().satisfies(call -> assertThat(call)
                .extracting(attempt -> attempt.event().eventId(), FailedAttempt::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("evt-4", "ThrottlingException: slow down"),
                        org.assertj.core.groups.Tuple.tuple("evt-7", "KMS.DisabledException")));
    }

    @Test
    void anEventHeldBackBehindAFailedBatchWasNotTriedAndCountsNoAttempt() {
        List<OrderEvent> events = placeOrders(12);
        publisher.failEvent(INVENTORY, "evt-2", "boom");
        RecordingOutbox outbox = new RecordingOutbox();

        RelayResult result = relayTo(outbox).relay(events);

        assertThat(publisher.callsTo(INVENTORY)).hasSize(1);
        assertThat(result.firstUnpublished()).contains(new SendFailure("evt-2", "boom"));
        assertThat(outbox.attemptCalls()).singleElement()
                .satisfies(call -> assertThat(call).extracting(a -> a.event().eventId()).containsExactly("evt-2"));
    }

    @Test
    void theAttemptThatReachesMaxAttemptsReportsTheRowNowFailed() {
        List<OrderEvent> events = placeOrders(3);
        publisher.failEvent("evt-2", "QueueDoesNotExist");
        OutboxRelay relay = relayTo(store);

        List<RelayResult> results = IntStream.range(0, MAX_ATTEMPTS).mapToObj(i -> relay.relay(events)).toList();

        assertThat(results.subList(0, MAX_ATTEMPTS - 1)).allSatisfy(result -> assertThat(result.nowFailed()).isEmpty());
        assertThat(results.getLast().nowFailed()).singleElement().satisfies(row -> {
            assertThat(row.eventId()).isEqualTo("evt-2");
            assertThat(row.attempts()).isEqualTo(MAX_ATTEMPTS);
            assertThat(row.lastError()).isEqualTo("QueueDoesNotExist");
            assertThat(row.eventType()).isEqualTo("OrderPlaced");
        });
        assertThat(relay.relay(events).nowFailed()).as("a FAILED row is not failed again").isEmpty();
    }

    @Test
    void refusesMaxAttemptsBelowOne() {
        assertThatThrownBy(() -> new OutboxRelay(ROUTES, publisher, new RecordingOutbox(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
    }

    @Test
    void failedEntryIsFoundByItsPositionInTheFirstInventoryBatch() {
        List<OrderEvent> events = placeOrders(10);
        int firstInventoryCall = 0; // OrderPlaced lists inventory first, so its batch goes out first
        publisher.failEntry(firstInventoryCall, 3, "InternalError");

        RelayResult result = relayTo(store).relay(events);

        assertThat(publisher.calls().get(firstInventoryCall).destination()).isEqualTo(INVENTORY);
        assertThat(result.firstUnpublished()).contains(new SendFailure("evt-4", "InternalError"));
        assertThat(ids(result.published())).containsExactly("evt-1", "evt-2", "evt-3");
    }

    @Test
    void otherDestinationsAreStillSentWhenOneFails() {
        List<OrderEvent> events = placeOrders(10);
        publisher.failEvent(INVENTORY, "evt-4", "boom");

        relayTo(store).relay(events);

        assertThat(publisher.callsTo(NOTIFICATIONS)).singleElement()
                .satisfies(call -> assertThat(call.eventIds()).isEqualTo(evts(1, 10)));
    }

    @Test
    void failedBatchStopsTheLaterBatchesToThatDestinationOnly() {
        List<OrderEvent> events = placeOrders(25);
        publisher.failEvent(INVENTORY, "evt-12", "boom");

        RelayResult result = relayTo(store).relay(events);

        assertThat(publisher.callsTo(INVENTORY)).extracting(Call::eventIds)
                .containsExactly(evts(1, 10), evts(11, 20));
        assertThat(publisher.callsTo(NOTIFICATIONS)).extracting(Call::eventIds)
                .containsExactly(evts(1, 10), evts(11, 20), evts(21, 25));
        assertThat(result.firstUnpublished()).contains(new SendFailure("evt-12", "boom"));
        assertThat(ids(result.published())).isEqualTo(evts(1, 11));
        assertThat(evts(12, 25)).allSatisfy(id -> assertThat(store.isPublished(id)).as(id).isFalse());
    }

    @Test
    void eventHeldBackBehindAFailedBatchIsReportedAsNotSent() {
        // notifications by customer: [evt-1 cust-1, evt-3 cust-2], then [evt-2 cust-1]
        List<OrderEvent> events = placeOrdersFor(List.of("cust-1", "cust-1", "cust-2"));
        publisher.failEvent(NOTIFICATIONS, "evt-3", "boom");

        RelayResult result = relayTo(store).relay(events);

        assertThat(publisher.callsTo(NOTIFICATIONS)).extracting(Call::eventIds)
                .containsExactly(List.of("evt-1", "evt-3"));
        assertThat(result.firstUnpublished()).hasValueSatisfying(failure -> {
            assertThat(failure.eventId()).isEqualTo("evt-2");
            assertThat(failure.reason()).isNotEqualTo("boom").contains("not sent").contains(NOTIFICATIONS);
        });
        assertThat(ids(result.published())).containsExactly("evt-1");
        assertThat(store.isPublished("evt-1")).isTrue();
        assertThat(store.isPublished("evt-2")).isFalse();
        assertThat(store.isPublished("evt-3")).isFalse();
    }

    @Test
    void firstUnpublishedIsTheEarliestInStreamOrderWhateverTheDestination() {
        List<OrderEvent> events = placeOrders(10);
        publisher.failEvent(INVENTORY, "evt-7", "inventory down");
        publisher.failEvent(NOTIFICATIONS, "evt-3", "notifications down");

        RelayResult result = relayTo(store).relay(events);

        assertThat(result.firstUnpublished()).contains(new SendFailure("evt-3", "notifications down"));
        assertThat(ids(result.published())).containsExactly("evt-1", "evt-2");
    }

    @Test
    void wholeFirstBatchFailingPublishesAndMarksNothing() {
        List<OrderEvent> events = placeOrders(15);
        publisher.failCall(0, "AccessDenied");
        RecordingOutbox outbox = new RecordingOutbox();

        RelayResult result = relayTo(outbox).relay(events);

        assertThat(publisher.callsTo(INVENTORY)).hasSize(1);
        assertThat(result.firstUnpublished()).contains(new SendFailure("evt-1", "AccessDenied"));
        assertThat(result.published()).isEmpty();
        assertThat(outbox.calls()).isEmpty();
    }

    // ---- routing table ----

    @Test
    void routingTableGivesEachTypeItsRoutesInOrderAndListsEveryDestinationOnce() {
        assertThat(ROUTES.routesFor(Priority.STANDARD, EventType.OrderPlaced)).containsExactly(
                new Route(INVENTORY, GroupKey.orderId), new Route(NOTIFICATIONS, GroupKey.customerId));
        assertThat(ROUTES.routesFor(Priority.STANDARD, EventType.OrderRejected))
                .containsExactly(new Route(NOTIFICATIONS, GroupKey.customerId));
        assertThat(ROUTES.destinations()).containsExactlyInAnyOrder(INVENTORY, NOTIFICATIONS);
    }

    @Test
    void expressEventsTravelTheExpressLanesQueuesAndStandardEventsTheStandardOnes() {
        OutboxRelay relay = new OutboxRelay(Orders.routes(INVENTORY, NOTIFICATIONS, EXPRESS_INVENTORY, EXPRESS_NOTIFICATIONS),
                publisher, new RecordingOutbox(), MAX_ATTEMPTS);
        OrderEvent standard = Orders.event(EventType.OrderPlaced, "ord-1", "cust-1", 1);
        OrderEvent express = Orders.express(Orders.event(EventType.OrderPlaced, "ord-2", "cust-2", 1));
        OrderEvent expressConfirmed = Orders.express(Orders.event(EventType.OrderConfirmed, "ord-3", "cust-3", 2));

        relay.relay(List.of(standard, express, expressConfirmed));

        assertThat(publisher.callsTo(INVENTORY)).flatExtracting(Call::eventIds).containsExactly(standard.eventId());
        assertThat(publisher.callsTo(NOTIFICATIONS)).flatExtracting(Call::eventIds).containsExactly(standard.eventId());
        assertThat(publisher.callsTo(EXPRESS_INVENTORY)).flatExtracting(Call::eventIds).containsExactly(express.eventId());
        assertThat(publisher.callsTo(EXPRESS_NOTIFICATIONS)).flatExtracting(Call::eventIds)
                .containsExactly(express.eventId(), expressConfirmed.eventId());
    }

    @Test
    void routingTableRejectsATableWithoutALane() {
        assertThatThrownBy(() -> new RoutingTable(Map.of(Priority.STANDARD, Orders.lane(INVENTORY, NOTIFICATIONS))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lane express");
    }

    @Test
    void routingTableRejectsALaneMissingAnEventType() {
        Map<EventType, List<Route>> table = new EnumMap<>(EventType.class);
        table.put(EventType.OrderPlaced, List.of(new Route(INVENTORY, GroupKey.orderId)));
        table.put(EventType.OrderConfirmed, List.of(new Route(NOTIFICATIONS, GroupKey.customerId)));

        assertThatThrownBy(() -> new RoutingTable(inBothLanes(table)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OrderRejected")
                .hasMessageContaining("lane standard");
    }

    @Test
    void routingTableRejectsAnEventTypeWithNoDestinations() {
        Map<EventType, List<Route>> table = new EnumMap<>(EventType.class);
        table.put(EventType.OrderPlaced, List.of(new Route(INVENTORY, GroupKey.orderId)));
        table.put(EventType.OrderConfirmed, List.of());
        table.put(EventType.OrderRejected, List.of(new Route(NOTIFICATIONS, GroupKey.customerId)));

        assertThatThrownBy(() -> new RoutingTable(Map.of(Priority.STANDARD, Orders.lane(INVENTORY, NOTIFICATIONS),
                Priority.EXPRESS, table)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OrderConfirmed")
                .hasMessageContaining("lane express");
    }

    @Test
    void routingTableRejectsAnEventTypeNamingADestinationTwice() {
        Map<EventType, List<Route>> table = new EnumMap<>(EventType.class);
        table.put(EventType.OrderPlaced, List.of(new Route(INVENTORY, GroupKey.orderId),
                new Route(INVENTORY, GroupKey.customerId)));
        table.put(EventType.OrderConfirmed, List.of(new Route(NOTIFICATIONS, GroupKey.customerId)));
        table.put(EventType.OrderRejected, List.of(new Route(NOTIFICATIONS, GroupKey.customerId)));

        assertThatThrownBy(() -> new RoutingTable(inBothLanes(table)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OrderPlaced")
                .hasMessageContaining("twice");
    }

    @Test
    void routingTableIsNotChangedByLaterChangesToItsInput() {
        List<Route> placedRoutes = new ArrayList<>(List.of(new Route(INVENTORY, GroupKey.orderId)));
        Map<EventType, List<Route>> table = new EnumMap<>(EventType.class);
        table.put(EventType.OrderPlaced, placedRoutes);
        table.put(EventType.OrderConfirmed, List.of(new Route(NOTIFICATIONS, GroupKey.customerId)));
        table.put(EventType.OrderRejected, List.of(new Route(NOTIFICATIONS, GroupKey.customerId)));
        RoutingTable routes = new RoutingTable(inBothLanes(table));

        placedRoutes.add(new Route("audit", GroupKey.orderId));

        assertThat(routes.routesFor(Priority.EXPRESS, EventType.OrderPlaced)).containsExactly(new Route(INVENTORY, GroupKey.orderId));
    }

    private static Map<Priority, Map<EventType, List<Route>>> inBothLanes(Map<EventType, List<Route>> lane) {
        return Map.of(Priority.STANDARD, lane, Priority.EXPRESS, lane);
    }
}
