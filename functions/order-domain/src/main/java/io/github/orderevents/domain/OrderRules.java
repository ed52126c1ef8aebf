package io.github.orderevents.domain;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The rules an order must satisfy before anything is written. */
public final class OrderRules {
    public static final int MAX_CUSTOMER_ID_LENGTH = 64;
    public static final int MAX_ITEMS = 100;
    public static final int MIN_QUANTITY = 1;
    public static final int MAX_QUANTITY = 1000;
    public static final int MAX_PRICE_SCALE = 2;
    /** Upper bound on a unit price: keeps totals well inside what every consumer can represent. */
    public static final BigDecimal MAX_UNIT_PRICE = new BigDecimal("1000000");
    public static final Pattern SKU = Pattern.compile("[A-Z0-9-]{1,32}");
    /** Customer ids become SQS message group ids (at most 128 chars of a restricted set) and log fields. */
    public static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9._:@-]{1," + MAX_CUSTOMER_ID_LENGTH + "}");
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    private OrderRules() {
    }

    /** Throws {@link InvalidRequestException} naming the first rule {@code order} breaks. */
    public static void validate(PlaceOrder order) {
        String customerId = order.customerId();
        if (customerId == null || customerId.isBlank()) {
            throw new InvalidRequestException("customerId", "customerId is required");
        }
        if (customerId.length() > MAX_CUSTOMER_ID_LENGTH) {
            throw new InvalidRequestException("customerId",
                    "customerId must be at most " + MAX_CUSTOMER_ID_LENGTH + " characters");
        }
        if (!CUSTOMER_ID.matcher(customerId).matches()) {
            throw new InvalidRequestException("customerId",
                    "customerId may contain only letters, digits and . _ : @ -");
        }
        if (order.currency() == null) {
            throw new InvalidRequestException("currency", "currency is required");
        }
        if (!CURRENCIES.contains(order.currency())) {
            throw new InvalidRequestException("currency", "currency must be an ISO 4217 code such as EUR");
        }
        if (order.items().isEmpty()) {
            throw new InvalidRequestException("items", "items must hold at least one item");
        }
        if (order.items().size() > MAX_ITEMS) {
            throw new InvalidRequestException("items", "items must hold at most " + MAX_ITEMS + " items");
        }
        for (int i = 0; i < order.items().size(); i++) {
            validate(order.items().get(i), "items[" + i + "]");
        }
    }

    private static void validate(OrderItem item, String path) {
        if (!SKU.matcher(item.sku()).matches()) {
            throw new InvalidRequestException(path + ".sku", "sku must match [A-Z0-9-]{1,32}");
        }
        if (item.quantity() < MIN_QUANTITY || item.quantity() > MAX_QUANTITY) {
            throw new InvalidRequestException(path + ".quantity",
                    "quantity must be between " + MIN_QUANTITY + " and " + MAX_QUANTITY);
        }
        BigDecimal price = item.unitPrice();
        if (price.signum() < 0) {
            throw new InvalidRequestException(path + ".unitPrice", "unitPrice must not be negative");
        }
        if (price.stripTrailingZeros().scale() > MAX_PRICE_SCALE) {
            throw new InvalidRequestException(path + ".unitPrice", "unitPrice must have at most 2 decimals");
        }
        if (price.compareTo(MAX_UNIT_PRICE) > 0) {
            throw new InvalidRequestException(path + ".unitPrice", "unitPrice must be at most " + MAX_UNIT_PRICE);
        }
    }
}
