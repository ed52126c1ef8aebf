package io.github.orderevents.local.lambda;

/** A function's figures for a console: live instances, cold starts, the last init duration, invocations, errors. */
public record FunctionStats(String function, int instances, long coldStarts, Double lastInitDurationMs, long invocations,
                            long errors) {
}
