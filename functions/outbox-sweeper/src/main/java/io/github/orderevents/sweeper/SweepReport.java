package io.github.orderevents.sweeper;

import io.github.orderevents.aws.FailedRowsReport;
import io.github.orderevents.aws.JsonLog;
import io.github.orderevents.aws.metrics.Metrics;
import io.github.orderevents.aws.metrics.PublishMetrics;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.outbox.SweepResult;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sweep run tells the world: one log line per republished event and per event held back behind a
 * FAILED row of its order, the metrics StaleOutboxRows and RepublishedOutboxRows (dimension StackName, for an
 * alarm on rows the stream relay left behind), the publisher's metrics of {@link PublishMetrics} (Publisher
 * sweeper), the rows that became FAILED ({@link FailedRowsReport}), a summary log line, and the summary itself
 * as the function's answer.
 * <p>
 * It never throws for an event that could not be published: the rows stay PENDING and the next run (a
 * minute later) tries them again, whereas a thrown error would only make EventBridge's async invocation
 * retry the same sweep sooner, on top of the next scheduled one.
 */
final class SweepReport {
    private static final JsonLog LOG = JsonLog.of(OutboxSweeperHandler.class);

    private final String stackName;
    private final Metrics metrics;
    private final PublishMetrics publishing;
    private final FailedRowsReport failedRows;

    SweepReport(String stackName, Metrics metrics) {
        this.stackName = stackName;
        this.metrics = metrics;
        this.publishing = new PublishMetrics(PublishMetrics.SWEEPER, metrics);
        this.failedRows = new FailedRowsReport(stackName, metrics);
    }

    /** What the sweeper's SQS sender tells of each SendMessageBatch call, for this report's metrics. */
    PublishMetrics publishing() {
        return publishing;
    }

    Map<String, Object> report(SweepResult result, String scheduledEventId) {
        for (OrderEvent published : result.published()) {
            LOG.info("event republished", "correlationId", published.correlationId(),
                    "orderId", published.aggregateId(), "eventId", published.eventId(),
                    "eventType", published.eventType().name(), "sequence", published.sequence());
        }
        for (OrderEvent held : result.heldBack()) {
            LOG.warn("event held back: an earlier outbox row of its order is FAILED", "correlationId",
                    held.correlationId(), "orderId", held.aggregateId(), "eventId", held.eventId(),
                    "eventType", held.eventType().name(), "sequence", held.sequence());
        }
        failedRows.report(result.nowFailed());
        metrics.write(logger -> logger.putMetric("StaleOutboxRows", result.found(), Unit.COUNT)
                        .putMetric("RepublishedOutboxRows", result.published().size(), Unit.COUNT),
                DimensionSet.of("StackName", stackName));
        publishing.published(result.published());
        Map<String, Object> summary = summary(result);
        List<Object> fields = new ArrayList<>();
        summary.forEach((name, value) -> {
            fields.add(name);
            fields.add(value);
        });
        fields.addAll(Arrays.asList("scheduledEventId", scheduledEventId));
        if (result.complete()) {
            LOG.info("outbox swept", fields.toArray());
        } else {
            LOG.warn("outbox sweep stopped at an event that did not reach every destination; the next run retries it",
                    fields.toArray());
        }
        return summary;
    }

    /** The answer: plain JSON values, which the Lambda runtime serializes without any mapping of its own. */
    private static Map<String, Object> summary(SweepResult result) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("cutoff", result.cutoff().toString());
        summary.put("found", result.found());
        summary.put("published", result.published().size());
        summary.put("heldBack", result.heldBack().size());
        summary.put("failed", result.nowFailed().size());
        summary.put("complete", result.complete());
        result.firstFailure().ifPresent(failure -> {
            summary.put("eventId", failure.eventId());
            summary.put("reason", failure.reason());
        });
        return summary;
    }
}
