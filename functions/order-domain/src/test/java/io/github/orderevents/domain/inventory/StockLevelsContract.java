package io.github.orderevents.domain.inventory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link StockLevels} must do; the in-memory fake and the DynamoDB adapter both run it. */
public abstract class StockLevelsContract {

    /** The port under test, over a stock table with no SKUs in it. */
    protected abstract StockLevels stockLevels();

    /** Moves {@code units} of an existing SKU from available to reserved, as a confirmed order does. */
    protected abstract void reserve(String sku, long units);

    @Test
    void createsAnUnknownSkuWithNothingReserved() {
        assertThat(stockLevels().setAvailable("SKU-NEW", 7)).isEqualTo(new StockLevel("SKU-NEW", 7, 0));
    }

    @Test
    void settingAgainReplacesTheAvailableUnits() {
        stockLevels().setAvailable("SKU-1", 7);

        assertThat(stockLevels().setAvailable("SKU-1", 3)).isEqualTo(new StockLevel("SKU-1", 3, 0));
    }

    @Test
    void keepsTheReservedUnitsWhenAvailableIsSet() {
        stockLevels().setAvailable("SKU-1", 10);
        reserve("SKU-1", 4);

        assertThat(stockLevels().setAvailable("SKU-1", 20)).isEqualTo(new StockLevel("SKU-1", 20, 4));
        assertThat(stockLevels().setAvailable("SKU-1", 0)).isEqualTo(new StockLevel("SKU-1", 0, 4));
    }

    @Test
    void eachSkuHasItsOwnLevel() {
        stockLevels().setAvailable("SKU-1", 10);

        assertThat(stockLevels().setAvailable("SKU-2", 5)).isEqualTo(new StockLevel("SKU-2", 5, 0));
        assertThat(stockLevels().setAvailable("SKU-1", 10)).isEqualTo(new StockLevel("SKU-1", 10, 0));
    }
}
