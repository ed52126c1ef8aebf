package io.github.orderevents.domain.consumer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Processes a FIFO batch message by message and says which messages failed. Once a message of a group
 * fails, every later message of that group in the batch is failed too, without being processed: a
 * later message that succeeded would be deleted while an earlier one comes back, and order would be
 * lost (AWS Lambda, "Using Lambda with Amazon SQS", FIFO partial batch responses). Other groups go on.
 */
public final class FifoBatch {
    private FifoBatch() {
    }

    /**
     * @param messages  the batch, in the order the queue delivered it
     * @param groupOf   a message's group id
     * @param idOf      the id to report a failed message by
     * @param process   handles one message; throwing fails it
     * @param onFailure told of every failure that was thrown (for logging), not of skipped messages
     * @return the ids of failed messages, in batch order
     */
    public static <M> List<String> process(List<M> messages, Function<M, String> groupOf, Function<M, String> idOf,
                                           Consumer<M> process, FailureListener<M> onFailure) {
        Set<String> failedGroups = new HashSet<>();
        List<String> failed = new ArrayList<>();
        for (M message : messages) {
            String group = groupOf.apply(message);
            if (failedGroups.contains(group)) {
                failed.add(idOf.apply(message));
                continue;
            }
            try {
                process.accept(message);
            } catch (RuntimeException e) {
                onFailure.failed(message, e);
                failedGroups.add(group);
                failed.add(idOf.apply(message));
            }
        }
        return failed;
    }

    /** Hears of a message whose processing threw. */
    @FunctionalInterface
    public interface FailureListener<M> {
        void failed(M message, RuntimeException error);
    }
}
