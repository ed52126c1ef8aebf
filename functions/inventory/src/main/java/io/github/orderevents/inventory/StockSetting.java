package io.github.orderevents.inventory;

import io.github.orderevents.aws.JsonLog;
import io.github.orderevents.domain.inventory.StockLevel;
import io.github.orderevents.domain.inventory.StockLevels;

import java.util.LinkedHashMap;
import java.util.Map;

/** Sets a SKU's available units, logs the change, and answers with the SKU's level as JSON. */
final class StockSetting {
    private static final JsonLog LOG = JsonLog.of(SetStockHandler.class);

    private final StockLevels stock;

    StockSetting(StockLevels stock) {
        this.stock = stock;
    }

    Map<String, Object> set(SetStockRequest request) {
        StockLevel level = stock.setAvailable(request.sku(), request.available());
        LOG.info("stock set", "sku", request.sku(), "available", level.available(), "reserved", level.reserved(),
                "correlationId", request.correlationId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sku", level.sku());
        body.put("available", level.available());
        body.put("reserved", level.reserved());
        return body;
    }
}
