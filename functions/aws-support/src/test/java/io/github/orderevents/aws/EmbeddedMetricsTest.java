package io.github.orderevents.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.EmbeddedMetrics.Metric;
import io.github.orderevents.aws.EmbeddedMetrics.Unit;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedMetricsTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:05:00.123Z");
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final EmbeddedMetrics metrics = new EmbeddedMetrics(EmbeddedMetrics.NAMESPACE,
            new PrintStream(bytes, true, StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC));

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void writesOneEmbeddedMetricFormatLineWithTheDimensionAndEveryMetric() {
        metrics.emit(Map.of("StackName", "orders-prod"),
                List.of(Metric.count("StaleOutboxRows", 7), Metric.count("RepublishedOutboxRows", 5)));

        assertThat(lines()).containsExactly("{\"_aws\":{\"Timestamp\":" + NOW.toEpochMilli() + ","
                + "\"CloudWatchMetrics\":[{\"Namespace\":\"OrderEvents\",\"Dimensions\":[[\"StackName\"]],"
                + "\"Metrics\":[{\"Name\":\"StaleOutboxRows\",\"Unit\":\"Count\"},"
                + "{\"Name\":\"RepublishedOutboxRows\",\"Unit\":\"Count\"}]}]},"
                + "\"StackName\":\"orders-prod\",\"StaleOutboxRows\":7,\"RepublishedOutboxRows\":5}");
    }

    @Test
    void putsEveryDimensionInOneSetInTheGivenOrderWithItsValueAtTopLevel() throws Exception {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("StackName", "s");
        dimensions.put("FunctionName", "f");

        metrics.emit(dimensions, List.of(new Metric("SweepDuration", Unit.Milliseconds, 12.5)));

        JsonNode line = Json.MAPPER.readTree(lines().get(0));
        JsonNode definition = line.at("/_aws/CloudWatchMetrics/0");
        assertThat(definition.at("/Dimensions").toString()).isEqualTo("[[\"StackName\",\"FunctionName\"]]");
        assertThat(definition.at("/Metrics/0/Unit").asText()).isEqualTo("Milliseconds");
        assertThat(line.get("FunctionName").asText()).isEqualTo("f");
        assertThat(line.get("SweepDuration").decimalValue()).isEqualByComparingTo("12.5");
    }

    @Test
    void eachEmitIsALineOfItsOwn() {
        metrics.emit(Map.of(), List.of(Metric.count("A", 1)));
        metrics.emit(Map.of(), List.of(Metric.count("A", 2)));

        assertThat(lines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{\"_aws\":"));
    }

    @Test
    void refusesANameUsedForBothADimensionAndAMetric() {
        assertThatThrownBy(() -> metrics.emit(Map.of("StackName", "s"), List.of(Metric.count("StackName", 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("StackName");
        assertThat(lines()).isEmpty();
    }

    @Test
    void refusesALineWithoutMetrics() {
        assertThatThrownBy(() -> metrics.emit(Map.of("StackName", "s"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
