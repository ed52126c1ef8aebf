package io.github.orderevents.aws;

import io.github.orderevents.aws.metrics.Metrics;
import io.github.orderevents.domain.outbox.FailedOutboxRow;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

import java.util.List;

/**
 * Tells the world about outbox rows that have just become FAILED, for the relay and the sweeper alike: an
 * error log line per row (what the runbook's Logs Insights query finds) and the metric
 * {@value #METRIC} (Count, namespace {@value Metrics#NAMESPACE}, dimension StackName) that
 * template.yaml's OutboxRowsFailedAlarm watches. This is the one place that metric is written.
 */
public final class FailedRowsReport {
    public static final String METRIC = "OutboxRowsFailed";
    private static final JsonLog LOG = JsonLog.of(FailedRowsReport.class);

    private final String stackName;
    private final Metrics metrics;

    public FailedRowsReport(String stackName, Metrics metrics) {
        this.stackName = stackName;
        this.metrics = metrics;
    }

    /** The report of a function whose environment names STACK_NAME, written with {@code metrics}. */
    public static FailedRowsReport fromEnvironment(Env env, Metrics metrics) {
        return new FailedRowsReport(env.require("STACK_NAME"), metrics);
    }

    /** Reports {@code rows}; writes nothing when there are none (the alarm treats no data as fine). */
    public void report(List<FailedOutboxRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        for (FailedOutboxRow row : rows) {
            LOG.error("outbox row FAILED: its publish attempts ran out; it waits for an operator", null,
                    "orderId", row.aggregateId(), "sequence", row.sequence(), "eventId", row.eventId(),
                    "eventType", row.eventType(), "attempts", row.attempts(), "reason", row.lastError());
        }
        metrics.write(logger -> logger.putMetric(METRIC, rows.size(), Unit.COUNT), DimensionSet.of("StackName", stackName));
    }
}
