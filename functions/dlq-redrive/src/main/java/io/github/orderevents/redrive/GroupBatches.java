package io.github.orderevents.redrive;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Splits messages into SendMessageBatch calls with at most one message per message group, keeping each
 * group's order: SQS accepts or fails each entry of a batch on its own, so two messages of one group in
 * one batch could see the later accepted and the earlier failed. The same rule as order-domain's
 * {@code BatchPlanner}, which is typed to outbox events; a dead-lettered body need not be one.
 */
final class GroupBatches {
    private GroupBatches() {
    }

    /** The batches, to be sent one after the other; items keep their relative order within a group. */
    static <T> List<List<T>> plan(List<T> items, Function<T, String> groupOf, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
        }
        List<List<T>> batches = new ArrayList<>();
        LinkedList<T> remaining = new LinkedList<>(items);
        while (!remaining.isEmpty()) {
            List<T> batch = new ArrayList<>(maxBatch);
            Set<String> groups = new HashSet<>();
            var it = remaining.iterator();
            while (it.hasNext() && batch.size() < maxBatch) {
                T item = it.next();
                // A group already in this batch waits for the next one, and so do its later messages.
                if (groups.add(groupOf.apply(item))) {
                    batch.add(item);
                    it.remove();
                }
            }
            batches.add(batch);
        }
        return batches;
    }
}
