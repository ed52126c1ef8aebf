package io.github.orderevents.domain.testing;

import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.outbox.Outbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** An {@link Outbox} that holds no rows of its own: it records every markPublished call. */
public final class RecordingOutbox implements Outbox {
    private final List<List<String>> calls = new ArrayList<>();
    private final Set<String> marked = new LinkedHashSet<>();

    @Override
    public synchronized int markPublished(List<OrderEvent> events) {
        List<String> ids = events.stream().map(OrderEvent::eventId).toList();
        calls.add(ids);
        int newlyMarked = 0;
        for (String id : ids) {
            if (marked.add(id)) {
                newlyMarked++;
            }
        }
        return newlyMarked;
    }

    /** The event ids of each call, in call order. */
    public synchronized List<List<String>> calls() {
        return List.copyOf(calls);
    }

    /** Every event id marked so far, in the order first marked. */
    public synchronized List<String> marked() {
        return List.copyOf(marked);
    }
}
