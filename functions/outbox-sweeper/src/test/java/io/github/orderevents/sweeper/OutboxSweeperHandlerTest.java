package io.github.orderevents.sweeper;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.EmbeddedMetrics;
import io.github.orderevents.aws.Json;
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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxSweeperHandlerTest {
    private static final String INVENTORY = "inventory";
    private static final String NOTIFICATIONS = "notifications";
    private static final RoutingTable ROUTES = Orders.routes(INVENTORY, NOTIFICATIONS);
    private static final Instant NOW = Orders.T0.plus(Duration.ofMinutes(10));

    private final InMemoryPendingOutbox outbox = new InMemoryPendingOutbox();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final MutableClock clock = new MutableClock(NOW);
    private final ByteArrayOutputStream metricsOut = new ByteArrayOutputStream();
    private final OutboxSweeperHandler handler = new OutboxSweeperHandler(
            new OutboxSweeper(outbox, new OutboxRelay(ROUTES, publisher, outbox), clock, Duration.ofMinutes(5), 500),
            "orders-test",
            new EmbeddedMetrics(EmbeddedMetrics.NAMESPACE, new PrintStream(metricsOut, true, StandardCharsets.UTF_8), clock));

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

    private List<JsonNode> metricLines() {
        return metricsOut.toString(StandardCharsets.UTF_8).lines().map(line -> {
            try {
                return Json.MAPPER.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }).toList();
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
                Map.entry("complete", true));
        assertThat(publisher.callsTo(INVENTORY)).singleElement()
                .satisfies(call -> assertThat(call.eventIds()).containsExactly(stale1.eventId(), stale2.eventId()));
        assertThat(outbox.published()).containsExactly(stale1.eventId(), stale2.eventId());
        assertThat(outbox.isPending(fresh.eventId())).isTrue();
    }

    @Test
    void writesOneEmbeddedMetricLineWithTheStaleAndRepublishedCounts() {
        outbox.add(placed("ord-1", NOW.minus(Duration.ofMinutes(9))), placed("ord-2", NOW.minus(Duration.ofMinutes(8))));

        handle();

        assertThat(metricLines()).singleElement().satisfies(line -> {
            assertThat(line.at("/_aws/Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
            JsonNode definition = line.at("/_aws/CloudWatchMetrics/0");
            assertThat(definition.get("Namespace").asText()).isEqualTo("OrderEvents");
            assertThat(definition.get("Dimensions").toString()).isEqualTo("[[\"StackName\"]]");
            assertThat(definition.get("Metrics").toString()).isEqualTo(
                    "[{\"Name\":\"StaleOutboxRows\",\"Unit\":\"Count\"},{\"Name\":\"RepublishedOutboxRows\",\"Unit\":\"Count\"}]");
            assertThat(line.get("StackName").asText()).isEqualTo("orders-test");
            assertThat(line.get("StaleOutboxRows").asInt()).isEqualTo(2);
            assertThat(line.get("RepublishedOutboxRows").asInt()).isEqualTo(2);
        });
    }

    @Test
    void aRunThatFindsNothingStillWritesZeroesSoTheAlarmHasData() {
        Map<String, Object> summary = handle();

        assertThat(summary).containsEntry("found", 0).containsEntry("published", 0).containsEntry("complete", true);
        assertThat(publisher.calls()).isEmpty();
        assertThat(metricLines()).singleElement().satisfies(line -> {
            assertThat(line.get("StaleOutboxRows").asInt()).isZero();
            assertThat(line.get("RepublishedOutboxRows").asInt()).isZero();
        });
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
        assertThat(metricLines()).singleElement().satisfies(line -> {
            assertThat(line.get("StaleOutboxRows").asInt()).isEqualTo(2);
            assertThat(line.get("RepublishedOutboxRows").asInt()).isEqualTo(1);
        });
        assertThat(publisher.calls().get(notificationsCall).destination()).isEqualTo(NOTIFICATIONS);
        assertThat(outbox.isPending(second.eventId())).isTrue();

        Map<String, Object> retried = handle();

        assertThat(retried).containsEntry("found", 1).containsEntry("published", 1).containsEntry("complete", true)
                .doesNotContainKey("eventId");
        assertThat(outbox.published()).containsExactly(first.eventId(), second.eventId());
    }
}
