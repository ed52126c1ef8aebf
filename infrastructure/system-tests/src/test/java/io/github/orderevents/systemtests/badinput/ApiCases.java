package io.github.orderevents.systemtests.badinput;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.github.orderevents.systemtests.badinput.ApiCase.get;
import static io.github.orderevents.systemtests.badinput.ApiCase.post;
import static io.github.orderevents.systemtests.badinput.ApiCase.postBytes;
import static io.github.orderevents.systemtests.badinput.ApiCase.put;
import static io.github.orderevents.systemtests.badinput.ApiCase.unrouted;

/**
 * The malformed requests of the bad-input suite, one line each. Every request is valid except for the one
 * thing its name says, and aims at data that exists (the seeded customer, SKU and order): a request that
 * slipped through would be answered 2xx and write something, and both are checked.
 */
final class ApiCases {
    private static final String ITEM_FIELD = "items[0]";

    private final String customer;
    private final String sku;
    private final String orderId;

    ApiCases(String customer, String sku, String orderId) {
        this.customer = customer;
        this.sku = sku;
        this.orderId = orderId;
    }

    List<ApiCase> all() {
        List<ApiCase> cases = new ArrayList<>();
        cases.addAll(brokenJson());
        cases.addAll(wrongTypes());
        cases.addAll(boundaries());
        cases.addAll(hugeNumbers());
        cases.addAll(unicode());
        cases.addAll(paths());
        cases.addAll(queries());
        cases.addAll(headers());
        cases.addAll(stockUpdates());
        cases.add(unrouted("DELETE is no method of an order", "DELETE", "/orders/" + orderId));
        cases.add(unrouted("no such resource", "GET", "/admin/users"));
        return cases;
    }

    /** A valid order of one unit of {@code sku} for {@code customer}. */
    static String validOrder(String customer, String sku) {
        return order(quote(customer), items(item(quote(sku), "1", "\"19.99\"")), "\"EUR\"");
    }

    private String validOrder() {
        return validOrder(customer, sku);
    }

