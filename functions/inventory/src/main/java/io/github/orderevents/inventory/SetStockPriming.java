package io.github.orderevents.inventory;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.http.ApiResponses;
import io.github.orderevents.aws.priming.SnapStartPriming;

import java.util.List;
import java.util.Map;

import static io.github.orderevents.aws.priming.SnapStartPriming.KEY;
import static io.github.orderevents.aws.priming.DynamoWarmUps.refusedUpdateItem;
import static io.github.orderevents.aws.priming.DynamoWarmUps.s;
import static io.github.orderevents.aws.priming.SnapStartPriming.step;

/** SetStockHandler's SnapStart priming: a PUT read and answered, and its stock UpdateItem refused. */
final class SetStockPriming {
    private SetStockPriming() {
    }

    static SnapStartPriming register(Env env, AwsClients aws) {
        APIGatewayProxyRequestEvent put = new APIGatewayProxyRequestEvent().withHttpMethod("PUT")
                .withPath("/inventory/SKU-PRIMING-1").withPathParameters(Map.of("sku", "SKU-PRIMING-1"))
                .withHeaders(Map.of("Content-Type", "application/json")).withBody("{\"available\": 5}");
        return SnapStartPriming.register("set-stock", () -> List.of(
                step("PUT /inventory/{sku} request and response", () -> {
                    SetStockRequest request = SetStockRequest.from(put);
                    ApiResponses.json(200, Map.of("sku", request.sku(), "available", request.available()));
                }),
                step("stock UpdateItem refused", refusedUpdateItem(aws.dynamoDb(), env.require("STOCK_TABLE"),
                        Map.of("sku", s(KEY))))));
    }
}
