package io.github.orderevents.local.console;

/**
 * A function as the console shows it.
 *
 * @param logicalId          its logical id in the template
 * @param name               its local function name
 * @param instances          execution environments alive now
 * @param coldStarts         execution environments started so far
 * @param lastInitDurationMs how long the last cold start took (init), in milliseconds; null before the first
 * @param invocations        invocations so far
 * @param errors             invocations that ended in a function error
 */
public record FunctionSummary(String logicalId, String name, int instances, long coldStarts, Double lastInitDurationMs,
                              long invocations, long errors) {
}
