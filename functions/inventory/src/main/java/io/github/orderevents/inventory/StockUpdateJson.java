package io.github.orderevents.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.Json;
import io.github.orderevents.domain.InvalidRequestException;
import io.github.orderevents.domain.inventory.StockRules;

import java.util.Iterator;

/** Reads a PUT /inventory/{sku} body, {@code {"available": N}}, and checks it with the SKU. */
final class StockUpdateJson {
    private StockUpdateJson() {
    }

    static long parse(String sku, String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(null, "request body is not valid JSON: " + e.getOriginalMessage());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(null, "request body is not valid JSON: a number is out of range");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException(null, "request body must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("available")) {
                String shown = name.length() > 64 ? name.substring(0, 64) + "…" : name;
                throw new InvalidRequestException(shown, "unknown field '" + shown + "'");
            }
        }
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
