package io.github.orderevents.notification;

import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.priming.MetricsWarmUps;
import io.github.orderevents.aws.priming.SampleEvents;
import io.github.orderevents.aws.priming.SnapStartPriming;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.List;
import java.util.Map;

import static io.github.orderevents.aws.priming.SnapStartPriming.KEY;
import static io.github.orderevents.aws.priming.DynamoWarmUps.refusedPut;
import static io.github.orderevents.aws.priming.DynamoWarmUps.refusedTransaction;
import static io.github.orderevents.aws.priming.DynamoWarmUps.refusedUpdate;
import static io.github.orderevents.aws.priming.DynamoWarmUps.s;
import static io.github.orderevents.aws.priming.SnapStartPriming.step;
import static io.github.orderevents.aws.priming.SqsWarmUps.emptyBatch;

/**
 * NotificationHandler's SnapStart priming: a batch of each event type decoded as the consumer does, the
 * notification and checkpoint transaction refused, an empty batch to the dead-letter queue, and an EMF metrics
 * line serialized and dropped.
 */
final class NotificationPriming {
    private NotificationPriming() {
    }

    static SnapStartPriming register(Env env, AwsClients aws) {
        DynamoDbClient dynamo = aws.dynamoDb();
        return SnapStartPriming.register("notification", () -> List.of(
                step("SQS event decode", () -> SampleEvents.decode(SampleEvents.sqsEvent(SampleEvents.orderPlaced(),
                        SampleEvents.orderConfirmed(), SampleEvents.orderRejected()))),
                step("notification and checkpoint TransactWriteItems refused", refusedTransaction(dynamo,
                        refusedPut(env.require("NOTIFICATIONS_TABLE"), "customerId",
                                Map.of("customerId", s(KEY), "notificationId", s(KEY))),
                        refusedUpdate(env.require("CHECKPOINTS_TABLE"), Map.of("checkpointId", s(KEY))))),
                step("dead-letter queue SendMessageBatch, empty",
                        emptyBatch(aws.build(SqsClient.builder(), "SQS"), env.require("DEAD_LETTER_QUEUE_URL"))),
                MetricsWarmUps.emfLine()));
    }
}
