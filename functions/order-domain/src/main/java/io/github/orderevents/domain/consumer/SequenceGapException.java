package io.github.orderevents.domain.consumer;

/**
 * An event arrived before its predecessor of the same aggregate. The message fails, so it comes back
 * (in order, behind nothing of its group) and is tried again; after maxReceiveCount it goes to the DLQ.
 */
public final class SequenceGapException extends RuntimeException {
    public SequenceGapException(String aggregateId, long sequence, long lastApplied) {
        super("sequence gap for " + aggregateId + ": got " + sequence + ", last applied " + lastApplied);
    }
}