    private List<ApiCase> brokenJson() {
        String valid = validOrder();
        return List.of(
                post("truncated JSON", valid.substring(0, valid.length() / 2)).refused(400),
                post("trailing comma", valid.substring(0, valid.length() - 1) + ",}").refused(400),
                post("single-quoted names and strings", valid.replace('"', '\'')).refused(400),
                post("NaN as the quantity", withItem(quote(sku), "NaN", "\"19.99\"")).refused(400),
                post("a comment in the body", valid.replace("{\"customerId\"", "{/* rush */ \"customerId\"")).refused(400),
                post("customerId given twice", valid.replace("{\"customerId\"", "{\"customerId\": \"cust-other\", \"customerId\"")).refused(400),
                post("a second JSON value after the object", valid + " {\"customerId\": \"cust-other\"}").refused(400),
                postBytes("a UTF-8 byte order mark before the object", concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(valid))).refused(400),
                postBytes("invalid UTF-8 in customerId", orderWithRawCustomerId(new byte[]{(byte) 0xC3, (byte) 0x28})).refused(400),
                postBytes("a lone surrogate in the UTF-8 bytes of customerId",
                        orderWithRawCustomerId(new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80})).refused(400),
                postBytes("an overlong UTF-8 encoding of '/' in customerId",
                        orderWithRawCustomerId(new byte[]{(byte) 0xC0, (byte) 0xAF})).refused(400),
                post("an array instead of an object", "[" + valid + "]").refused(400),
                post("the JSON literal null", "null").refused(400),
                post("only whitespace", "  \n\t ").refused(400),
                post("arrays nested 2000 deep", order(quote(customer), "[".repeat(2000) + "]".repeat(2000), "\"EUR\"")).refused(400),
                post("an unknown top-level field", valid.replace("{\"customerId\"", "{\"coupon\": \"FREE\", \"customerId\"")).refused(400, "coupon"),
                post("a misspelt item field", withItemJson("{\"sku\": " + quote(sku) + ", \"quantiy\": 1, \"unitPrice\": \"19.99\"}"))
                        .refused(400, ITEM_FIELD + ".quantiy"),
                post("no body", null).refused(400),
                post("a text/plain body", validOrder()).header("Content-Type", "text/plain").refused(415, "Content-Type"),
                post("an XML body", "<order><customerId>" + customer + "</customerId></order>")
                        .header("Content-Type", "application/xml").refused(415, "Content-Type"));
    }

    private List<ApiCase> wrongTypes() {
        String items = items(validItem());
        return List.of(
                post("customerId is a number", order("42", items, "\"EUR\"")).refused(400, "customerId"),
                post("customerId is an array", order("[" + quote(customer) + "]", items, "\"EUR\"")).refused(400, "customerId"),
                post("customerId is an object", order("{\"id\": " + quote(customer) + "}", items, "\"EUR\"")).refused(400, "customerId"),
                post("customerId is null", order("null", items, "\"EUR\"")).refused(400, "customerId"),
                post("customerId is missing", "{\"items\": " + items + ", \"currency\": \"EUR\"}").refused(400, "customerId"),
                post("items is a string", order(quote(customer), "\"" + sku + " x1\"", "\"EUR\"")).refused(400, "items"),
                post("items is an object", order(quote(customer), validItem(), "\"EUR\"")).refused(400, "items"),
                post("items is a number", order(quote(customer), "1", "\"EUR\"")).refused(400, "items"),
                post("items is missing", "{\"customerId\": " + quote(customer) + ", \"currency\": \"EUR\"}").refused(400, "items"),
                post("an item is null", order(quote(customer), "[null]", "\"EUR\"")).refused(400, ITEM_FIELD),
                post("quantity is a string", withItem(quote(sku), "\"2\"", "\"19.99\"")).refused(400, ITEM_FIELD + ".quantity"),
                post("quantity is a fraction", withItem(quote(sku), "1.5", "\"19.99\"")).refused(400, ITEM_FIELD + ".quantity"),
                post("quantity is 1.0", withItem(quote(sku), "1.0", "\"19.99\"")).refused(400, ITEM_FIELD + ".quantity"),
                post("quantity is a boolean", withItem(quote(sku), "true", "\"19.99\"")).refused(400, ITEM_FIELD + ".quantity"),
                post("quantity is past any integer", withItem(quote(sku), "99999999999999999999999", "\"19.99\"")).refused(400, ITEM_FIELD + ".quantity"),
                post("quantity is missing", withItemJson("{\"sku\": " + quote(sku) + ", \"unitPrice\": \"19.99\"}")).refused(400, ITEM_FIELD + ".quantity"),
                post("unitPrice is an object", withItem(quote(sku), "1", "{\"amount\": \"19.99\"}")).refused(400, ITEM_FIELD + ".unitPrice"),
                post("unitPrice is an array", withItem(quote(sku), "1", "[\"19.99\"]")).refused(400, ITEM_FIELD + ".unitPrice"),
                post("unitPrice is a boolean", withItem(quote(sku), "1", "false")).refused(400, ITEM_FIELD + ".unitPrice"),
                post("unitPrice is not a number", withItem(quote(sku), "1", "\"19,99 EUR\"")).refused(400, ITEM_FIELD + ".unitPrice"),
                post("sku is a number", withItem("4711", "1", "\"19.99\"")).refused(400, ITEM_FIELD + ".sku"),
                post("sku is missing", withItemJson("{\"quantity\": 1, \"unitPrice\": \"19.99\"}")).refused(400, ITEM_FIELD + ".sku"),
                post("currency is a number", order(quote(customer), items, "978")).refused(400, "currency"),
                post("currency is missing", "{\"customerId\": " + quote(customer) + ", \"items\": " + items + "}").refused(400, "currency"),
                post("priority is a number", withPriority("1")).refused(400, "priority"),
                post("priority is a boolean", withPriority("true")).refused(400, "priority"),
                post("priority is an array", withPriority("[\"express\"]")).refused(400, "priority"),
                post("priority is an object", withPriority("{\"lane\": \"express\"}")).refused(400, "priority"));
    }

    private List<ApiCase> boundaries() {
        String items = items(validItem());
        return List.of(
                post("quantity 0", withItem(quote(sku), "0", "\"19.99\"")).refused(400, ITEM_FIELD + ".quantity"),
                post("quantity 1001", withItem(quote(sku), "1001", "\"19.99\"")).refused(400, ITEM_FIELD + ".quantity"),
                post("quantity -1", withItem(quote(sku), "-1", "\"19.99\"")).refused(400, ITEM_FIELD + ".quantity"),
                post("no items", order(quote(customer), "[]", "\"EUR\"")).refused(400, "items"),
                post("101 items", order(quote(customer), items(Collections.nCopies(101, validItem()).toArray(String[]::new)), "\"EUR\""))
                        .refused(400, "items"),
                post("99 different SKUs", order(quote(customer), items(IntStream.range(0, 99)
                        .mapToObj(i -> item(quote("SKU-BAD-" + i), "1", "\"1.00\"")).toArray(String[]::new)), "\"EUR\""))
                        .refused(400, "items"),
                post("customerId of 65 characters", order(quote("c".repeat(65)), items, "\"EUR\"")).refused(400, "customerId"),
                post("customerId of 10 000 characters", order(quote("c".repeat(10_000)), items, "\"EUR\"")).refused(400, "customerId"),
                post("customerId that is blank", order("\"   \"", items, "\"EUR\"")).refused(400, "customerId"),
                post("sku of 33 characters", withItem(quote("S".repeat(33)), "1", "\"19.99\"")).refused(400, ITEM_FIELD + ".sku"),
                post("sku in lower case", withItem(quote(sku.toLowerCase(java.util.Locale.ROOT)), "1", "\"19.99\"")).refused(400, ITEM_FIELD + ".sku"),
                post("unitPrice with 3 decimals", withItem(quote(sku), "1", "\"19.999\"")).refused(400, ITEM_FIELD + ".unitPrice"),
                post("negative unitPrice", withItem(quote(sku), "1", "\"-1.00\"")).refused(400, ITEM_FIELD + ".unitPrice"),
                post("unitPrice above 1 000 000", withItem(quote(sku), "1", "\"1000000.01\"")).refused(400, ITEM_FIELD + ".unitPrice"),
                post("JPY price with decimals", order(quote(customer), items(item(quote(sku), "1", "\"100.50\"")), "\"JPY\""))
                        .refused(400, ITEM_FIELD + ".unitPrice"),
                post("currency in lower case", order(quote(customer), items, "\"eur\"")).refused(400, "currency"),
                post("the ISO test currency XTS", order(quote(customer), items, "\"XTS\"")).refused(400, "currency"),
                post("priority that is no lane", withPriority("\"urgent\"")).refused(400, "priority"),
                post("priority in capitals", withPriority("\"EXPRESS\"")).refused(400, "priority"),
                post("priority that is empty", withPriority("\"\"")).refused(400, "priority"),
                post("priority with a space", withPriority("\" express\"")).refused(400, "priority"),
                post("a 70 KiB body (a valid order padded with spaces)", validOrder().replace("{\"customerId\"",
                        "{" + " ".repeat(70 * 1024) + "\"customerId\"")).refused(413));
    }

    /** Numbers whose exponent is out of every range: they must be refused, not blow up the parser or a String. */
    private List<ApiCase> hugeNumbers() {
        return List.of(
                post("unitPrice with an exponent past BigDecimal's range", withItem(quote(sku), "1", "1e99999999999999999999"))
                        .refused(400),
                post("unitPrice whose plain digits would not fit in a String", withItem(quote(sku), "1", "1e2147483647"))
                        .refused(400, ITEM_FIELD + ".unitPrice"),
                post("quantity with an exponent past BigDecimal's range", withItem(quote(sku), "1e99999999999999999999", "\"19.99\""))
                        .refused(400));
    }

    private List<ApiCase> unicode() {
        String items = items(validItem());
        return List.of(
                post("an emoji in customerId", order(quote(customer + "\uD83D\uDE00"), items, "\"EUR\"")).refused(400, "customerId"),
                post("a right-to-left override (U+202E) in sku", withItem(quote(sku + "\u202E1"), "1", "\"19.99\"")).refused(400, ITEM_FIELD + ".sku"),
                post("an escaped NUL in customerId", order("\"cust\\u0000bad\"", items, "\"EUR\"")).refused(400, "customerId"),
                post("an escaped lone surrogate in customerId", order("\"cust\\ud800\"", items, "\"EUR\"")).refused(400, "customerId"),
                post("a zero-width space (U+200B) in currency", order(quote(customer), items, "\"EUR\u200B\"")).refused(400, "currency"),
                // "SKU-BAD-INPUT" with Cyrillic Es, A and Er: looks the same, is another string.
                post("Cyrillic homoglyphs in sku", withItem(quote(sku.replace('S', '\u0405').replace('A', '\u0410').replace('P', '\u0420')), "1", "\"19.99\""))
                        .refused(400, ITEM_FIELD + ".sku"),
                post("Arabic-Indic digits in unitPrice", withItem(quote(sku), "1", "\"\u0661\u0669.\u0669\u0669\"")).refused(400, ITEM_FIELD + ".unitPrice"),
                post("fullwidth letters in currency", order(quote(customer), items, "\"\uFF25\uFF35\uFF32\"")).refused(400, "currency"));
    }

    private List<ApiCase> paths() {
        return List.of(
                get("a path-traversal order id", "/orders/..%2F..%2Fetc%2Fpasswd").refused(400, "orderId"),
                get("a NUL order id", "/orders/%00").refused(400, "orderId"),
                get("an order id of 69 characters", "/orders/ord-" + "a".repeat(65)).refused(400, "orderId"),
                get("an emoji order id", "/orders/%F0%9F%92%A5").refused(400, "orderId"),
                get("a space in the order id", "/orders/" + orderId + "%20").refused(400, "orderId"),
                get("a path-traversal customer id", "/customers/..%2Fx/notifications").refused(400, "customerId"),
                get("a customer id of 65 characters", "/customers/" + "c".repeat(65) + "/notifications").refused(400, "customerId"),
                put("a path-traversal sku", "/inventory/..%2Fsku", "{\"available\": 1}").refused(400, "sku"),
                put("a lower-case sku", "/inventory/" + sku.toLowerCase(java.util.Locale.ROOT), "{\"available\": 1}").refused(400, "sku"));
    }

    private List<ApiCase> queries() {
        String order = "/orders/" + orderId;
        String notifications = "/customers/" + customer + "/notifications";
        return List.of(
                get("waitSeconds -1", order + "?waitSeconds=-1").refused(400, "waitSeconds"),
                get("waitSeconds 21", order + "?waitSeconds=21").refused(400, "waitSeconds"),
                get("waitSeconds abc", order + "?waitSeconds=abc").refused(400, "waitSeconds"),
                get("waitSeconds 1e3", order + "?waitSeconds=1e3").refused(400, "waitSeconds"),
                get("waitSeconds empty", order + "?waitSeconds=").refused(400, "waitSeconds"),
                get("waitSeconds in Arabic-Indic digits", order + "?waitSeconds=%D9%A1").refused(400, "waitSeconds"),
                get("limit 0", notifications + "?limit=0").refused(400, "limit"),
                get("limit 101", notifications + "?limit=101").refused(400, "limit"),
                get("limit x", notifications + "?limit=x").refused(400, "limit"),
                get("nextToken garbage", notifications + "?nextToken=%21%21not-a-token%21%21").refused(400, "nextToken"),
                get("nextToken that decodes to no notification id", notifications + "?nextToken=aGVsbG8").refused(400, "nextToken"));
    }

    private List<ApiCase> headers() {
        String valid = validOrder();
        return List.of(
                post("X-Correlation-Id with a percent-encoded CRLF and a forged header", valid)
                        .header("X-Correlation-Id", "abc%0D%0ASet-Cookie:%20session=evil").refused(400, "X-Correlation-Id"),
                post("X-Correlation-Id with a forged log line after spaces", valid)
                        .header("X-Correlation-Id", "abc level=ERROR msg=forged").refused(400, "X-Correlation-Id"),
                post("X-Correlation-Id of 129 characters", valid).header("X-Correlation-Id", "c".repeat(129)).refused(400, "X-Correlation-Id"),
                post("X-Correlation-Id that looks like JSON", valid)
                        .header("X-Correlation-Id", "{\"level\":\"ERROR\",\"orderId\":\"forged\"}").refused(400, "X-Correlation-Id"),
                post("X-Correlation-Id in UTF-8 with an emoji", valid).header("X-Correlation-Id", rawUtf8("corr-é-\uD83D\uDE00"))
                        .refused(400, "X-Correlation-Id"),
                post("Idempotency-Key with spaces", valid).header("Idempotency-Key", "key with spaces").refused(400, "Idempotency-Key"),
                post("Idempotency-Key of 129 characters", valid).header("Idempotency-Key", "k".repeat(129)).refused(400, "Idempotency-Key"),
                post("Idempotency-Key in UTF-8 with an emoji", valid).header("Idempotency-Key", rawUtf8("key-é-\uD83D\uDE00"))
                        .refused(400, "Idempotency-Key"),
                // available 7: no other request sets it, so a write despite the refusal shows as 7 in the table diff.
                put("X-Correlation-Id with spaces on a stock update", "/inventory/" + sku, "{\"available\": 7}")
                        .header("X-Correlation-Id", "abc level=ERROR msg=forged").refused(400, "X-Correlation-Id"));
    }

    private List<ApiCase> stockUpdates() {
        String path = "/inventory/" + sku;
        return List.of(
                put("available negative", path, "{\"available\": -1}").refused(400, "available"),
                put("available a fraction", path, "{\"available\": 2.5}").refused(400, "available"),
                put("available a string", path, "{\"available\": \"10\"}").refused(400, "available"),
                put("available missing", path, "{}").refused(400, "available"),
                put("available over 1 000 000 000", path, "{\"available\": 1000000001}").refused(400, "available"),
                put("an unknown field next to available", path, "{\"available\": 5, \"reserved\": 0}").refused(400, "reserved"),
                put("available with an exponent past BigDecimal's range", path, "{\"available\": 1e99999999999999999999}").refused(400),
                put("not JSON", path, "available=5").refused(400),
                put("no body", path, null).refused(400),
                put("a text/plain body", path, "{\"available\": 5}").header("Content-Type", "text/plain").refused(415, "Content-Type"));
    }

    // ---------------------------------------------------------------- JSON text, written by hand on purpose

    private String validItem() {
        return item(quote(sku), "1", "\"19.99\"");
    }

    private String withItem(String skuJson, String quantityJson, String unitPriceJson) {
        return withItemJson(item(skuJson, quantityJson, unitPriceJson));
    }

    private String withItemJson(String itemJson) {
        return order(quote(customer), items(itemJson), "\"EUR\"");
    }

    /** The valid order with these raw bytes in the middle of its customerId: bytes no String could hold. */
    private byte[] orderWithRawCustomerId(byte[] raw) {
        String valid = validOrder();
        int split = valid.indexOf(customer) + customer.length() / 2;
        return concat(utf8(valid.substring(0, split)), raw, utf8(valid.substring(split)));
    }

    /** A valid order with {@code priorityJson} as its priority. */
    private String withPriority(String priorityJson) {
        return validOrder().replace("{\"customerId\"", "{\"priority\": " + priorityJson + ", \"customerId\"");
    }

    private static String order(String customerIdJson, String itemsJson, String currencyJson) {
        return "{\"customerId\": " + customerIdJson + ", \"items\": " + itemsJson + ", \"currency\": " + currencyJson + "}";
    }

    private static String item(String skuJson, String quantityJson, String unitPriceJson) {
        return "{\"sku\": " + skuJson + ", \"quantity\": " + quantityJson + ", \"unitPrice\": " + unitPriceJson + "}";
    }

    private static String items(String... items) {
        return List.of(items).stream().collect(Collectors.joining(", ", "[", "]"));
    }

    /** A JSON string of plain text (no escapes needed for what the cases quote this way). */
    private static String quote(String text) {
        return "\"" + text + "\"";
    }

    /**
     * The UTF-8 bytes of {@code text} as a header value: HTTP header values are bytes, and java.net.http
     * sends each char of a value as one byte (it refuses chars above U+00FF), so this puts raw UTF-8 on the wire.
     */
    private static String rawUtf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
