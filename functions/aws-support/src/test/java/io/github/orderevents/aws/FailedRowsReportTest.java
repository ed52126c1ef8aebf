package io.github.orderevents.aws;

import io.github.orderevents.aws.testing.CapturedMetrics;
import io.github.orderevents.aws.testing.CapturedMetrics.Datum;
import io.github.orderevents.domain.outbox.FailedOutboxRow;
import io.github.orderevents.domain.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FailedRowsReportTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:05:00Z");
    private final CapturedMetrics captured = new CapturedMetrics(new MutableClock(NOW));
    private final FailedRowsReport report = new FailedRowsReport("orders-prod", captured.metrics());

    private static FailedOutboxRow row(String eventId) {
        return new FailedOutboxRow("ord-1", 1, eventId, "OrderPlaced", 20, "QueueDoesNotExist", NOW);
    }

    @Test
    void countsTheRowsThatBecameFailedInTheProjectsNamespaceUnderTheStackName() {
        report.report(List.of(row("evt-1"), row("evt-2")));

        assertThat(captured.lines()).hasSize(1);
        List<Datum> data = captured.data("OutboxRowsFailed", Map.of("StackName", "orders-prod"));
        assertThat(data).singleElement().satisfies(datum -> {
            assertThat(datum.namespace()).isEqualTo("OrderEvents");
            assertThat(datum.unit()).isEqualTo("Count");
            assertThat(datum.values()).containsExactly(2.0);
        });
    }

    @Test
    void writesNoMetricWhenNoRowFailed() {
        report.report(List.of());

        assertThat(captured.lines()).isEmpty();
    }
}
