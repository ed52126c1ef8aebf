package io.github.orderevents.redrive;

import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.Json;
import io.github.orderevents.aws.events.EventCodec;
import io.github.orderevents.aws.priming.SampleEvents;
import io.github.orderevents.aws.priming.SnapStartPriming;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.github.orderevents.aws.priming.SnapStartPriming.step;
import static io.github.orderevents.aws.priming.SqsWarmUps.emptyBatch;

/**
 * DlqRedriveHandler's SnapStart priming: a redrive request read, a dead-lettered body inspected and an
 * answer written; an empty batch to each source queue. Receiving from a dead-letter queue, even to peek,
 * would hide its messages and count a receive, so the tool's receive is not warmed.
 */
final class DlqRedrivePriming {
    private DlqRedrivePriming() {
    }

    static SnapStartPriming register(Env env, AwsClients aws) {
        RedriveQueues queues = RedriveQueues.parse(env.require(RedriveQueues.VARIABLE));
        SqsClient sqs = aws.build(SqsClient.builder(), "SQS");
        String request = "{\"action\": \"redrive\", \"queue\": \"" + queues.names().iterator().next()
                + "\", \"dryRun\": true, \"max\": 10}";
        List<SnapStartPriming.Step> steps = new ArrayList<>();
        steps.add(step("redrive request, dead-lettered body and answer JSON", () -> {
            RedriveRequest.parse(request.getBytes(StandardCharsets.UTF_8), queues.names());
            Json.write(EventCodec.decodeLenient(EventCodec.encode(SampleEvents.orderPlaced())));
        }));
        queues.routes().values().forEach(route -> steps.add(step("SendMessageBatch, empty, " + route.sourceQueueUrl(),
                emptyBatch(sqs, route.sourceQueueUrl()))));
        return SnapStartPriming.register("dlq-redrive", () -> List.of(steps.toArray(SnapStartPriming.Step[]::new)));
    }
}
