package io.github.orderevents.domain.outbox;

import java.util.Objects;

/** One destination of an event type: the queue (its URL) and the key of its message groups. */
public record Route(String destination, GroupKey groupBy) {
    public Route {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(groupBy, "groupBy");
    }
}
