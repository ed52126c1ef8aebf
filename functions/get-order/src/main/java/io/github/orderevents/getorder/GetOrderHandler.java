package io.github.orderevents.getorder;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.dynamo.DynamoOrderReader;
import io.github.orderevents.aws.http.ApiHandling;
import io.github.orderevents.aws.http.ApiResponses;
import io.github.orderevents.aws.http.OrderJson;
import io.github.orderevents.domain.OrderQueries;
import io.github.orderevents.domain.Sleeper;
import java.time.Clock;

/** GET /orders/{orderId}[?waitSeconds=N]. Environment: ORDERS_TABLE. */
public final class GetOrderHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final OrderQueries queries;

    public GetOrderHandler() {
        this(Env.current(), AwsClients.fromEnvironment());
    }

    GetOrderHandler(Env env, AwsClients aws) {
        this(new OrderQueries(new DynamoOrderReader(aws.dynamoDb(), env.require("ORDERS_TABLE")),
                Clock.systemUTC(), Sleeper.system()));
        GetOrderPriming.register(this);
    }

    GetOrderHandler(OrderQueries queries) {
        this.queries = queries;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent in, Context context) {
        return ApiHandling.respond(in, () -> ApiResponses.json(200,
                OrderJson.of(GetOrderRequest.from(in, context).readFrom(queries))));
    }
}
