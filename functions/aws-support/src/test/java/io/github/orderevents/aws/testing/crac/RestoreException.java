package io.github.orderevents.aws.testing.crac;

/** An afterRestore hook threw; the hooks' exceptions are suppressed in it. */
public class RestoreException extends Exception {
    public RestoreException() {
        super("an afterRestore hook failed");
    }
}
