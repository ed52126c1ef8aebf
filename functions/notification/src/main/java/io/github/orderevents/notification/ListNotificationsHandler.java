package io.github.orderevents.notification;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.dynamo.DynamoNotificationHistory;
import io.github.orderevents.aws.http.ApiHandling;
import io.github.orderevents.aws.http.ApiResponses;
import io.github.orderevents.domain.notification.NotificationHistory;

/** GET /customers/{customerId}/notifications[?limit=N&nextToken=T]: a customer's notifications in
 * event order. Environment: NOTIFICATIONS_TABLE. */
public final class ListNotificationsHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final NotificationHistory history;

    public ListNotificationsHandler() {
        this(Env.current(), AwsClients.fromEnvironment());
    }

    ListNotificationsHandler(Env env, AwsClients aws) {
        this(new DynamoNotificationHistory(aws.dynamoDb(), env.require("NOTIFICATIONS_TABLE")));
        ListNotificationsPriming.register(this);
    }

    ListNotificationsHandler(NotificationHistory history) {
        this.history = history;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent in, Context context) {
        return ApiHandling.respond(in, () -> {
            ListNotificationsRequest request = ListNotificationsRequest.from(in);
            return ApiResponses.json(200, NotificationPageJson.of(request.customerId(), request.readFrom(history)));
        });
    }
}
