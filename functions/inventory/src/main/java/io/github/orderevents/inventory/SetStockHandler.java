package io.github.orderevents.inventory;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.dynamo.DynamoStockLevels;
import io.github.orderevents.aws.http.ApiHandling;
import io.github.orderevents.aws.http.ApiResponses;
import io.github.orderevents.domain.inventory.StockLevels;

import java.time.Clock;

/** PUT /inventory/{sku} {"available": N}: sets a SKU's available units. Environment: STOCK_TABLE. */
public final class SetStockHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final StockSetting setting;

    public SetStockHandler() {
        this(Env.current(), AwsClients.fromEnvironment());
    }

    SetStockHandler(Env env, AwsClients aws) {
        this(new DynamoStockLevels(aws.dynamoDb(), env.require("STOCK_TABLE"), Clock.systemUTC()));
        SetStockPriming.register(env, aws);
    }

    SetStockHandler(StockLevels stock) {
        this.setting = new StockSetting(stock);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent in, Context context) {
        return ApiHandling.respond(in, () -> ApiResponses.json(200, setting.set(SetStockRequest.from(in))));
    }
}
