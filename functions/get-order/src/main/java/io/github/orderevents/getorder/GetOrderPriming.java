package io.github.orderevents.getorder;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.orderevents.aws.dynamo.OrderItems;
import io.github.orderevents.aws.http.ApiResponses;
import io.github.orderevents.aws.http.OrderJson;
import io.github.orderevents.aws.priming.SampleEvents;
import io.github.orderevents.aws.priming.SnapStartPriming;
import io.github.orderevents.domain.Priority;
import io.github.orderevents.domain.HistoryEntry;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderPlaced;
import io.github.orderevents.domain.OrderStatus;

import java.util.List;
import java.util.Map;

import static io.github.orderevents.aws.priming.SnapStartPriming.KEY;
import static io.github.orderevents.aws.priming.SnapStartPriming.step;

/**
 * GetOrderHandler's SnapStart priming. The function only reads, so it handles a real GET of an order that
 * cannot exist (404, one GetItem), then maps and answers an order as a found one would be.
 */
final class GetOrderPriming {
    private GetOrderPriming() {
    }

    static SnapStartPriming register(RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler) {
        APIGatewayProxyRequestEvent get = new APIGatewayProxyRequestEvent().withHttpMethod("GET")
                .withPath("/orders/" + KEY).withPathParameters(Map.of("orderId", KEY));
        return SnapStartPriming.register("get-order", () -> List.of(
                step("GET /orders/{orderId}, not found", () -> {
                    int status = handler.handleRequest(get, null).getStatusCode();
                    if (status != 404) {
                        throw new IllegalStateException("GET of the priming order answered " + status);
                    }
                }),
                step("order item to JSON", () -> {
                    OrderEvent placed = SampleEvents.orderPlaced();
                    OrderPlaced payload = (OrderPlaced) placed.payload();
                    Order order = new Order(KEY, KEY, OrderStatus.PENDING, payload.items(), payload.currency(),
                            payload.total(), 1, List.of(new HistoryEntry(1, placed.eventType(), placed.eventId(),
                            placed.occurredAt(), OrderStatus.PENDING)), placed.occurredAt(), placed.occurredAt(), null, KEY, Priority.STANDARD);
                    ApiResponses.json(200, OrderJson.of(OrderItems.fromItem(OrderItems.toItem(order))));
                })));
    }
}
