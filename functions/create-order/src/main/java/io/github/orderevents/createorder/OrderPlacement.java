package io.github.orderevents.createorder;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.orderevents.aws.JsonLog;
import io.github.orderevents.aws.http.ApiException;
import io.github.orderevents.aws.http.ApiRequests;
import io.github.orderevents.domain.OrderRules;
import io.github.orderevents.domain.OrderService;
import io.github.orderevents.domain.PlaceOrder;
import io.github.orderevents.domain.RequestContext;
import software.amazon.lambda.powertools.idempotency.Idempotency;
import software.amazon.lambda.powertools.idempotency.exceptions.IdempotencyAlreadyInProgressException;
import software.amazon.lambda.powertools.idempotency.exceptions.IdempotencyValidationException;

import java.util.Optional;

/** POST /orders: reads and validates the request, then places it, through idempotency when keyed. */
final class OrderPlacement {
    private static final JsonLog LOG = JsonLog.of(OrderPlacement.class);

    private final OrderService orders;
    private final IdempotentPlacement idempotent;

    OrderPlacement(OrderService orders) {
        this.orders = orders;
        this.idempotent = new IdempotentPlacement(orders);
    }

    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent in, Context context) {
        ApiRequests.requireJsonContent(in);
        String correlationId = ApiRequests.correlationId(in);
        Optional<String> key = ApiRequests.idempotencyKey(in);
        PlaceOrder request = PlaceOrderJson.parse(ApiRequests.body(in));
        // Validated before idempotency, so a rejected request leaves no record behind to block a fixed retry.
        OrderRules.validate(request);
        StoredResponse response = key.isEmpty()
                ? StoredResponse.created(orders.place(request, new RequestContext(correlationId, Optional.empty())))
                : placeOnce(request, key.get(), correlationId, context);
        LOG.info("order accepted", "correlationId", correlationId, "orderId", response.body().get("orderId"),
                "idempotencyKey", key.orElse(null));
        return response.toApiResponse();
    }

    private StoredResponse placeOnce(PlaceOrder request, String key, String correlationId, Context context) {
        Idempotency.registerLambdaContext(context);
        try {
            return idempotent.place(new KeyedPlacement(request.customerId() + "/" + key, request, key, correlationId));
        } catch (IdempotencyValidationException e) {
            throw new io.github.orderevents.domain.IdempotencyConflictException(
                    "the Idempotency-Key was already used for a different request");
        } catch (IdempotencyAlreadyInProgressException e) {
            throw new ApiException(409, ApiRequests.IDEMPOTENCY_HEADER,
                    "a request with this Idempotency-Key is still in progress; retry shortly");
        }
    }
}
