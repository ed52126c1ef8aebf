package io.github.orderevents.notification;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.orderevents.aws.priming.SnapStartPriming;

import java.util.List;
import java.util.Map;

import static io.github.orderevents.aws.priming.SnapStartPriming.KEY;
import static io.github.orderevents.aws.priming.SnapStartPriming.step;

/** ListNotificationsHandler's SnapStart priming: the function only reads, so it handles a real GET (one Query). */
final class ListNotificationsPriming {
    private ListNotificationsPriming() {
    }

    static SnapStartPriming register(RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler) {
        APIGatewayProxyRequestEvent get = new APIGatewayProxyRequestEvent().withHttpMethod("GET")
                .withPath("/customers/" + KEY + "/notifications").withPathParameters(Map.of("customerId", KEY))
                .withQueryStringParameters(Map.of("limit", "10"));
        return SnapStartPriming.register("list-notifications", () -> List.of(step("GET /customers/{customerId}/notifications", () -> {
            int status = handler.handleRequest(get, null).getStatusCode();
            if (status != 200) {
                throw new IllegalStateException("GET of the priming customer's notifications answered " + status);
            }
        })));
    }
}
