package io.github.orderevents.createorder;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.http.JsonBody;
import io.github.orderevents.domain.InvalidRequestException;
import io.github.orderevents.domain.OrderItem;
import io.github.orderevents.domain.PlaceOrder;
import io.github.orderevents.domain.Priority;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a POST /orders body into a {@link PlaceOrder}, checking JSON types and refusing unknown
 * fields (a misspelt field is an error, not a silent default). Range rules are {@code OrderRules}'.
 * {@code priority} ("standard" or "express") is optional: without it the order is standard.
 */
final class PlaceOrderJson {
    private static final Set<String> ORDER_FIELDS = Set.of("customerId", "items", "currency", "priority");
    private static final Set<String> ITEM_FIELDS = Set.of("sku", "quantity", "unitPrice");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,12}(\\.\\d{1,12})?");

    private PlaceOrderJson() {
    }

    static PlaceOrder parse(String body) {
        JsonNode root = JsonBody.object(body);
        JsonBody.rejectUnknownFields(root, ORDER_FIELDS, "");
        String customerId = optionalText(root, "customerId", "customerId");
        String currency = optionalText(root, "currency", "currency");
        JsonNode items = root.get("items");
        if (items == null || items.isNull()) {
            throw new InvalidRequestException("items", "items is required");
        }
        if (!items.isArray()) {
            throw new InvalidRequestException("items", "items must be an array");
        }
        if (items.size() > io.github.orderevents.domain.OrderRules.MAX_ITEMS) {
            // Checked before reading items, so a huge array costs no more than its parse.
            throw new InvalidRequestException("items",
                    "items must hold at most " + io.github.orderevents.domain.OrderRules.MAX_ITEMS + " items");
        }
        List<OrderItem> lines = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            lines.add(item(items.get(i), "items[" + i + "]"));
        }
        return new PlaceOrder(customerId, lines, currency, priority(root));
    }

    /** Optional: a request that names no priority (or null) is standard; anything but a lane's name is refused. */
    private static Priority priority(JsonNode root) {
        String name = optionalText(root, "priority", "priority");
        if (name == null) {
            return Priority.STANDARD;
        }
        return Priority.parse(name).orElseThrow(() ->
                new InvalidRequestException("priority", "priority must be \"standard\" or \"express\""));
    }

    private static OrderItem item(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new InvalidRequestException(path, path + " must be an object");
        }
        JsonBody.rejectUnknownFields(node, ITEM_FIELDS, path + ".");
        String sku = optionalText(node, "sku", path + ".sku");
        if (sku == null) {
            throw new InvalidRequestException(path + ".sku", "sku is required");
        }
        JsonNode quantity = node.get("quantity");
        if (quantity == null || quantity.isNull()) {
            throw new InvalidRequestException(path + ".quantity", "quantity is required");
        }
        if (!quantity.isIntegralNumber() || !quantity.canConvertToInt()) {
            throw new InvalidRequestException(path + ".quantity", "quantity must be a whole number");
        }
        return new OrderItem(sku, quantity.intValue(), price(node.get("unitPrice"), path + ".unitPrice"));
    }

    /** A price as a JSON string ("19.99", preferred: exact everywhere) or a JSON number. */
    private static BigDecimal price(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            throw new InvalidRequestException(path, "unitPrice is required");
        }
        String text;
        if (node.isTextual()) {
            text = node.textValue();
        } else if (node.isNumber()) {
            BigDecimal value = node.decimalValue();
            // Bounded before toPlainString: 1e2147483647 would expand to two billion digits.
            if (value.scale() > 12 || value.scale() < -12 || value.precision() - value.scale() > 12) {
                throw new InvalidRequestException(path, "unitPrice must be a decimal such as \"19.99\"");
            }
            text = value.toPlainString();
        } else {
            throw new InvalidRequestException(path, "unitPrice must be a decimal string such as \"19.99\"");
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new InvalidRequestException(path, "unitPrice must be a decimal such as \"19.99\"");
        }
        return new BigDecimal(text);
    }

    private static String optionalText(JsonNode node, String name, String path) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidRequestException(path, name + " must be a string");
        }
        return value.textValue();
    }
}
