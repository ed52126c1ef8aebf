package io.github.orderevents.local.metrics;

import io.github.orderevents.local.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsAtAGlanceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:05Z"));
    private final LocalMetrics metrics = new LocalMetrics(clock);

    @Test
    void nothingYetIsIdleQueuesAndNoPercentiles() {
        assertThat(MetricsAtAGlance.of(metrics, "app")).isEqualTo("queues idle");
    }

    @Test
    void showsTheTwoBusiestQueuesTheSlowestFunctionAndEachEmfTimeMetricsP99WithoutTheStackPrefix() {
        metrics.recordQueueDepth(new LocalMetrics.QueueSample("app-inventory.fifo", 10, 2, false));
        metrics.recordQueueDepth(new LocalMetrics.QueueSample("app-notifications.fifo", 3, 0, false));
        metrics.recordQueueDepth(new LocalMetrics.QueueSample("app-express.fifo", 1, 0, false));
        metrics.recordQueueDepth(new LocalMetrics.QueueSample("app-idle.fifo", 0, 0, false));
        metrics.recordQueueDepth(new LocalMetrics.QueueSample("app-inventory-dlq.fifo", 50, 0, true));
        metrics.recordInvocation("app-CreateOrder", 42, false);
        metrics.recordInvocation("app-Inventory", 9, false);
        metrics.readLogLine(emf("EndToEndAge", "Seconds", 1.5));
        metrics.readLogLine(emf("ProcessingTime", "Milliseconds", 12));
        metrics.readLogLine(emf("Orders", "Count", 3));

        assertThat(MetricsAtAGlance.of(metrics, "app")).isEqualTo("busiest inventory.fifo 12, notifications.fifo 3 +1"
                + "  p99 1m: slowest CreateOrder 42 ms, EndToEndAge 1.5 s, ProcessingTime 12 ms");
    }

    @Test
    void durationsOlderThanAMinuteNoLongerCount() {
        metrics.recordInvocation("app-CreateOrder", 42, false);
        clock.advance(Duration.ofMinutes(2));

        assertThat(MetricsAtAGlance.of(metrics, "app")).isEqualTo("queues idle");
    }

    private String emf(String metric, String unit, double value) {
        return "{\"_aws\":{\"Timestamp\":" + clock.millis() + ",\"CloudWatchMetrics\":[{\"Namespace\":\"Shop\","
                + "\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"" + metric + "\",\"Unit\":\"" + unit + "\"}]}]},\""
                + metric + "\":" + value + "}";
    }
}
