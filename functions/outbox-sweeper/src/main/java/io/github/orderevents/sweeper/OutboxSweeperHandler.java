package io.github.orderevents.sweeper;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.OutboxWiring;
import io.github.orderevents.aws.metrics.Metrics;
import io.github.orderevents.domain.outbox.OutboxSweeper;
import java.time.Clock;
import java.util.Map;

/**
 * The schedule's outbox sweeper: republishes what the stream relay left PENDING, reporting as {@link SweepReport} says.
 */
public final class OutboxSweeperHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private final OutboxSweeper sweeper;
    private final SweepReport report;

    public OutboxSweeperHandler() {
        this(Env.current(), AwsClients.fromEnvironment(), Metrics.forLambda());
    }

    OutboxSweeperHandler(Env env, AwsClients aws, Metrics metrics) {
        this.report = new SweepReport(env.require("STACK_NAME"), metrics);
        this.sweeper = OutboxWiring.sweeper(env, aws, Clock.systemUTC(), report.publishing());
        OutboxSweeperPriming.register(env, aws);
    }

    OutboxSweeperHandler(OutboxSweeper sweeper, SweepReport report) {
        this.sweeper = sweeper;
        this.report = report;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return report.report(sweeper.sweep(), event == null ? null : event.getId());
    }
}
