package io.github.orderevents.createorder;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.dynamo.DynamoOrderStore;
import io.github.orderevents.aws.idempotency.IdempotencyStore;
import io.github.orderevents.aws.metrics.Metrics;
import io.github.orderevents.domain.Ids;
import io.github.orderevents.domain.OrderService;

import java.time.Clock;

/** POST /orders. Environment: ORDERS_TABLE, OUTBOX_TABLE, IDEMPOTENCY_TABLE. */
public final class CreateOrderHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final OrderPlacement placement;

    public CreateOrderHandler() {
        this(Env.current(), AwsClients.fromEnvironment(), Metrics.forLambda());
    }

    CreateOrderHandler(Env env, AwsClients aws, Metrics metrics) {
        this(new OrderService(new DynamoOrderStore(aws.dynamoDb(), env.require("ORDERS_TABLE"), env.require("OUTBOX_TABLE")),
                Ids.random(), Clock.systemUTC()), metrics);
        IdempotencyStore.configure(env, aws, OrderPlacement::keyedSettings);
        CreateOrderPriming.register(env, aws);
    }

    CreateOrderHandler(OrderService orders, Metrics metrics) {
        this.placement = new OrderPlacement(orders, new PlacementMetrics(metrics));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent in, Context context) {
        return placement.respond(in, context);
    }
}
