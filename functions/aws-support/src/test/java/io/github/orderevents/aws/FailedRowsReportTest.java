package io.github.orderevents.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.domain.outbox.FailedOutboxRow;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FailedRowsReportTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:05:00Z");
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final FailedRowsReport report = new FailedRowsReport("orders-prod", new EmbeddedMetrics(
            EmbeddedMetrics.NAMESPACE, new PrintStream(bytes, true, StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC)));

    private static FailedOutboxRow row(String eventId) {
        return new FailedOutboxRow("ord-1", 1, eventId, "OrderPlaced", 20, "QueueDoesNotExist", NOW);
    }

    @Test
    void countsTheRowsThatBecameFailedInTheProjectsNamespaceUnderTheStackName() throws Exception {
        report.report(List.of(row("evt-1"), row("evt-2")));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode line = Json.MAPPER.readTree(lines.getFirst());
        JsonNode definition = line.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(definition.path("Namespace").asText()).isEqualTo("OrderEvents");
        assertThat(definition.path("Metrics").get(0).path("Name").asText()).isEqualTo("OutboxRowsFailed");
        assertThat(definition.path("Metrics").get(0).path("Unit").asText()).isEqualTo("Count");
        assertThat(line.path("OutboxRowsFailed").asInt()).isEqualTo(2);
        assertThat(line.path("StackName").asText()).isEqualTo("orders-prod");
    }

    @Test
    void writesNoMetricWhenNoRowFailed() {
        report.report(List.of());

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
