package io.github.orderevents.aws.metrics;

import io.github.orderevents.aws.testing.CapturedMetrics;
import io.github.orderevents.aws.testing.CapturedMetrics.Datum;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.testing.MutableClock;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PublishMetricsTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:05Z");
    private static final Map<String, String> RELAY = Map.of("Publisher", "relay");

    private final CapturedMetrics captured = new CapturedMetrics(new MutableClock(NOW));
    private final PublishMetrics metrics = new PublishMetrics(PublishMetrics.RELAY, captured.metrics());

    @Test
    void oneLinePerInvocationWithEveryCallsLatencyAndSizeAndEveryPublishedEventsAge() {
        metrics.called(3, Duration.ofMillis(12));
        metrics.called(1, Duration.ofNanos(4_500_000));

        metrics.published(List.of(eventAt(NOW.minusMillis(250)), eventAt(NOW.minusSeconds(2)), eventAt(NOW.minusMillis(40))));

        assertThat(captured.lines()).hasSize(1);
        assertThat(captured.values("EventsPublished", RELAY)).containsExactly(3.0);
        assertThat(captured.values("RecordAge", RELAY)).containsExactly(250.0, 2000.0, 40.0);
        assertThat(captured.values("PublishLatency", RELAY)).containsExactly(12.0, 4.5);
        assertThat(captured.values("BatchSize", RELAY)).containsExactly(3.0, 1.0);
        assertThat(captured.data()).allSatisfy(datum -> assertThat(datum.unit())
                .isEqualTo(datum.name().equals("EventsPublished") || datum.name().equals("BatchSize") ? "Count" : "Milliseconds"));
    }

    @Test
    void theNextInvocationStartsFromNothing() {
        metrics.called(2, Duration.ofMillis(10));
        metrics.published(List.of(eventAt(NOW)));

        metrics.called(1, Duration.ofMillis(7));
        metrics.published(List.of());

        assertThat(CapturedMetrics.extract(captured.lines().get(1))).extracting(Datum::name, Datum::values)
                .containsExactlyInAnyOrder(tuple("EventsPublished", List.of(0.0)),
                        tuple("PublishLatency", List.of(7.0)),
                        tuple("BatchSize", List.of(1.0)));
    }

    @Test
    void anInvocationThatSentAndPublishedNothingWritesNoLine() {
        metrics.published(List.of());

        assertThat(captured.lines()).isEmpty();
    }

    @Test
    void anEventStampedAheadOfThisClockHasAgeZero() {
        metrics.published(List.of(eventAt(NOW.plusMillis(30))));

        assertThat(captured.values("RecordAge", RELAY)).containsExactly(0.0);
    }

    private static OrderEvent eventAt(Instant occurredAt) {
        return Orders.eventAt(EventType.OrderPlaced, "ord-1", "cust-1", 1, occurredAt);
    }
}
