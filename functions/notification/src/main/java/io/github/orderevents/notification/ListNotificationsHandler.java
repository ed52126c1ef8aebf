package io.github.orderevents.notification;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.dynamo.DynamoNotificationHistory;
import io.github.orderevents.aws.http.ApiException;
import io.github.orderevents.aws.http.ApiHandling;
import io.github.orderevents.aws.http.ApiRequests;
import io.github.orderevents.aws.http.ApiResponses;
import io.github.orderevents.domain.OrderRules;
import io.github.orderevents.domain.notification.Notification;
import io.github.orderevents.domain.notification.NotificationHistory;
import io.github.orderevents.domain.notification.NotificationPage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GET /customers/{customerId}/notifications[?limit=N&nextToken=T]: a customer's notifications in
 * event order. Environment: NOTIFICATIONS_TABLE.
 */
public final class ListNotificationsHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;
    private final NotificationHistory history;

    public ListNotificationsHandler() {
        this(Env.current(), AwsClients.fromEnvironment());
    }

    ListNotificationsHandler(Env env, AwsClients aws) {
        this(new DynamoNotificationHistory(aws.dynamoDb(), env.require("NOTIFICATIONS_TABLE")));
    }

    ListNotificationsHandler(NotificationHistory history) {
        this.history = history;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent in, Context context) {
        return ApiHandling.respond(in, () -> {
            String customerId = ApiRequests.pathParameter(in, "customerId");
            if (!OrderRules.CUSTOMER_ID.matcher(customerId).matches()) {
                throw new ApiException(400, "customerId", "customerId must be 1 to 64 of letters, digits and . _ : @ -");
            }
            int limit = ApiRequests.queryParameter(in, "limit").map(raw -> {
                if (!raw.matches("\\d{1,3}") || Integer.parseInt(raw) < 1 || Integer.parseInt(raw) > MAX_LIMIT) {
                    throw new ApiException(400, "limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
                }
                return Integer.parseInt(raw);
            }).orElse(DEFAULT_LIMIT);
            NotificationPage page;
            try {
                page = history.list(customerId, limit, ApiRequests.queryParameter(in, "nextToken"));
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "nextToken", e.getMessage());
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("customerId", customerId);
            body.put("notifications", page.notifications().stream().map(ListNotificationsHandler::json).toList());
            page.nextToken().ifPresent(token -> body.put("nextToken", token));
            return ApiResponses.json(200, body);
        });
    }

    private static Map<String, Object> json(Notification n) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("eventId", n.eventId());
        json.put("eventType", n.eventType().name());
        json.put("orderId", n.orderId());
        json.put("sequence", n.sequence());
        json.put("occurredAt", n.occurredAt().toString());
        json.put("message", n.message());
        return json;
    }
}
