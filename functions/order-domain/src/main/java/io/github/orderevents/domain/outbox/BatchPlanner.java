package io.github.orderevents.domain.outbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;

/**
 * Splits the messages for one destination into SendMessageBatch calls that keep each group in order.
 * A batch holds at most one message per group: SQS reports each entry of a batch on its own, so if
 * two messages of one group shared a batch the second could be accepted while the first failed, and
 * the retry of the first would land behind it. With one per group, a failed entry stops its group
 * (the later batches are not sent) and nothing of that group overtakes it.
 */
public final class BatchPlanner {
    private BatchPlanner() {
    }

    /** The batches, to be sent one after the other; messages keep their relative order within a group. */
    public static List<List<OutboundMessage>> plan(List<OutboundMessage> messages, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
        }
        List<List<OutboundMessage>> batches = new ArrayList<>();
        LinkedList<OutboundMessage> remaining = new LinkedList<>(messages);
        while (!remaining.isEmpty()) {
            List<OutboundMessage> batch = new ArrayList<>(maxBatch);
            Set<String> groups = new HashSet<>();
            var it = remaining.iterator();
            while (it.hasNext() && batch.size() < maxBatch) {
                OutboundMessage message = it.next();
                // A group already in this batch waits for the next one, and so do its later messages.
                if (groups.add(message.groupId())) {
                    batch.add(message);
                    it.remove();
                }
            }
            batches.add(batch);
        }
        return batches;
    }
}
