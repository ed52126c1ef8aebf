package io.github.orderevents.domain.consumer;

/** What consuming an event did. A gap is not a result: it is a {@link SequenceGapException}. */
public enum ConsumeResult {
    /** The event's effect was applied now. */
    APPLIED,
    /** The event (or a later one of its aggregate) was applied before: acknowledged, no second effect. */
    DUPLICATE
}
