package io.github.orderevents.relay;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.FailedRowsReport;
import io.github.orderevents.aws.OutboxWiring;
import io.github.orderevents.aws.priming.OutboxWarmUps;
import io.github.orderevents.aws.priming.SnapStartPriming;
import io.github.orderevents.domain.outbox.OutboxRelay;

import java.time.Clock;

/** The outbox table's stream to the FIFO queues. Environment: {@link OutboxWiring#relay}'s and STACK_NAME (metrics). */
public final class OutboxRelayHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final StreamRelay relay;

    public OutboxRelayHandler() {
        this(Env.current(), AwsClients.fromEnvironment());
    }

    OutboxRelayHandler(Env env, AwsClients aws) {
        this(OutboxWiring.relay(env, aws, Clock.systemUTC()), FailedRowsReport.fromEnvironment(env));
        SnapStartPriming.register("outbox-relay", () -> OutboxWarmUps.relaySteps(env, aws));
    }

    OutboxRelayHandler(OutboxRelay relay, FailedRowsReport failedRows) {
        this.relay = new StreamRelay(relay, failedRows);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return relay.relay(event.getRecords());
    }
}
