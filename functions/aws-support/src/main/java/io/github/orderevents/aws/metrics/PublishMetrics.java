package io.github.orderevents.aws.metrics;

import io.github.orderevents.aws.sqs.SqsBatchSender;
import io.github.orderevents.domain.OrderEvent;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The metrics of a publisher of outbox events (the stream relay, the sweeper), dimension {@code Publisher}:
 * per SendMessageBatch call {@code PublishLatency} (Milliseconds) and {@code BatchSize} (Count of entries), and
 * per invocation {@code EventsPublished} (Count of events that reached every destination) with the
 * {@code RecordAge} of each (Milliseconds from the event's occurredAt to its publication). One line per
 * invocation. Hand it to the relay's SQS sender as its {@link SqsBatchSender.CallListener}.
 */
public final class PublishMetrics implements SqsBatchSender.CallListener {
    public static final String RELAY = "relay";
    public static final String SWEEPER = "sweeper";

    private final String publisher;
    private final Metrics metrics;
    private final List<Double> latencies = new ArrayList<>();
    private final List<Integer> batchSizes = new ArrayList<>();

    public PublishMetrics(String publisher, Metrics metrics) {
        this.publisher = publisher;
        this.metrics = metrics;
    }

    @Override
    public void called(int entries, Duration took) {
        latencies.add(took.toNanos() / 1_000_000.0);
        batchSizes.add(entries);
    }

    /**
     * Writes this invocation's line, {@code published} being the events that reached every destination, and
     * starts the next invocation's figures. Writes nothing when nothing was sent and nothing published.
     */
    public void published(List<OrderEvent> published) {
        if (published.isEmpty() && latencies.isEmpty()) {
            return;
        }
        Instant now = metrics.clock().instant();
        metrics.write(logger -> {
            logger.putMetric("EventsPublished", published.size(), Unit.COUNT);
            published.forEach(event -> logger.putMetric("RecordAge", MetricValues.millisBetween(event.occurredAt(), now),
                    Unit.MILLISECONDS));
            latencies.forEach(latency -> logger.putMetric("PublishLatency", latency, Unit.MILLISECONDS));
            batchSizes.forEach(size -> logger.putMetric("BatchSize", size, Unit.COUNT));
        }, DimensionSet.of("Publisher", publisher));
        latencies.clear();
        batchSizes.clear();
    }
}
