package io.github.orderevents.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.local.functions.FunctionErrorException;
import io.github.orderevents.local.functions.LambdaFunction;

import java.time.Duration;
import java.util.Random;

/**
 * What an SQS event source mapping may do to a function on a bad day, wrapped around it: a crash after
 * the function's side effects but before its batch response (the batch comes back), a second delivery
 * of a batch that succeeded, an invocation slower than the visibility timeout.
 */
public final class FaultyTrigger implements LambdaFunction {
    private final LambdaFunction function;
    private final FaultPlan plan;
    private final FaultStats stats;
    private final Duration slowness;
    private final FaultSchedule slow;
    private final FaultSchedule duplicate;
    private final FaultSchedule crash;

    /** @param slowness how long a slow invocation waits before it starts: more than the visibility timeout */
    public FaultyTrigger(LambdaFunction function, FaultPlan plan, FaultStats stats, Duration slowness) {
        this.function = function;
        this.plan = plan;
        this.stats = stats;
        this.slowness = slowness;
        Random random = new Random(plan.seed() ^ function.name().hashCode());
        this.slow = new FaultSchedule(plan.slowHandler(), random);
        this.duplicate = new FaultSchedule(plan.duplicateDelivery(), random);
        this.crash = new FaultSchedule(plan.consumerCrash(), random);
    }

    @Override
    public String name() {
        return function.name();
    }

    @Override
    public JsonNode invoke(JsonNode event) {
        if (slow.fires()) {
            stats.fired("slow-handler");
            pause(slowness);
        }
        JsonNode response = function.invoke(event);
        if (duplicate.fires()) {
            stats.fired("duplicate-delivery");
            response = function.invoke(event);
        }
        if (crash.fires()) {
            stats.fired("consumer-crash");
            throw new FunctionErrorException(function.name(),
                    new IllegalStateException("injected crash after side effects, before the batch response"));
        }
        return response;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
