package io.github.orderevents.aws;

import io.github.orderevents.aws.dynamo.DynamoOutbox;
import io.github.orderevents.aws.dynamo.DynamoPendingOutbox;
import io.github.orderevents.aws.sqs.SqsBatchSender;
import io.github.orderevents.aws.sqs.SqsEventPublisher;
import io.github.orderevents.domain.outbox.OutboxRelay;
import io.github.orderevents.domain.outbox.OutboxSweeper;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;

/** Builds the outbox relay and sweeper as deployed, from the function's environment. */
public final class OutboxWiring {
    /** The variable naming how many publish attempts a row gets before it is FAILED. */
    public static final String MAX_PUBLISH_ATTEMPTS = "MAX_PUBLISH_ATTEMPTS";
    /** As template.yaml's MaxPublishAttempts: above the stream path's own 11 tries, so the sweeper gets a go. */
    static final int DEFAULT_MAX_PUBLISH_ATTEMPTS = 20;

    private OutboxWiring() {
    }

    /**
     * The relay from OUTBOX_TABLE to the queues of OUTBOX_ROUTES; PUBLISHED rows are kept
     * OUTBOX_RETENTION_DAYS (default 7); a row is FAILED after MAX_PUBLISH_ATTEMPTS (default 20) refused
     * attempts. Every SendMessageBatch call is told to {@code calls}.
     */
    public static OutboxRelay relay(Env env, AwsClients aws, Clock clock, SqsBatchSender.CallListener calls) {
        return new OutboxRelay(RoutingConfig.parse(env.require(RoutingConfig.VARIABLE)),
                new SqsEventPublisher(aws.build(SqsClient.builder(), "SQS"), calls), outbox(env, aws, clock),
                env.getInt(MAX_PUBLISH_ATTEMPTS, DEFAULT_MAX_PUBLISH_ATTEMPTS));
    }

    /** The rows of OUTBOX_TABLE: marked, counted, requeued; PUBLISHED ones kept OUTBOX_RETENTION_DAYS (default 7). */
    public static DynamoOutbox outbox(Env env, AwsClients aws, Clock clock) {
        return new DynamoOutbox(aws.dynamoDb(), env.require("OUTBOX_TABLE"), clock,
                Duration.ofDays(env.getInt("OUTBOX_RETENTION_DAYS", 7)));
    }

    /** The PENDING and FAILED rows of OUTBOX_TABLE, as its sparse indexes list them. */
    public static DynamoPendingOutbox pendingOutbox(Env env, AwsClients aws) {
        return new DynamoPendingOutbox(aws.dynamoDb(), env.require("OUTBOX_TABLE"));
    }

    /**
     * The relay's sweeper: republishes the rows still PENDING after SWEEP_AFTER_MINUTES (default 5), at
     * most SWEEP_MAX_ROWS (default 500) per run, plus what {@link #relay} reads.
     */
    public static OutboxSweeper sweeper(Env env, AwsClients aws, Clock clock, SqsBatchSender.CallListener calls) {
        return new OutboxSweeper(pendingOutbox(env, aws), relay(env, aws, clock, calls), clock,
                Duration.ofMinutes(env.getInt("SWEEP_AFTER_MINUTES", 5)), env.getInt("SWEEP_MAX_ROWS", 500));
    }
}
