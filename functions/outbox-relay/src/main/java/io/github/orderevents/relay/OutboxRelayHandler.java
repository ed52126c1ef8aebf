package io.github.orderevents.relay;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.OutboxWiring;
import io.github.orderevents.aws.metrics.Metrics;
import io.github.orderevents.aws.metrics.PublishMetrics;
import io.github.orderevents.aws.priming.OutboxWarmUps;
import io.github.orderevents.aws.priming.SnapStartPriming;
import io.github.orderevents.domain.outbox.OutboxRelay;

import java.time.Clock;

/** The outbox table's stream to the FIFO queues. Environment: {@link OutboxWiring#relay}'s. */
public final class OutboxRelayHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final StreamRelay relay;

    public OutboxRelayHandler() {
        this(Env.current(), AwsClients.fromEnvironment(), new PublishMetrics(PublishMetrics.RELAY, Metrics.forLambda()));
    }

    OutboxRelayHandler(Env env, AwsClients aws, PublishMetrics metrics) {
        this(OutboxWiring.relay(env, aws, Clock.systemUTC(), metrics), metrics);
        SnapStartPriming.register("outbox-relay", () -> OutboxWarmUps.relaySteps(env, aws));
    }

    OutboxRelayHandler(OutboxRelay relay, PublishMetrics metrics) {
        this.relay = new StreamRelay(relay, metrics);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return relay.relay(event.getRecords());
    }
}
