package io.github.orderevents.local.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Time series in memory, as CloudWatch keeps metrics, over a short window only: one series per namespace, metric
 * name and dimension set with its values, each a ring of fixed buckets. Memory is bounded: at most
 * {@code maxSeries} series (a new one beyond that is dropped and counted, after the expired ones are evicted), each
 * of a fixed number of buckets of bounded {@link Histogram}s. Thread-safe.
 */
public final class MetricStore {
    public static final Duration BUCKET = Duration.ofSeconds(10);
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final int MAX_SERIES = 1_000;

    private record Entry(String unit, TimeSeries series) {
    }

    private final Clock clock;
    private final long bucketMillis;
    private final int buckets;
    private final int maxSeries;
    private final Map<MetricKey, Entry> series = new ConcurrentHashMap<>();
    private final AtomicLong droppedSeries = new AtomicLong();
    private final AtomicLong outsideWindow = new AtomicLong();

    public MetricStore(Clock clock) {
        this(clock, BUCKET, WINDOW, MAX_SERIES);
    }

    public MetricStore(Clock clock, Duration bucket, Duration window, int maxSeries) {
        if (bucket.isNegative() || bucket.isZero() || window.compareTo(bucket) < 0 || maxSeries < 1) {
            throw new IllegalArgumentException("a window of at least one bucket, and at least one series");
        }
        this.clock = clock;
        this.bucketMillis = bucket.toMillis();
        this.buckets = (int) (window.toMillis() / bucketMillis);
        this.maxSeries = maxSeries;
    }

    /** Now, by the store's clock (epoch milliseconds). */
    public long now() {
        return clock.millis();
    }

    public Duration bucket() {
        return Duration.ofMillis(bucketMillis);
    }

    public Duration window() {
        return Duration.ofMillis(bucketMillis * buckets);
    }

    /** Keeps every value of {@code datum}; false when its series could not be kept or its time is outside the window. */
    public boolean record(MetricDatum datum) {
        long now = clock.millis();
        Entry entry = entry(datum.key(), datum.unit(), now);
        if (entry == null) {
            return false;
        }
        boolean kept = true;
        for (double value : datum.values()) {
            kept &= entry.series().add(datum.timestampMillis(), value, now);
        }
        if (!kept) {
            outsideWindow.incrementAndGet();
        }
        return kept;
    }

    /** As {@link #record(MetricDatum)}, one value now. */
    public boolean record(MetricKey key, String unit, double value) {
        return record(new MetricDatum(key, unit, clock.millis(), List.of(value)));
    }

    private Entry entry(MetricKey key, String unit, long now) {
        Entry entry = series.get(key);
        if (entry != null) {
            if (!entry.unit().equals(unit)) {
                // The newest unit wins, as a dashboard shows the unit last published.
                entry = new Entry(unit, entry.series());
                series.put(key, entry);
            }
            return entry;
        }
        if (series.size() >= maxSeries) {
            evictExpired(now);
        }
        synchronized (series) {
            if (series.size() >= maxSeries && !series.containsKey(key)) {
                droppedSeries.incrementAndGet();
                return null;
            }
            return series.computeIfAbsent(key, k -> new Entry(unit, new TimeSeries(bucketMillis, buckets)));
        }
    }

    /** Every series whose key matches, with its buckets since {@code last} ago, sorted by key. */
    public List<SeriesSnapshot> read(Predicate<MetricKey> keys, Duration last) {
        long now = clock.millis();
        long from = now - last.toMillis();
        List<SeriesSnapshot> result = new ArrayList<>();
        series.forEach((key, entry) -> {
            if (keys.test(key)) {
                List<BucketStats> stats = entry.series().buckets(from, now);
                if (!stats.isEmpty()) {
                    result.add(new SeriesSnapshot(key, entry.unit(), stats));
                }
            }
        });
        result.sort(Comparator.comparing((SeriesSnapshot s) -> s.key().namespace()).thenComparing(s -> s.key().name())
                .thenComparing(s -> s.key().dimensionLabel()));
        return result;
    }

    /** Every value of the matching series since {@code last} ago, in one histogram. */
    public Histogram merged(Predicate<MetricKey> keys, Duration last) {
        long now = clock.millis();
        Histogram all = new Histogram();
        series.forEach((key, entry) -> {
            if (keys.test(key)) {
                all.merge(entry.series().since(now - last.toMillis(), now));
            }
        });
        return all;
    }

    /** The unit of every series held, by key. */
    public Map<MetricKey, String> units() {
        Map<MetricKey, String> units = new java.util.HashMap<>();
        series.forEach((key, entry) -> units.put(key, entry.unit()));
        return units;
    }

    /** Forgets the series that hold no value of the window anymore. */
    public void evictExpired() {
        evictExpired(clock.millis());
    }

    private void evictExpired(long now) {
        series.entrySet().removeIf(e -> e.getValue().series().expired(now));
    }

    public int size() {
        return series.size();
    }

    /** New series not kept because {@code maxSeries} were held. */
    public long droppedSeries() {
        return droppedSeries.get();
    }

    /** Data whose timestamp was before the window or ahead of now. */
    public long outsideWindow() {
        return outsideWindow.get();
    }
}
