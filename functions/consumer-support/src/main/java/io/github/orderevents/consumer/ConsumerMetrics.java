package io.github.orderevents.consumer;

import io.github.orderevents.aws.metrics.MetricValues;
import io.github.orderevents.aws.metrics.Metrics;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A FIFO consumer's metrics, under dimension sets [Consumer, Lane] and [Lane]: per message handled
 * {@code ProcessingTime} (Milliseconds), per event applied {@code EndToEndAge} (Milliseconds from the event's
 * occurredAt to its effect), and the outcome counts {@code Applied}, {@code Duplicate}, {@code GapRetried} and
 * {@code Parked} (Count). Gathered over one invocation and written as one line per lane by {@link #flush()}.
 */
public final class ConsumerMetrics {
    /** What became of a message. */
    public enum Outcome {
        APPLIED("Applied"), DUPLICATE("Duplicate"), GAP_RETRIED("GapRetried"), PARKED("Parked"),
        /** It failed otherwise (a dependency, a bug) and comes back: its ProcessingTime counts, no outcome does. */
        FAILED(null);

        private final String metric;

        Outcome(String metric) {
            this.metric = metric;
        }
    }

    private final String consumer;
    private final Metrics metrics;
    private final Map<String, LaneFigures> lanes = new LinkedHashMap<>();

    /** @param consumer the consumer's name, the value of dimension Consumer */
    public ConsumerMetrics(String consumer, Metrics metrics) {
        this.consumer = consumer;
        this.metrics = metrics;
    }

    /** Now, by the clock ProcessingTime is measured with: when a message's handling starts. */
    Instant now() {
        return metrics.clock().instant();
    }

    /**
     * A message of {@code lane} whose handling began at {@code started} ended with {@code outcome}; {@code occurredAt}
     * is its event's (null when it could not be read). Only an APPLIED event has an end-to-end age: a duplicate's
     * effect happened before, and a retried gap has had none yet.
     */
    void handled(String lane, Instant started, Outcome outcome, Instant occurredAt) {
        Instant now = now();
        LaneFigures figures = lanes.computeIfAbsent(lane, l -> new LaneFigures());
        figures.processingTimes.add(MetricValues.millisBetween(started, now));
        if (outcome == Outcome.APPLIED && occurredAt != null) {
            figures.endToEndAges.add(MetricValues.millisBetween(occurredAt, now));
        }
        figures.counts.merge(outcome, 1, Integer::sum);
    }

    /** Writes this invocation's figures, one line per lane, every outcome count included (0 too), and forgets them. */
    void flush() {
        lanes.forEach((lane, figures) -> metrics.write(logger -> {
            figures.processingTimes.forEach(ms -> logger.putMetric("ProcessingTime", ms, Unit.MILLISECONDS));
            figures.endToEndAges.forEach(ms -> logger.putMetric("EndToEndAge", ms, Unit.MILLISECONDS));
            for (Outcome outcome : Outcome.values()) {
                if (outcome.metric != null) {
                    logger.putMetric(outcome.metric, figures.counts.getOrDefault(outcome, 0), Unit.COUNT);
                }
            }
        }, DimensionSet.of("Consumer", consumer, "Lane", lane), DimensionSet.of("Lane", lane)));
        lanes.clear();
    }

    private static final class LaneFigures {
        final List<Double> processingTimes = new ArrayList<>();
        final List<Double> endToEndAges = new ArrayList<>();
        final Map<Outcome, Integer> counts = new LinkedHashMap<>();
    }
}
