package io.github.orderevents.aws.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.Json;
import io.github.orderevents.aws.testing.CapturedMetrics;
import io.github.orderevents.aws.testing.CapturedMetrics.Datum;
import org.junit.jupiter.api.Test;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class MetricsTest {

    @Test
    void onLambdaEachWriteIsOneStdoutLineWithOnlyTheDimensionSetsItNames() throws Exception {
        String printed = stdoutOf(() -> {
            Metrics metrics = Metrics.forLambda();
            metrics.write(logger -> logger.putMetric("EventsPublished", 3, Unit.COUNT), DimensionSet.of("Publisher", "relay"));
            metrics.write(logger -> logger.putMetric("EventsPublished", 1, Unit.COUNT), DimensionSet.of("Publisher", "sweeper"));
        });

        List<String> lines = printed.lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = Json.MAPPER.readTree(lines.get(0));
        // The library's defaults would add LogGroup, ServiceName and ServiceType to every dimension set.
        assertThat(first.at("/_aws/CloudWatchMetrics/0/Dimensions").toString()).isEqualTo("[[\"Publisher\"]]");
        assertThat(first.has("LogGroup") || first.has("ServiceName") || first.has("ServiceType")).isFalse();
        assertThat(CapturedMetrics.extract(lines.get(0))).containsExactly(
                new Datum("OrderEvents", "EventsPublished", "Count", Map.of("Publisher", "relay"), List.of(3.0)));
        assertThat(CapturedMetrics.extract(lines.get(1))).containsExactly(
                new Datum("OrderEvents", "EventsPublished", "Count", Map.of("Publisher", "sweeper"), List.of(1.0)));
    }

    @Test
    void aMetricPutSeveralTimesHoldsEveryValueUnderEveryDimensionSet() {
        CapturedMetrics captured = new CapturedMetrics(Clock.systemUTC());

        captured.metrics().write(logger -> logger.putMetric("ProcessingTime", 12, Unit.MILLISECONDS)
                        .putMetric("ProcessingTime", 30.5, Unit.MILLISECONDS),
                DimensionSet.of("Consumer", "inventory", "Lane", "standard"), DimensionSet.of("Lane", "standard"));

        assertThat(captured.lines()).hasSize(1);
        assertThat(captured.data()).containsExactlyInAnyOrder(
                new Datum("OrderEvents", "ProcessingTime", "Milliseconds",
                        Map.of("Consumer", "inventory", "Lane", "standard"), List.of(12.0, 30.5)),
                new Datum("OrderEvents", "ProcessingTime", "Milliseconds", Map.of("Lane", "standard"), List.of(12.0, 30.5)));
    }

    @Test
    void eachLineIsStampedWhenItIsWrittenAndCarriesNothingOfTheLineBefore() throws Exception {
        CapturedMetrics captured = new CapturedMetrics(Clock.systemUTC());
        captured.metrics().write(logger -> logger.putMetric("OrdersPlaced", 1, Unit.COUNT), DimensionSet.of("Priority", "standard"));
        Instant beforeSecond = Instant.now();

        captured.metrics().write(logger -> logger.putMetric("OrdersRejected", 1, Unit.COUNT), DimensionSet.of("Reason", "other"));

        JsonNode second = Json.MAPPER.readTree(captured.lines().get(1));
        assertThat(second.at("/_aws/Timestamp").asLong()).isGreaterThanOrEqualTo(beforeSecond.toEpochMilli());
        assertThat(CapturedMetrics.extract(captured.lines().get(1))).extracting(Datum::name, Datum::dimensions)
                .containsExactly(tuple("OrdersRejected", Map.of("Reason", "other")));
    }

    @Test
    void aLineThatCannotBeWrittenIsDroppedWithoutFailingTheCallerOrTheNextLine() {
        CapturedMetrics captured = new CapturedMetrics(Clock.systemUTC());

        captured.metrics().write(logger -> logger.putMetric("Applied", 1, Unit.COUNT)
                .putMetric("ProcessingTime", Double.NaN, Unit.MILLISECONDS), DimensionSet.of("Lane", "standard"));
        captured.metrics().write(logger -> logger.putMetric("Parked", 1, Unit.COUNT), DimensionSet.of("Lane", "standard"));

        assertThat(captured.data()).extracting(Datum::name).containsExactly("Parked");
    }

    private static String stdoutOf(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
