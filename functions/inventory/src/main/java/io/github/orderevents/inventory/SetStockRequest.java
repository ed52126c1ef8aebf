package io.github.orderevents.inventory;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.github.orderevents.aws.http.ApiRequests;

/** A validated PUT /inventory/{sku} {"available": N}, with the correlation id it came with. */
record SetStockRequest(String sku, long available, String correlationId) {

    /** Every check happens here, before the write: a refused request changes nothing. */
    static SetStockRequest from(APIGatewayProxyRequestEvent in) {
        ApiRequests.requireJsonContent(in);
        String correlationId = ApiRequests.correlationId(in);
        String sku = ApiRequests.pathParameter(in, "sku");
        return new SetStockRequest(sku, StockUpdateJson.parse(sku, ApiRequests.body(in)), correlationId);
    }
}
