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
        metrics.recordQueueDepth(new LocalMetrics.QueueSample("app-jobs.fifo", 10, 2, false));
        metrics.recordQueueDepth(new LocalMetrics.QueueSample("app-mail.fifo", 3, 0, false));
        metrics.recordQueueDepth(new LocalMetrics.QueueSample("app-gold.fifo", 1, 0, false));
        metrics.recordQueueDepth(new LocalMetrics.QueueSample("app-idle.fifo", 0, 0, false));
        metrics.recordQueueDepth(new LocalMetrics.QueueSample("app-jobs-dlq.fifo", 50, 0, true));
        metrics.recordInvocation("app-Resize", 42, false);
        metrics.recordInvocation("app-Thumbnail", 9, false);
        metrics.readLogLine(emf("QueueAge", "Seconds", 1.5));
        metrics.readLogLine(emf("RenderTime", "Milliseconds", 12));
        metrics.readLogLine(emf("Renders", "Count", 3));

        assertThat(MetricsAtAGlance.of(metrics, "app")).isEqualTo("busiest jobs.fifo 12, mail.fifo 3 +1"
                + "  p99 1m: slowest Resize 42 ms, QueueAge 1.5 s, RenderTime 12 ms");
    }

    @Test
    void durationsOlderThanAMinuteNoLongerCount() {
        metrics.recordInvocation("app-Resize", 42, false);
        clock.advance(Duration.ofMinutes(2));

        assertThat(MetricsAtAGlance.of(metrics, "app")).isEqualTo("queues idle");
    }

    private String emf(String metric, String unit, double value) {
        return "{\"_aws\":{\"Timestamp\":" + clock.millis() + ",\"CloudWatchMetrics\":[{\"Namespace\":\"Media\","
                + "\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"" + metric + "\",\"Unit\":\"" + unit + "\"}]}]},\""
                + metric + "\":" + value + "}";
    }
}
