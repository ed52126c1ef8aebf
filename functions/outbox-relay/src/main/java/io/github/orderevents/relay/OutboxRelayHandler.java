package io.github.orderevents.relay;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.RoutingConfig;
import io.github.orderevents.aws.dynamo.DynamoOutbox;
import io.github.orderevents.aws.sqs.SqsEventPublisher;
import io.github.orderevents.domain.outbox.OutboxRelay;

import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;

/**
 * The outbox table's stream to the FIFO queues. Environment: OUTBOX_TABLE, OUTBOX_ROUTES,
 * OUTBOX_RETENTION_DAYS (how long PUBLISHED rows are kept, default 7).
 */
public final class OutboxRelayHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final StreamRelay relay;

    public OutboxRelayHandler() {
        this(Env.current(), AwsClients.fromEnvironment());
    }

    OutboxRelayHandler(Env env, AwsClients aws) {
        this(new OutboxRelay(RoutingConfig.parse(env.require(RoutingConfig.VARIABLE)),
                new SqsEventPublisher(aws.build(SqsClient.builder(), "SQS")),
                new DynamoOutbox(aws.dynamoDb(), env.require("OUTBOX_TABLE"), Clock.systemUTC(),
                        Duration.ofDays(env.getInt("OUTBOX_RETENTION_DAYS", 7)))));
    }

    OutboxRelayHandler(OutboxRelay relay) {
        this.relay = new StreamRelay(relay);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return relay.relay(event.getRecords());
    }
}
