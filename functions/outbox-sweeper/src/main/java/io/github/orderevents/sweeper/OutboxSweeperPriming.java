package io.github.orderevents.sweeper;

import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.dynamo.DynamoPendingOutbox;
import io.github.orderevents.aws.priming.OutboxWarmUps;
import io.github.orderevents.aws.priming.SnapStartPriming;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.github.orderevents.aws.priming.SnapStartPriming.step;

/**
 * OutboxSweeperHandler's SnapStart priming: the pending-by-age queries of a sweep that finds nothing (no row is
 * older than 1970), then the relay's warm-ups. A real sweep would publish stale rows and report metrics.
 */
final class OutboxSweeperPriming {
    private OutboxSweeperPriming() {
    }

    static SnapStartPriming register(Env env, AwsClients aws) {
        return SnapStartPriming.register("outbox-sweeper", () -> {
            DynamoPendingOutbox pending = new DynamoPendingOutbox(aws.dynamoDb(), env.require("OUTBOX_TABLE"));
            List<SnapStartPriming.Step> steps = new ArrayList<>();
            steps.add(step("pending-by-age Query", () -> {
                if (!pending.pendingSince(Instant.EPOCH, 1).isEmpty()) {
                    throw new IllegalStateException("an outbox row older than 1970");
                }
            }));
            steps.addAll(OutboxWarmUps.relaySteps(env, aws));
            return steps;
        });
    }
}
