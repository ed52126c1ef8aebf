package io.github.orderevents.sweeper;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.EmbeddedMetrics;
import io.github.orderevents.aws.EmbeddedMetrics.Metric;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.JsonLog;
import io.github.orderevents.aws.RoutingConfig;
import io.github.orderevents.aws.dynamo.DynamoOutbox;
import io.github.orderevents.aws.dynamo.DynamoPendingOutbox;
import io.github.orderevents.aws.sqs.SqsEventPublisher;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.outbox.OutboxRelay;
import io.github.orderevents.domain.outbox.OutboxSweeper;
import io.github.orderevents.domain.outbox.SweepResult;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schedule's outbox sweeper: publishes again, through the relay's code, the outbox rows still PENDING
 * after SWEEP_AFTER_MINUTES (default 5), at most SWEEP_MAX_ROWS (default 500) per run. Environment also:
 * OUTBOX_TABLE, OUTBOX_ROUTES, OUTBOX_RETENTION_DAYS (default 7), STACK_NAME (metric dimension).
 * Each run writes the metrics StaleOutboxRows and RepublishedOutboxRows (namespace OrderEvents) as an
 * Embedded Metric Format line, for an alarm on rows the stream relay left behind.
 */
public final class OutboxSweeperHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private static final JsonLog LOG = JsonLog.of(OutboxSweeperHandler.class);

    private final OutboxSweeper sweeper;
    private final String stackName;
    private final EmbeddedMetrics metrics;

    public OutboxSweeperHandler() {
        this(Env.current(), AwsClients.fromEnvironment(), EmbeddedMetrics.toStdout());
    }

    OutboxSweeperHandler(Env env, AwsClients aws, EmbeddedMetrics metrics) {
        this(sweeper(env, aws, Clock.systemUTC()), env.require("STACK_NAME"), metrics);
    }

    OutboxSweeperHandler(OutboxSweeper sweeper, String stackName, EmbeddedMetrics metrics) {
        this.sweeper = sweeper;
        this.stackName = stackName;
        this.metrics = metrics;
    }

    static OutboxSweeper sweeper(Env env, AwsClients aws, Clock clock) {
        String table = env.require("OUTBOX_TABLE");
        OutboxRelay relay = new OutboxRelay(RoutingConfig.parse(env.require(RoutingConfig.VARIABLE)),
                new SqsEventPublisher(aws.build(SqsClient.builder(), "SQS")),
                new DynamoOutbox(aws.dynamoDb(), table, clock, Duration.ofDays(env.getInt("OUTBOX_RETENTION_DAYS", 7))));
        return new OutboxSweeper(new DynamoPendingOutbox(aws.dynamoDb(), table), relay, clock,
                Duration.ofMinutes(env.getInt("SWEEP_AFTER_MINUTES", 5)), env.getInt("SWEEP_MAX_ROWS", 500));
    }

    /**
     * Returns normally even when an event could not be published: the rows stay PENDING and the next
     * run (a minute later) tries them again, whereas a thrown error would only make EventBridge's async
     * invocation retry the same sweep sooner, on top of the next scheduled one.
     */
    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        SweepResult result = sweeper.sweep();
        for (OrderEvent published : result.published()) {
            LOG.info("event republished", "correlationId", published.correlationId(),
                    "orderId", published.aggregateId(), "eventId", published.eventId(),
                    "eventType", published.eventType().name(), "sequence", published.sequence());
        }
        metrics.emit(Map.of("StackName", stackName), List.of(
                Metric.count("StaleOutboxRows", result.found()),
                Metric.count("RepublishedOutboxRows", result.published().size())));
        Map<String, Object> summary = summary(result);
        List<Object> fields = new ArrayList<>();
        summary.forEach((name, value) -> {
            fields.add(name);
            fields.add(value);
        });
        fields.addAll(Arrays.asList("scheduledEventId", event == null ? null : event.getId()));
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
        summary.put("complete", result.complete());
        result.firstFailure().ifPresent(failure -> {
            summary.put("eventId", failure.eventId());
            summary.put("reason", failure.reason());
        });
        return summary;
    }
}
