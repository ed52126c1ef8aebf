package io.github.orderevents.local.lambda;

/** The figures of one invocation (those of Lambda's REPORT line) and how it ended. */
public record InvocationReport(String function, String requestId, double durationMs, long billedMs,
                               // The first invocation of a new instance only: process start to its first next.
                               Double initDurationMs,
                               // The process's peak resident memory (VmHWM), null where /proc does not tell it.
                               Long maxMemoryMb,
                               int memorySizeMb, Outcome outcome,
                               // The caller's errorType; null on success.
                               String errorType,
                               long pid) {

    /** {@code REPORT RequestId: ...} as Lambda writes it into the function's log. */
    public String reportLine() {
        StringBuilder line = new StringBuilder("REPORT RequestId: ").append(requestId)
                .append("\tDuration: ").append(String.format(java.util.Locale.ROOT, "%.2f", durationMs)).append(" ms")
                .append("\tBilled Duration: ").append(billedMs).append(" ms")
                .append("\tMemory Size: ").append(memorySizeMb).append(" MB")
                .append("\tMax Memory Used: ").append(maxMemoryMb == null ? "-" : maxMemoryMb.toString()).append(" MB");
        if (initDurationMs != null) {
            line.append("\tInit Duration: ").append(String.format(java.util.Locale.ROOT, "%.2f", initDurationMs)).append(" ms");
        }
        switch (outcome) {
            case TIMEOUT -> line.append("\tStatus: timeout");
            case RUNTIME_EXIT, INIT_ERROR -> line.append("\tStatus: error\tError Type: ").append(errorType);
            default -> {
            }
        }
        return line.toString();
    }
}
