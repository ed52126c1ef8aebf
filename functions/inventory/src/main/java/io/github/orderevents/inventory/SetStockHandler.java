package io.github.orderevents.inventory;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.JsonLog;
import io.github.orderevents.aws.dynamo.DynamoStockLevels;
import io.github.orderevents.aws.http.ApiHandling;
import io.github.orderevents.aws.http.ApiRequests;
import io.github.orderevents.aws.http.ApiResponses;
import io.github.orderevents.domain.inventory.StockLevel;
import io.github.orderevents.domain.inventory.StockLevels;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** PUT /inventory/{sku} {"available": N}: sets a SKU's available units. Environment: STOCK_TABLE. */
public final class SetStockHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final JsonLog LOG = JsonLog.of(SetStockHandler.class);
    private final StockLevels stock;

    public SetStockHandler() {
        this(Env.current(), AwsClients.fromEnvironment());
    }

    SetStockHandler(Env env, AwsClients aws) {
        this(new DynamoStockLevels(aws.dynamoDb(), env.require("STOCK_TABLE"), Clock.systemUTC()));
    }

    SetStockHandler(StockLevels stock) {
        this.stock = stock;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent in, Context context) {
        return ApiHandling.respond(in, () -> {
            ApiRequests.requireJsonContent(in);
            // Every check before the write: a refused request changes nothing.
            String correlationId = ApiRequests.correlationId(in);
            String sku = ApiRequests.pathParameter(in, "sku");
            long available = StockUpdateJson.parse(sku, ApiRequests.body(in));
            StockLevel level = stock.setAvailable(sku, available);
            LOG.info("stock set", "sku", sku, "available", level.available(), "reserved", level.reserved(),
                    "correlationId", correlationId);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("sku", level.sku());
            body.put("available", level.available());
            body.put("reserved", level.reserved());
            return ApiResponses.json(200, body);
        });
    }
}
