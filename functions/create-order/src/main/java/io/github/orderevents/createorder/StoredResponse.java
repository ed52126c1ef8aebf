package io.github.orderevents.createorder;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.orderevents.aws.http.ApiResponses;
import io.github.orderevents.aws.http.OrderJson;
import io.github.orderevents.domain.Order;

import java.util.Map;

/**
 * The answer to a POST /orders, in the form Powertools stores in the idempotency table and hands back
 * for a repeat of the same request: the repeat gets the same status, Location and body.
 */
record StoredResponse(int status, String location, Map<String, Object> body) {

    static StoredResponse created(Order order) {
        return new StoredResponse(201, "/orders/" + order.orderId(), OrderJson.of(order));
    }

    APIGatewayProxyResponseEvent toApiResponse() {
        return ApiResponses.json(status, body, Map.of("Location", location));
    }
}
