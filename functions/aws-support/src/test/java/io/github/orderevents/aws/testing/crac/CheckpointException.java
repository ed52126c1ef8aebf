package io.github.orderevents.aws.testing.crac;

/** A beforeCheckpoint hook threw; the hooks' exceptions are suppressed in it. */
public class CheckpointException extends Exception {
    public CheckpointException() {
        super("a beforeCheckpoint hook failed");
    }
}
