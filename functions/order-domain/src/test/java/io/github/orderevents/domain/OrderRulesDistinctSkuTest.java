package io.github.orderevents.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Inventory reserves each distinct SKU in one transaction of at most 100 actions: 98 SKUs + order + outbox. */
class OrderRulesDistinctSkuTest {

    private static PlaceOrder withSkus(int lines, int distinct) {
        List<OrderItem> items = IntStream.range(0, lines)
                .mapToObj(i -> new OrderItem("SKU-" + (i % distinct), 1, new BigDecimal("1.00")))
                .toList();
        return new PlaceOrder("cust-1", items, "EUR", Priority.STANDARD);
    }

    @Test
    void acceptsNinetyEightDistinctSkus() {
        assertThatCode(() -> OrderRules.validate(withSkus(98, 98))).doesNotThrowAnyException();
    }

    @Test
    void rejectsNinetyNineDistinctSkusNamingTheItemsField() {
        assertThatThrownBy(() -> OrderRules.validate(withSkus(99, 99)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("items");
                    assertThat(e.getMessage())
                            .isEqualTo("items may name at most 98 different SKUs");
                });
    }

    @Test
    void acceptsAHundredLinesOfOneSku() {
        assertThatCode(() -> OrderRules.validate(withSkus(100, 1))).doesNotThrowAnyException();
    }

    @Test
    void acceptsAHundredLinesOverNinetyEightSkus() {
        assertThatCode(() -> OrderRules.validate(withSkus(100, 98))).doesNotThrowAnyException();
    }

    @Test
    void countsSkusNotLinesWhenAHundredLinesNameNinetyNineSkus() {
        assertThatThrownBy(() -> OrderRules.validate(withSkus(100, 99)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("items may name at most 98 different SKUs");
    }
}
