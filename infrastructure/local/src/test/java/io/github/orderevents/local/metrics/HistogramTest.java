package io.github.orderevents.local.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

class HistogramTest {
    @Test
    void percentilesOfAThousandValuesAreWithinTwoPercentOfTheNearestRank() {
        Histogram values = new Histogram();
        for (int i = 1000; i >= 1; i--) {
            values.add(i);
        }

        assertThat(values.percentile(0.5)).isCloseTo(500, withPercentage(2));
        assertThat(values.percentile(0.99)).isCloseTo(990, withPercentage(2));
        assertThat(values.count()).isEqualTo(1000);
        assertThat(values.sum()).isEqualTo(500_500);
        assertThat(values.min()).isEqualTo(1);
        assertThat(values.max()).isEqualTo(1000);
        assertThat(values.average()).isEqualTo(500.5);
    }

    @Test
    void oneValueIsEveryPercentileExactly() {
        Histogram values = new Histogram();
        values.add(412.5);

        assertThat(values.percentile(0.5)).isEqualTo(412.5);
        assertThat(values.percentile(0.99)).isEqualTo(412.5);
    }

    @Test
    void zeroAndNegativeValuesKeepTheirOrder() {
        Histogram values = new Histogram();
        values.add(-50);
        values.add(-5);
        values.add(0);
        values.add(5);

        assertThat(values.percentile(0.25)).isEqualTo(-50);
        assertThat(values.percentile(0.5)).isCloseTo(-5, withPercentage(2));
        assertThat(values.percentile(0.75)).isZero();
        assertThat(values.percentile(1)).isEqualTo(5);
    }

    @Test
    void mergedHistogramsHoldTheValuesOfBoth() {
        Histogram small = new Histogram();
        Histogram large = new Histogram();
        for (int i = 0; i < 99; i++) {
            small.add(10);
        }
        large.add(5000);

        small.merge(large);

        assertThat(small.count()).isEqualTo(100);
        assertThat(small.percentile(0.5)).isCloseTo(10, withPercentage(2));
        assertThat(small.percentile(0.99)).isCloseTo(10, withPercentage(2));
        assertThat(small.percentile(1)).isEqualTo(5000);
    }

    @Test
    void scaledValuesKeepTheirDistribution() {
        Histogram seconds = new Histogram();
        seconds.add(0.2);
        seconds.add(1.5);

        Histogram millis = seconds.scaled(1000);

        assertThat(millis.min()).isCloseTo(200, within(1e-9));
        assertThat(millis.max()).isCloseTo(1500, within(1e-9));
        assertThat(millis.percentile(0.5)).isCloseTo(200, withPercentage(2));
    }

    @Test
    void aMillionWidelySpreadValuesStayWithinTheBoundedNumberOfBins() {
        Histogram values = new Histogram();
        for (int i = 0; i < 1_000_000; i++) {
            values.add(Math.pow(10, (i % 4000) / 100.0 - 15) * (i % 2 == 0 ? 1 : -1));
        }

        assertThat(values.bins()).isLessThanOrEqualTo(Histogram.MAX_BINS);
        assertThat(values.count()).isEqualTo(1_000_000);
    }

    @Test
    void emptyHasNoPercentileAndRefusesWhatIsNotANumber() {
        Histogram values = new Histogram();

        assertThat(values.percentile(0.99)).isNaN();
        assertThatThrownBy(() -> values.add(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> values.percentile(99)).isInstanceOf(IllegalArgumentException.class);
    }
}
