package io.github.orderevents.local.metrics;

import io.github.orderevents.local.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

class MetricStoreTest {
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final MetricKey GOLD = MetricKey.of("Media", "QueueAge", Map.of("Tier", "gold"));
    private static final MetricKey BASIC = MetricKey.of("Media", "QueueAge", Map.of("Tier", "basic"));
    private final MutableClock clock = new MutableClock(START);
    private final MetricStore store = new MetricStore(clock);

    @Test
    void valuesGoIntoTheTenSecondBucketOfTheirTimestamp() {
        clock.advance(Duration.ofSeconds(15));
        store.record(datum(GOLD, START.plusSeconds(1), 100, 300));
        store.record(datum(GOLD, START.plusSeconds(9), 200));
        store.record(datum(GOLD, START.plusSeconds(12), 50));

        List<SeriesSnapshot> read = store.read(key -> true, Duration.ofMinutes(1));

        assertThat(read).singleElement().satisfies(series -> {
            assertThat(series.unit()).isEqualTo("Milliseconds");
            assertThat(series.buckets()).extracting(BucketStats::startMillis)
                    .containsExactly(START.toEpochMilli(), START.plusSeconds(10).toEpochMilli());
            BucketStats first = series.buckets().get(0);
            assertThat(first.sampleCount()).isEqualTo(3);
            assertThat(first.sum()).isEqualTo(600);
            assertThat(first.minimum()).isEqualTo(100);
            assertThat(first.maximum()).isEqualTo(300);
            assertThat(first.p50()).isCloseTo(200, withPercentage(2));
            assertThat(first.p99()).isEqualTo(300);
            assertThat(series.buckets().get(1).sum()).isEqualTo(50);
        });
    }

    @Test
    void eachDimensionCombinationIsASeriesOfItsOwn() {
        store.record(datum(GOLD, START, 10));
        store.record(datum(BASIC, START, 900));

        assertThat(store.read(key -> true, Duration.ofMinutes(1))).extracting(s -> s.key().dimensionLabel())
                .containsExactly("Tier=basic", "Tier=gold");
        assertThat(store.merged(key -> key.name().equals("QueueAge"), Duration.ofMinutes(1)).count()).isEqualTo(2);
    }

    @Test
    void bucketsOlderThanTheWindowAreNoLongerReadAndTheirSlotsAreReused() {
        store.record(datum(GOLD, START, 10));
        clock.advance(MetricStore.WINDOW);
        store.record(datum(GOLD, clock.instant(), 20));

        List<SeriesSnapshot> read = store.read(key -> true, MetricStore.WINDOW);

        assertThat(read).singleElement().satisfies(series -> {
            assertThat(series.buckets()).hasSize(1);
            assertThat(series.buckets().get(0).sum()).isEqualTo(20);
        });
    }

    @Test
    void readingTheLastMinuteLeavesOutOlderBuckets() {
        store.record(datum(GOLD, START, 10));
        clock.advance(Duration.ofMinutes(5));
        store.record(datum(GOLD, clock.instant(), 20));

        assertThat(store.read(key -> true, Duration.ofMinutes(1))).singleElement()
                .satisfies(series -> assertThat(series.buckets()).extracting(BucketStats::sum).containsExactly(20.0));
        assertThat(store.read(key -> true, Duration.ofMinutes(10))).singleElement()
                .satisfies(series -> assertThat(series.buckets()).extracting(BucketStats::sum).containsExactly(10.0, 20.0));
    }

    @Test
    void aValueStampedUpToOneBucketAheadCountsInTheCurrentBucket() {
        assertThat(store.record(datum(GOLD, START.plusSeconds(12), 10))).isTrue();

        assertThat(store.read(key -> true, Duration.ofMinutes(1))).singleElement().satisfies(series ->
                assertThat(series.buckets()).extracting(BucketStats::startMillis).containsExactly(START.toEpochMilli()));
    }

    @Test
    void valuesStampedBeforeTheWindowOrAheadOfNowAreNotKept() {
        assertThat(store.record(datum(GOLD, START.minus(MetricStore.WINDOW), 10))).isFalse();
        assertThat(store.record(datum(GOLD, START.plus(Duration.ofMinutes(1)), 10))).isFalse();

        assertThat(store.outsideWindow()).isEqualTo(2);
        assertThat(store.read(key -> true, MetricStore.WINDOW)).isEmpty();
    }

    @Test
    void seriesWithNothingLeftInTheWindowAreEvicted() {
        store.record(datum(GOLD, START, 10));
        clock.advance(MetricStore.WINDOW.plusSeconds(10));

        store.evictExpired();

        assertThat(store.size()).isZero();
    }

    @Test
    void beyondTheMostSeriesANewSeriesIsDroppedAndCountedUnlessAnExpiredOneMakesRoom() {
        MetricStore small = new MetricStore(clock, MetricStore.BUCKET, Duration.ofMinutes(1), 2);
        small.record(datum(GOLD, START, 1));
        small.record(datum(BASIC, START, 1));

        assertThat(small.record(datum(MetricKey.of("Media", "Other", Map.of()), START, 1))).isFalse();
        assertThat(small.droppedSeries()).isEqualTo(1);
        assertThat(small.size()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(2));
        assertThat(small.record(datum(MetricKey.of("Media", "Other", Map.of()), clock.instant(), 1))).isTrue();
        assertThat(small.size()).isEqualTo(1);
    }

    @Test
    void manyValuesInOneBucketKeepItsSizeBounded() {
        for (int i = 0; i < 100_000; i++) {
            store.record(datum(GOLD, START, i % 5000));
        }

        Histogram all = store.merged(key -> true, Duration.ofMinutes(1));
        assertThat(all.count()).isEqualTo(100_000);
        assertThat(all.bins()).isLessThan(300);
        assertThat(all.percentile(0.99)).isCloseTo(4950, withPercentage(2));
    }

    private static MetricDatum datum(MetricKey key, Instant at, double... values) {
        return new MetricDatum(key, "Milliseconds", at.toEpochMilli(), java.util.Arrays.stream(values).boxed().toList());
    }
}
