package io.github.orderevents.notification;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.dynamo.DynamoNotifications;
import io.github.orderevents.consumer.FifoEventConsumer;
import io.github.orderevents.domain.notification.NotificationService;
import java.time.Clock;

/**
 * The notifications queue's consumer: one notification per order event, in order. Environment:
 * NOTIFICATIONS_TABLE, CHECKPOINTS_TABLE, DEAD_LETTER_QUEUE_URL.
 */
public final class NotificationHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final FifoEventConsumer consumer;

    public NotificationHandler() {
        this(Env.current(), AwsClients.fromEnvironment());
    }

    NotificationHandler(Env env, AwsClients aws) {
        this(FifoEventConsumer.fromEnvironment("notification", new NotificationService(
                new DynamoNotifications(aws.dynamoDb(), env.require("NOTIFICATIONS_TABLE"),
                        env.require("CHECKPOINTS_TABLE"), Clock.systemUTC())), env, aws));
        NotificationPriming.register(env, aws);
    }

    NotificationHandler(FifoEventConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return consumer.handle(event, context);
    }
}
