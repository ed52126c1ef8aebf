package io.github.orderevents.local.metrics;

import java.util.Arrays;

/**
 * The values of one bucket of a time series, in bounded memory: count, sum, minimum and maximum exactly, and the
 * distribution in logarithmic bins 4% wide (as DDSketch keeps it), so that a percentile is within 2% of a value seen,
 * however many values there were. Magnitudes below 1e-9 count as zero; the bins cover magnitudes up to 1e18, so a
 * histogram never holds more than {@link #MAX_BINS} bins, and usually a few dozen. Not thread-safe.
 */
public final class Histogram {
    private static final double GAMMA = 1.04;
    private static final double LOG_GAMMA = Math.log(GAMMA);
    private static final double SMALLEST = 1e-9;
    private static final double LARGEST = 1e18;
    /** Bins per sign: magnitudes from SMALLEST to LARGEST. */
    private static final int BINS_PER_SIGN = (int) Math.ceil(Math.log(LARGEST / SMALLEST) / LOG_GAMMA) + 1;
    /** Both signs and zero. */
    public static final int MAX_BINS = 2 * BINS_PER_SIGN + 1;

    // Bin keys in value order: -k for negative values, 0 for zero, +k for positive ones (k = 1 + the magnitude's bin).
    private int[] keys = new int[8];
    private long[] counts = new long[8];
    private int bins;
    private long count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    public void add(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        count++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
        increment(key(value), 1);
    }

    /** Adds every value of {@code other} to this one. */
    public void merge(Histogram other) {
        if (other.count == 0) {
            return;
        }
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        for (int i = 0; i < other.bins; i++) {
            increment(other.keys[i], other.counts[i]);
        }
    }

    /** The same values times {@code factor} (> 0), e.g. seconds as milliseconds: each bin moves as a whole. */
    public Histogram scaled(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("a scale factor is a positive number, not " + factor);
        }
        Histogram scaled = new Histogram();
        if (count == 0) {
            return scaled;
        }
        scaled.count = count;
        scaled.sum = sum * factor;
        scaled.min = min * factor;
        scaled.max = max * factor;
        for (int i = 0; i < bins; i++) {
            scaled.increment(key(value(keys[i]) * factor), counts[i]);
        }
        return scaled;
    }

    public Histogram copy() {
        Histogram copy = new Histogram();
        copy.merge(this);
        return copy;
    }

    public long count() {
        return count;
    }

    public double sum() {
        return sum;
    }

    public double min() {
        return count == 0 ? Double.NaN : min;
    }

    public double max() {
        return count == 0 ? Double.NaN : max;
    }

    public double average() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** How many bins it holds now (at most {@link #MAX_BINS}). */
    public int bins() {
        return bins;
    }

    /**
     * The value below which a fraction {@code q} of the values lie (the nearest-rank percentile, of the bin it falls
     * in; the first and last ranks are the minimum and maximum themselves); NaN when empty.
     */
    public double percentile(double q) {
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("a percentile is between 0 and 1, not " + q);
        }
        if (count == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        if (rank == 1) {
            return min;
        }
        if (rank == count) {
            return max;
        }
        long seen = 0;
        for (int i = 0; i < bins; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(max, Math.max(min, value(keys[i])));
            }
        }
        return max;
    }

    private static int key(double value) {
        double magnitude = Math.abs(value);
        if (magnitude < SMALLEST) {
            return 0;
        }
        int bin = (int) Math.ceil(Math.log(Math.min(magnitude, LARGEST) / SMALLEST) / LOG_GAMMA);
        return value > 0 ? bin + 1 : -(bin + 1);
    }

    /** The middle of a bin: within 2% of every value in it. */
    private static double value(int key) {
        if (key == 0) {
            return 0;
        }
        double magnitude = SMALLEST * Math.pow(GAMMA, Math.abs(key) - 1.5);
        return key > 0 ? magnitude : -magnitude;
    }

    private void increment(int key, long by) {
        int at = Arrays.binarySearch(keys, 0, bins, key);
        if (at >= 0) {
            counts[at] += by;
            return;
        }
        int insert = -at - 1;
        if (bins == keys.length) {
            keys = Arrays.copyOf(keys, bins * 2);
            counts = Arrays.copyOf(counts, bins * 2);
        }
        System.arraycopy(keys, insert, keys, insert + 1, bins - insert);
        System.arraycopy(counts, insert, counts, insert + 1, bins - insert);
        keys[insert] = key;
        counts[insert] = by;
        bins++;
    }
}
