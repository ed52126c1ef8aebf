package io.github.orderevents.createorder;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.orderevents.aws.JsonLog;
import io.github.orderevents.aws.http.ApiException;
import io.github.orderevents.aws.http.ApiHandling;
import io.github.orderevents.aws.http.ApiRequests;
import io.github.orderevents.domain.IdempotencyConflictException;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderItem;
import io.github.orderevents.domain.OrderService;
import io.github.orderevents.domain.PlaceOrder;
import io.github.orderevents.domain.Priority;
import io.github.orderevents.domain.RequestContext;
import io.github.orderevents.domain.ValidPlaceOrder;
import software.amazon.lambda.powertools.idempotency.Idempotency;
import software.amazon.lambda.powertools.idempotency.IdempotencyConfig;
import software.amazon.lambda.powertools.idempotency.IdempotencyKey;
import software.amazon.lambda.powertools.idempotency.Idempotent;
import software.amazon.lambda.powertools.idempotency.exceptions.IdempotencyAlreadyInProgressException;
import software.amazon.lambda.powertools.idempotency.exceptions.IdempotencyValidationException;

import java.util.List;
import java.util.Optional;

/**
 * POST /orders: reads and validates the request, then places it, at most once per Idempotency-Key when
 * one is sent. {@code @Idempotent} is woven in at compile time (aspectj-maven-plugin): the first call
 * runs and its response is stored; a repeat with the same key and request gets the stored response
 * without running; the same key with another request is a conflict; a repeat while the first still
 * runs is told to retry.
 */
class OrderPlacement {
    private static final JsonLog LOG = JsonLog.of(OrderPlacement.class);

    private final OrderService orders;
    private final PlacementMetrics metrics;

    OrderPlacement(OrderService orders, PlacementMetrics metrics) {
        this.orders = orders;
        this.metrics = metrics;
    }

    /** The Powertools settings that go with {@link Keyed}: which field is the key, which is hashed. */
    static IdempotencyConfig.Builder keyedSettings(IdempotencyConfig.Builder settings) {
        return settings.withEventKeyJMESPath("idempotencyKey").withPayloadValidationJMESPath("request");
    }

    /** The API's answer to {@code in}, a 4xx naming the problem for a bad request; every answer is counted. */
    APIGatewayProxyResponseEvent respond(APIGatewayProxyRequestEvent in, Context context) {
        APIGatewayProxyResponseEvent response = ApiHandling.respond(in, () -> handle(in, context));
        metrics.answered(response.getStatusCode());
        return response;
    }

    private APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent in, Context context) {
        ApiRequests.requireJsonContent(in);
        String correlationId = ApiRequests.correlationId(in);
        Optional<String> key = ApiRequests.idempotencyKey(in);
        // Validated before idempotency, so a rejected request leaves no record behind to block a fixed retry.
        ValidPlaceOrder order = new ValidPlaceOrder(PlaceOrderJson.parse(ApiRequests.body(in)));
        StoredResponse response = key.isEmpty()
                ? StoredResponse.created(placed(orders.place(order, new RequestContext(correlationId, Optional.empty()))))
                : placeOnce(order, key.get(), correlationId, context);
        LOG.info("order accepted", "correlationId", correlationId, "orderId", response.body().get("orderId"),
                "idempotencyKey", key.orElse(null));
        return response.toApiResponse();
    }

    private StoredResponse placeOnce(ValidPlaceOrder order, String key, String correlationId, Context context) {
        Idempotency.registerLambdaContext(context);
        try {
            return place(Keyed.of(order, key, correlationId));
        } catch (IdempotencyValidationException e) {
            throw new IdempotencyConflictException("the Idempotency-Key was already used for a different request");
        } catch (IdempotencyAlreadyInProgressException e) {
            throw new ApiException(409, ApiRequests.IDEMPOTENCY_HEADER,
                    "a request with this Idempotency-Key is still in progress; retry shortly");
        }
    }

    /** Runs only when the key has no stored answer yet: a repeat gets that answer without placing (or counting). */
    @Idempotent
    public StoredResponse place(@IdempotencyKey Keyed keyed) {
        return StoredResponse.created(placed(orders.place(keyed.order(),
                new RequestContext(keyed.correlationId(), Optional.of(keyed.rawKey())))));
    }

    private Order placed(Order order) {
        metrics.placed(order);
        return order;
    }

    /**
     * What Powertools idempotency sees of a keyed request: {@code idempotencyKey} is the record's key
     * (scoped to the customer, so two customers' keys never collide) and {@code request} is hashed to
     * detect a key reused with another body. The correlation id is deliberately not part of either.
     */
    record Keyed(String idempotencyKey, ValidPlaceOrder order, String rawKey, String correlationId, Object request) {
        static Keyed of(ValidPlaceOrder order, String rawKey, String correlationId) {
            PlaceOrder request = order.request();
            Object hashed = request.priority() == Priority.STANDARD
                    ? new StandardRequest(request.customerId(), request.items(), request.currency())
                    : request;
            return new Keyed(request.customerId() + "/" + rawKey, order, rawKey, correlationId, hashed);
        }
    }

    /**
     * A standard request hashed as every request was before orders had a priority (the same fields, in the
     * same order), so a repeat of a request made before lanes existed still matches its stored record.
     */
    record StandardRequest(String customerId, List<OrderItem> items, String currency) {
    }
}
