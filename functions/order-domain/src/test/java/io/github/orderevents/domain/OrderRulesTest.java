package io.github.orderevents.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderRulesTest {
    private static final OrderItem VALID_ITEM = item("SKU-1", 1, "9.99");

    // ---- customerId ----

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "   ", "\t\n"})
    void rejectsMissingOrBlankCustomerId(String customerId) {
        PlaceOrder request = request(customerId, "EUR", List.of(VALID_ITEM));

        assertRejected(request, "customerId", "customerId is required");
    }

    @Test
    void acceptsCustomerIdOf64Characters() {
        PlaceOrder request = request("c".repeat(64), "EUR", List.of(VALID_ITEM));

        assertThatCode(() -> OrderRules.validate(request)).doesNotThrowAnyException();
    }

    @Test
    void rejectsCustomerIdOf65Characters() {
        PlaceOrder request = request("c".repeat(65), "EUR", List.of(VALID_ITEM));

        assertRejected(request, "customerId", "customerId must be at most 64 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cust 1", "cust/1", "kunde-ü", "客户", "cust\n1", "cust#1"})
    void rejectsCustomerIdWithForbiddenCharacters(String customerId) {
        PlaceOrder request = request(customerId, "EUR", List.of(VALID_ITEM));

        assertRejected(request, "customerId", "customerId may contain only letters, digits and . _ : @ -");
    }

    @Test
    void acceptsCustomerIdUsingEveryAllowedSymbol() {
        PlaceOrder request = request("Cust.9_a:b@example-1", "EUR", List.of(VALID_ITEM));

        assertThatCode(() -> OrderRules.validate(request)).doesNotThrowAnyException();
    }

    // ---- currency ----

    @Test
    void rejectsNullCurrency() {
        PlaceOrder request = request("cust-1", null, List.of(VALID_ITEM));

        assertRejected(request, "currency", "currency is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"XXY", "eur", "", "EURO", "XXX", "XTS", "XAU", "XDR", "DEM", "HRK"})
    void rejectsCodeThatIsNoCirculatingCurrency(String currency) {
        PlaceOrder request = request("cust-1", currency, List.of(VALID_ITEM));

        assertRejected(request, "currency", "currency must be the ISO 4217 code of a currency we accept, such as EUR");
    }

    @Test
    void rejectsDecimalsInACurrencyWithoutMinorUnits() {
        PlaceOrder request = request("cust-1", "JPY", List.of(new OrderItem("SKU-1", 1, new BigDecimal("1200.50"))));

        assertRejected(request, "items[0].unitPrice", "unitPrice must be a whole amount in this currency");
    }

    @Test
    void acceptsWholeAmountInACurrencyWithoutMinorUnits() {
        PlaceOrder request = request("cust-1", "JPY", List.of(new OrderItem("SKU-1", 1, new BigDecimal("1200"))));

        assertThatCode(() -> OrderRules.validate(request)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"EUR", "USD", "GBP", "CHF", "KWD"})
    void acceptsIso4217Currency(String currency) {
        PlaceOrder request = request("cust-1", currency, List.of(VALID_ITEM));

        assertThatCode(() -> OrderRules.validate(request)).doesNotThrowAnyException();
    }

    // ---- items ----

    @Test
    void rejectsRequestWithoutItems() {
        PlaceOrder request = request("cust-1", "EUR", List.of());

        assertRejected(request, "items", "items must hold at least one item");
    }

    @Test
    void acceptsExactly100Items() {
        PlaceOrder request = request("cust-1", "EUR", Collections.nCopies(100, VALID_ITEM));

        assertThatCode(() -> OrderRules.validate(request)).doesNotThrowAnyException();
    }

    @Test
    void rejects101Items() {
        PlaceOrder request = request("cust-1", "EUR", Collections.nCopies(101, VALID_ITEM));

        assertRejected(request, "items", "items must hold at most 100 items");
    }

    // ---- quantity ----

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 999, 1000})
    void acceptsQuantityFrom1To1000(int quantity) {
        PlaceOrder request = request("cust-1", "EUR", List.of(item("SKU-1", quantity, "1.00")));

        assertThatCode(() -> OrderRules.validate(request)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 1001, Integer.MAX_VALUE})
    void rejectsQuantityOutside1To1000(int quantity) {
        PlaceOrder request = request("cust-1", "EUR", List.of(item("SKU-1", quantity, "1.00")));

        assertRejected(request, "items[0].quantity", "quantity must be between 1 and 1000");
    }

    // ---- unitPrice ----

    @ParameterizedTest
    @ValueSource(strings = {"-0.01", "-1", "-1000000"})
    void rejectsNegativePrice(String price) {
        PlaceOrder request = request("cust-1", "EUR", List.of(item("SKU-1", 1, price)));

        assertRejected(request, "items[0].unitPrice", "unitPrice must not be negative");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "0.000"})
    void acceptsPriceOfZero(String price) {
        PlaceOrder request = request("cust-1", "EUR", List.of(item("SKU-1", 1, price)));

        assertThatCode(() -> OrderRules.validate(request)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.005", "0.001", "19.999", "1.0001"})
    void rejectsPriceWithMoreThanTwoDecimals(String price) {
        PlaceOrder request = request("cust-1", "EUR", List.of(item("SKU-1", 1, price)));

        assertRejected(request, "items[0].unitPrice", "unitPrice must have at most 2 decimals");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.5", "1.50", "1.500", "1.5000000", "19.99"})
    void acceptsPriceWithAtMostTwoSignificantDecimalsIncludingTrailingZeros(String price) {
        PlaceOrder request = request("cust-1", "EUR", List.of(item("SKU-1", 1, price)));

        assertThatCode(() -> OrderRules.validate(request)).doesNotThrowAnyException();
    }

    @Test
    void acceptsPriceEqualToMaxUnitPrice() {
        PlaceOrder request = request("cust-1", "EUR",
                List.of(new OrderItem("SKU-1", 1, OrderRules.MAX_UNIT_PRICE)));

        assertThatCode(() -> OrderRules.validate(request)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000000.01", "1000001", "1E+7"})
    void rejectsPriceAboveMaxUnitPrice(String price) {
        PlaceOrder request = request("cust-1", "EUR", List.of(item("SKU-1", 1, price)));

        assertRejected(request, "items[0].unitPrice", "unitPrice must be at most 1000000");
    }

    // ---- sku ----

    @ParameterizedTest
    @ValueSource(strings = {"sku-1", "Sku-1", "", "SKU/1", "SKU 1", "SKU_1", "SKU-Ä"})
    void rejectsSkuOutsideTheAllowedPattern(String sku) {
        PlaceOrder request = request("cust-1", "EUR", List.of(item(sku, 1, "1.00")));

        assertRejected(request, "items[0].sku", "sku must match [A-Z0-9-]{1,32}");
    }

    @Test
    void rejectsSkuOf33Characters() {
        PlaceOrder request = request("cust-1", "EUR", List.of(item("A".repeat(33), 1, "1.00")));

        assertRejected(request, "items[0].sku", "sku must match [A-Z0-9-]{1,32}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "0", "-", "SKU-1", "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"})
    void acceptsSkuOfUpperCaseLettersDigitsAndDashesUpTo32Characters(String sku) {
        PlaceOrder request = request("cust-1", "EUR", List.of(item(sku, 1, "1.00")));

        assertThatCode(() -> OrderRules.validate(request)).doesNotThrowAnyException();
    }

    // ---- paths and order of checks ----

    @Test
    void namesTheIndexOfTheOffendingItemInTheFieldPath() {
        PlaceOrder request = request("cust-1", "EUR",
                List.of(item("SKU-1", 1, "1.00"), item("SKU-2", 2, "2.00"), item("SKU-3", 0, "3.00")));

        assertRejected(request, "items[2].quantity", "quantity must be between 1 and 1000");
    }

    @Test
    void reportsTheFirstOffendingItemWhenSeveralBreakRules() {
        PlaceOrder request = request("cust-1", "EUR",
                List.of(item("SKU-1", 1, "1.00"), item("SKU-2", 1, "-2.00"), item("bad", 1, "1.00")));

        assertRejected(request, "items[1].unitPrice", "unitPrice must not be negative");
    }

    @Test
    void checksSkuBeforeQuantityBeforePriceWithinAnItem() {
        PlaceOrder badSkuAndQuantity = request("cust-1", "EUR", List.of(item("bad", 0, "-1")));
        PlaceOrder badQuantityAndPrice = request("cust-1", "EUR", List.of(item("SKU-1", 0, "-1")));

        assertRejected(badSkuAndQuantity, "items[0].sku", "sku must match [A-Z0-9-]{1,32}");
        assertRejected(badQuantityAndPrice, "items[0].quantity", "quantity must be between 1 and 1000");
    }

    @Test
    void checksCustomerIdBeforeCurrencyBeforeItems() {
        PlaceOrder everythingWrong = request(" ", null, List.of());
        PlaceOrder currencyAndItemsWrong = request("cust-1", null, List.of());

        assertRejected(everythingWrong, "customerId", "customerId is required");
        assertRejected(currencyAndItemsWrong, "currency", "currency is required");
    }

    @Test
    void acceptsAValidRequestWithSeveralItems() {
        List<OrderItem> items = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            items.add(item("SKU-" + i, i + 1, i + ".25"));
        }
        PlaceOrder request = request("cust-1", "EUR", items);

        assertThatCode(() -> OrderRules.validate(request)).doesNotThrowAnyException();
    }

    // ---- helpers ----

    private static OrderItem item(String sku, int quantity, String unitPrice) {
        return new OrderItem(sku, quantity, new BigDecimal(unitPrice));
    }

    private static PlaceOrder request(String customerId, String currency, List<OrderItem> items) {
        return new PlaceOrder(customerId, items, currency, Priority.STANDARD);
    }

    private static void assertRejected(PlaceOrder request, String field, String message) {
        assertThatThrownBy(() -> OrderRules.validate(request))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }
}
