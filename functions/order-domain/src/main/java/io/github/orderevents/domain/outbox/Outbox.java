package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.OrderEvent;

import java.util.List;

/** The outbox rows' publication state. */
public interface Outbox {

    /**
     * Marks these rows PUBLISHED (and no longer pending) where they still exist. A row that is gone
     * or already PUBLISHED is left as it is; a row that cannot be marked stays PENDING, which only means
     * the sweeper publishes it again (deduplicated downstream by event id). Never throws for that.
     *
     * @return how many rows were marked
     */
    int markPublished(List<OrderEvent> events);
}
