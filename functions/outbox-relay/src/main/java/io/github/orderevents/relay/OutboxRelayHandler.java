package io.github.orderevents.relay;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.OutboxWiring;
import io.github.orderevents.aws.metrics.Metrics;
import io.github.orderevents.aws.priming.OutboxWarmUps;
import io.github.orderevents.aws.priming.SnapStartPriming;

/** The outbox table's stream to the FIFO queues. Environment: {@link OutboxWiring#relay}'s and STACK_NAME (metrics). */
public final class OutboxRelayHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final StreamRelay relay;

    public OutboxRelayHandler() {
        this(Env.current(), AwsClients.fromEnvironment(), Metrics.forLambda());
    }

    OutboxRelayHandler(Env env, AwsClients aws, Metrics metrics) {
        this.relay = StreamRelay.fromEnvironment(env, aws, metrics);
        SnapStartPriming.register("outbox-relay", () -> OutboxWarmUps.relaySteps(env, aws));
    }

    OutboxRelayHandler(StreamRelay relay) {
        this.relay = relay;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return relay.relay(event.getRecords());
    }
}
