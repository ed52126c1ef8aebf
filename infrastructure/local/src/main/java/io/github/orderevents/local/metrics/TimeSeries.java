package io.github.orderevents.local.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * One metric's values over the last {@code buckets} x {@code bucketMillis}, in a ring of fixed buckets: a value goes
 * into the bucket of its timestamp, a bucket older than the window is reused for a new one. Thread-safe.
 */
final class TimeSeries {
    private final long bucketMillis;
    private final Histogram[] histograms;
    /** The bucket number (timestamp / bucketMillis) each slot holds now; -1 for none. */
    private final long[] slots;
    private long latest = -1;

    TimeSeries(long bucketMillis, int buckets) {
        this.bucketMillis = bucketMillis;
        this.histograms = new Histogram[buckets];
        this.slots = new long[buckets];
        java.util.Arrays.fill(slots, -1);
    }

    /**
     * Adds a value at {@code atMillis}; false (and nothing kept) when that is before the window that ends now, or
     * more than one bucket ahead of now. A value up to one bucket ahead goes into the current one.
     */
    synchronized boolean add(long atMillis, double value, long nowMillis) {
        long now = Math.floorDiv(nowMillis, bucketMillis);
        long bucket = Math.floorDiv(atMillis, bucketMillis);
        if (bucket <= now - histograms.length || bucket > now + 1) {
            return false;
        }
        bucket = Math.min(bucket, now);
        int slot = (int) Math.floorMod(bucket, (long) histograms.length);
        if (slots[slot] != bucket) {
            slots[slot] = bucket;
            histograms[slot] = new Histogram();
        }
        histograms[slot].add(value);
        latest = Math.max(latest, bucket);
        return true;
    }

    /** The buckets with values, oldest first, of those that start at or after {@code fromMillis} (up to now). */
    synchronized List<BucketStats> buckets(long fromMillis, long nowMillis) {
        List<BucketStats> result = new ArrayList<>();
        forEachBucket(fromMillis, nowMillis, (bucket, values) -> result.add(BucketStats.of(bucket * bucketMillis, values)));
        return result;
    }

    /** Every value since {@code fromMillis} in one histogram (a copy). */
    synchronized Histogram since(long fromMillis, long nowMillis) {
        Histogram all = new Histogram();
        forEachBucket(fromMillis, nowMillis, (bucket, values) -> all.merge(values));
        return all;
    }

    /** True when its newest value is older than the window that ends now: it holds nothing anymore. */
    synchronized boolean expired(long nowMillis) {
        return latest <= Math.floorDiv(nowMillis, bucketMillis) - histograms.length;
    }

    private interface BucketVisitor {
        void visit(long bucket, Histogram values);
    }

    private void forEachBucket(long fromMillis, long nowMillis, BucketVisitor visitor) {
        long now = Math.floorDiv(nowMillis, bucketMillis);
        long first = Math.max(now - histograms.length + 1, Math.floorDiv(fromMillis + bucketMillis - 1, bucketMillis));
        for (long bucket = first; bucket <= now; bucket++) {
            int slot = (int) Math.floorMod(bucket, (long) histograms.length);
            if (slots[slot] == bucket && histograms[slot].count() > 0) {
                visitor.visit(bucket, histograms[slot]);
            }
        }
    }
}
