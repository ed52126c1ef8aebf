package io.github.orderevents.domain;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules an order must satisfy before anything is written. */
public final class OrderRules {
    public static final int MAX_CUSTOMER_ID_LENGTH = 64;
    public static final int MAX_ITEMS = 100;
    /**
     * Inventory reserves every SKU of an order in one TransactWriteItems (at most 100 actions), next to
     * the order update and the outbox row: so at most 98 different SKUs (lines may repeat a SKU).
     */
    public static final int MAX_DISTINCT_SKUS = 98;
    public static final int MIN_QUANTITY = 1;
    public static final int MAX_QUANTITY = 1000;
    public static final int MAX_PRICE_SCALE = 2;
    /** Upper bound on a unit price: keeps totals well inside what every consumer can represent. */
    public static final BigDecimal MAX_UNIT_PRICE = new BigDecimal("1000000");
    public static final Pattern SKU = Pattern.compile("[A-Z0-9-]{1,32}");
    /** Customer ids become SQS message group ids (at most 128 chars of a restricted set) and log fields. */
    public static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9._:@-]{1," + MAX_CUSTOMER_ID_LENGTH + "}");
    /**
     * The currencies orders may be placed in: circulating ISO 4217 currencies. Not every code Java
     * knows: that list also holds "no currency" (XXX), the test code (XTS), metals (XAU), accounting
     * units (XDR) and withdrawn currencies (DEM, HRK, ...). Extend it when the business sells in more.
     */
    public static final Set<String> CURRENCIES = Set.of(
            "AED", "ARS", "AUD", "BGN", "BHD", "BRL", "CAD", "CHF", "CLP", "CNY", "COP", "CZK", "DKK", "EGP",
            "EUR", "GBP", "HKD", "HUF", "IDR", "ILS", "INR", "ISK", "JOD", "JPY", "KES", "KRW", "KWD", "MAD",
            "MXN", "MYR", "NGN", "NOK", "NZD", "OMR", "PEN", "PHP", "PLN", "QAR", "RON", "SAR", "SEK", "SGD",
            "THB", "TRY", "TWD", "UAH", "USD", "UYU", "VND", "ZAR");

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
            throw new InvalidRequestException("currency",
                    "currency must be the ISO 4217 code of a currency we accept, such as EUR");
        }
        if (order.items().isEmpty()) {
            throw new InvalidRequestException("items", "items must hold at least one item");
        }
        if (order.items().size() > MAX_ITEMS) {
            throw new InvalidRequestException("items", "items must hold at most " + MAX_ITEMS + " items");
        }
        long distinctSkus = order.items().stream().map(OrderItem::sku).distinct().count();
        if (distinctSkus > MAX_DISTINCT_SKUS) {
            throw new InvalidRequestException("items", "items may name at most " + MAX_DISTINCT_SKUS + " different SKUs");
        }
        int decimals = Math.min(MAX_PRICE_SCALE, Currency.getInstance(order.currency()).getDefaultFractionDigits());
        for (int i = 0; i < order.items().size(); i++) {
            validate(order.items().get(i), "items[" + i + "]", decimals);
        }
    }

    private static void validate(OrderItem item, String path, int decimals) {
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
        if (price.stripTrailingZeros().scale() > decimals) {
            throw new InvalidRequestException(path + ".unitPrice", decimals == 0
                    ? "unitPrice must be a whole amount in this currency"
                    : "unitPrice must have at most " + decimals + " decimals");
        }
        if (price.compareTo(MAX_UNIT_PRICE) > 0) {
            throw new InvalidRequestException(path + ".unitPrice", "unitPrice must be at most " + MAX_UNIT_PRICE);
        }
    }
}
