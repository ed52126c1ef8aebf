package io.github.orderevents.local.lambda;

/** How an invocation ended. */
public enum Outcome {
    /** The runtime posted a response. */
    SUCCESS,
    /** The runtime posted an error (the handler threw). */
    FUNCTION_ERROR,
    /** The instance never got ready: it reported an init error, exited, or took too long. */
    INIT_ERROR,
    /** The invocation ran past the function's timeout; its process was killed. */
    TIMEOUT,
    /** The process exited during the invocation. */
    RUNTIME_EXIT,
    /** The caller's thread was interrupted while it waited; the instance was killed. */
    INTERRUPTED
}
