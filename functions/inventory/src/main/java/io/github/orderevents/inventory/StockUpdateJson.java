package io.github.orderevents.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.http.JsonBody;
import io.github.orderevents.domain.InvalidRequestException;
import io.github.orderevents.domain.inventory.StockRules;

import java.util.Set;


/** Reads a PUT /inventory/{sku} body, {@code {"available": N}}, and checks it with the SKU. */
final class StockUpdateJson {
    private StockUpdateJson() {
    }

    static long parse(String sku, String body) {
        JsonNode root = JsonBody.object(body);
        JsonBody.rejectUnknownFields(root, Set.of("available"), "");
        JsonNode available = root.get("available");
        if (available == null || available.isNull()) {
            throw new InvalidRequestException("available", "available is required");
        }
        if (!available.isIntegralNumber() || !available.canConvertToLong()) {
            throw new InvalidRequestException("available", "available must be a whole number");
        }
        StockRules.validate(sku, available.longValue());
        return available.longValue();
    }
}
