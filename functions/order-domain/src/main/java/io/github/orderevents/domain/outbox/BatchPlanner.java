package io.github.orderevents.domain.outbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Splits messages for one FIFO destination into batches of at most {@code maxEntries} entries and at most
 * {@code maxBytes} bytes, with at most one message per group, each group kept in order. A destination
 * reports each entry of a batch on its own (SQS SendMessageBatch), so if two messages of one group shared
 * a batch the second could be accepted while the first failed, and the retry of the first would land
 * behind it. With one per group, a failed entry stops its group and nothing of that group overtakes it.
 *
 * @param maxEntries entries per batch, at least 1
 * @param maxBytes   bytes per batch, at least 1; an item larger than this goes alone in a batch of its own
 *                   (the destination refuses it, and that is its sender's to report, not the planner's to drop)
 */
public record BatchPlanner(int maxEntries, long maxBytes) {
    public BatchPlanner {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, was " + maxBytes);
        }
    }

    /** A planner that limits only the number of entries per batch. */
    public static BatchPlanner ofEntries(int maxEntries) {
        return new BatchPlanner(maxEntries, Long.MAX_VALUE);
    }

    /** {@link #plan(List, Function, ToLongFunction)} for items whose size does not count. */
    public <T> List<List<T>> plan(List<T> items, Function<? super T, String> groupOf) {
        return plan(items, groupOf, item -> 0);
    }

    /**
     * The batches, to be sent one after the other; items keep their relative order within a group. An item
     * whose group is null belongs to no group and may share a batch with any other.
     */
    public <T> List<List<T>> plan(List<T> items, Function<? super T, String> groupOf, ToLongFunction<? super T> sizeOf) {
        List<List<T>> batches = new ArrayList<>();
        LinkedList<T> remaining = new LinkedList<>(items);
        while (!remaining.isEmpty()) {
            List<T> batch = new ArrayList<>();
            long bytes = 0;
            // Groups that may not take another item in this batch: one is in it already, or one did not fit.
            Set<String> closed = new HashSet<>();
            var it = remaining.iterator();
            while (it.hasNext() && batch.size() < maxEntries) {
                T item = it.next();
                String group = groupOf.apply(item);
                if (group != null && closed.contains(group)) {
                    continue;
                }
                long size = sizeOf.applyAsLong(item);
                if (!batch.isEmpty() && size > maxBytes - bytes) {
                    // The group waits whole for the next batch: a later, smaller item of it must not go first.
                    if (group != null) {
                        closed.add(group);
                    }
                    continue;
                }
                batch.add(item);
                bytes += size;
                it.remove();
                if (group != null) {
                    closed.add(group);
                }
            }
            batches.add(batch);
        }
        return batches;
    }
}
