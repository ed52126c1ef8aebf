package io.github.orderevents.sweeper;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.orderevents.aws.testing.CapturedMetrics;
import io.github.orderevents.aws.testing.CapturedMetrics.Datum;
import io.github.orderevents.aws.testing.FakeContext;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.outbox.GroupKey;
import io.github.orderevents.domain.outbox.OutboxRelay;
import io.github.orderevents.domain.outbox.OutboxSweeper;
import io.github.orderevents.domain.outbox.Route;
import io.github.orderevents.domain.outbox.RoutingTable;
import io.github.orderevents.domain.testing.InMemoryPendingOutbox;
import io.github.orderevents.domain.testing.MutableClock;
import io.github.orderevents.domain.testing.Orders;
import io.github.orderevents.domain.testing.RecordingPublisher;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxSweeperHandlerTest {
    private static final String INVENTORY = "inventory";
    private static final String NOTIFICATIONS = "notifications";
    private static final RoutingTable ROUTES = Orders.routes(INVENTORY, NOTIFICATIONS);
    private static final Instant NOW = Orders.T0.plus(Duration.ofMinutes(10));
    private static final Map<String, String> STACK = Map.of("StackName", "orders-test");
    private static final Map<String, String> SWEEPER = Map.of("Publisher", "sweeper");
    private static final int MAX_ATTEMPTS = 2;

    private final InMemoryPendingOutbox outbox = new InMemoryPendingOutbox();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final MutableClock clock = new MutableClock(NOW);
    private final CapturedMetrics metrics = new CapturedMetrics(clock);
    private final OutboxSweeperHandler handler = new OutboxSweeperHandler(
            new OutboxSweeper(outbox, new OutboxRelay(ROUTES, publisher, outbox, MAX_ATTEMPTS), clock, Duration.ofMinutes(5), 500),
            new SweepReport("orders-test", metrics.metrics()));

    private static ScheduledEvent schedule() {
        return EventLoader.loadScheduledEvent("events/scheduled-sweep.json");
    }

    private Map<String, Object> handle() {
        return handler.handleRequest(schedule(), FakeContext.withRemainingMillis(30_000));
    }

    private static OrderEvent placed(String orderId, Instant occurredAt) {
        OrderEvent e = Orders.event(EventType.OrderPlaced, orderId, "cust-" + orderId, 1);
        return new OrderEvent(e.eventId(), orderId, e.customerId(), 1, occurredAt, e.correlationId(), e.priority(), e.payload());
    }

    /** The sweep's own counts, as "stale/republished" per run. */
    private List<String> sweepCounts() {
        List<Double> stale = metrics.values("StaleOutboxRows", STACK);
        List<Double> republished = metrics.values("RepublishedOutboxRows", STACK);
        return IntStream.range(0, stale.size())
                .mapToObj(i -> stale.get(i).intValue() + "/" + republished.get(i).intValue()).toList();
    }

    @Test
    void theFixtureIsAnEventBridgeScheduledEvent() {
        ScheduledEvent event = schedule();

        assertThat(event.getDetailType()).isEqualTo("Scheduled Event");
        assertThat(event.getSource()).isEqualTo("aws.events");
        assertThat(event.getId()).isEqualTo("53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa");
        assertThat(event.getResources()).singleElement().asString().startsWith("arn:aws:events:").contains(":rule/");
        assertThat(event.getTime().getMillis()).isEqualTo(Instant.parse("2026-11-21T10:05:00Z").toEpochMilli());
    }

    @Test
    void sweepsTheStaleRowsAndAnswersWithWhatItDid() {
        OrderEvent stale1 = placed("ord-1", NOW.minus(Duration.ofMinutes(9)));
        OrderEvent stale2 = placed("ord-2", NOW.minus(Duration.ofMinutes(7)));
        OrderEvent fresh = placed("ord-3", NOW.minus(Duration.ofMinutes(1)));
        outbox.add(fresh, stale2, stale1);

        Map<String, Object> summary = handle();

        assertThat(summary).containsExactly(
                Map.entry("cutoff", NOW.minus(Duration.ofMinutes(5)).toString()),
                Map.entry("found", 2),
                Map.entry("published", 2),
                Map.entry("heldBack", 0),
                Map.entry("failed", 0),
                Map.entry("complete", true));
        assertThat(publisher.callsTo(INVENTORY)).singleElement()
                .satisfies(call -> assertThat(call.eventIds()).containsExactly(stale1.eventId(), stale2.eventId()));
        assertThat(outbox.published()).containsExactly(stale1.eventId(), stale2.eventId());
        assertThat(outbox.isPending(fresh.eventId())).isTrue();
    }

    @Test
    void writesTheStaleAndRepublishedCountsUnderTheStackNameAndThePublishedEventsUnderPublisherSweeper() {
        outbox.add(placed("ord-1", NOW.minus(Duration.ofMinutes(9))), placed("ord-2", NOW.minus(Duration.ofMinutes(8))));

        handle();

        assertThat(metrics.lines()).hasSize(2);
        assertThat(metrics.data("StaleOutboxRows", STACK))
                .containsExactly(new Datum("OrderEvents", "StaleOutboxRows", "Count", STACK, List.of(2.0)));
        assertThat(metrics.data("RepublishedOutboxRows", STACK))
                .containsExactly(new Datum("OrderEvents", "RepublishedOutboxRows", "Count", STACK, List.of(2.0)));
        assertThat(metrics.values("EventsPublished", SWEEPER)).containsExactly(2.0);
        assertThat(metrics.values("RecordAge", SWEEPER)).containsExactly(540_000.0, 480_000.0);
    }

    @Test
    void aRunThatFindsNothingStillWritesZeroesSoTheAlarmHasDataButNoPublisherLine() {
        Map<String, Object> summary = handle();

        assertThat(summary).containsEntry("found", 0).containsEntry("published", 0).containsEntry("complete", true);
        assertThat(publisher.calls()).isEmpty();
        assertThat(sweepCounts()).containsExactly("0/0");
        assertThat(metrics.lines()).hasSize(1);
    }

    @Test
    void aFailedPublishIsReportedButTheRunEndsNormallyAndTheNextRunRetries() {
        OrderEvent first = placed("ord-1", NOW.minus(Duration.ofMinutes(9)));
        OrderEvent second = placed("ord-2", NOW.minus(Duration.ofMinutes(8)));
        outbox.add(first, second);
        int notificationsCall = 1; // OrderPlaced lists inventory first; the second entry is ord-2's
        publisher.failEntry(notificationsCall, 1, "KMS.ThrottlingException: slow down");

        Map<String, Object> failed = handle();

        assertThat(failed).containsEntry("found", 2).containsEntry("published", 1).containsEntry("complete", false)
                .containsEntry("eventId", second.eventId())
                .containsEntry("reason", "KMS.ThrottlingException: slow down");
        assertThat(sweepCounts()).containsExactly("2/1");
        assertThat(metrics.values("EventsPublished", SWEEPER)).containsExactly(1.0);
        assertThat(publisher.calls().get(notificationsCall).destination()).isEqualTo(NOTIFICATIONS);
        assertThat(outbox.isPending(second.eventId())).isTrue();

        Map<String, Object> retried = handle();

        assertThat(retried).containsEntry("found", 1).containsEntry("published", 1).containsEntry("complete", true)
                .doesNotContainKey("eventId");
        assertThat(outbox.published()).containsExactly(first.eventId(), second.eventId());
    }

    @Test
    void theSweepOnWhichARowRunsOutOfAttemptsCountsItInOutboxRowsFailed() {
        OrderEvent doomed = placed("ord-1", NOW.minus(Duration.ofMinutes(9)));
        outbox.add(doomed);
        publisher.failEvent(doomed.eventId(), "AWS.SimpleQueueService.NonExistentQueue");

        assertThat(handle()).containsEntry("failed", 0);
        Map<String, Object> last = handle();

        assertThat(last).containsEntry("failed", 1).containsEntry("complete", false);
        assertThat(metrics.data("OutboxRowsFailed", STACK)).singleElement().satisfies(datum -> {
            assertThat(datum.namespace()).isEqualTo("OrderEvents");
            assertThat(datum.values()).containsExactly(1.0);
        });
        assertThat(handle()).containsEntry("found", 0);
    }

    @Test
    void answersHowManyEventsWereHeldBackBehindAFailedRowOfTheirOrder() {
        OrderEvent failed = placed("ord-1", NOW.minus(Duration.ofMinutes(9)));
        OrderEvent later = Orders.at(Orders.event(EventType.OrderConfirmed, "ord-1", "cust-ord-1", 2), 2,
                NOW.minus(Duration.ofMinutes(8)));
        outbox.addFailed(failed, MAX_ATTEMPTS, "QueueDoesNotExist").add(later);

        Map<String, Object> summary = handle();

        assertThat(summary).containsEntry("found", 1).containsEntry("heldBack", 1).containsEntry("published", 0)
                .containsEntry("complete", true);
        assertThat(publisher.calls()).isEmpty();
    }
}
