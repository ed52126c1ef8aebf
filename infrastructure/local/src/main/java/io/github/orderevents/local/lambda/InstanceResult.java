package io.github.orderevents.local.lambda;

/** What one invocation of an instance gave: the response bytes or the error, with the REPORT figures. */
record InstanceResult(Outcome outcome, byte[] payload, FunctionError error, long durationNanos, Double initDurationMs,
                      Long maxMemoryMb, InvocationReport report) {

    static InstanceResult success(byte[] payload, long durationNanos, Double initDurationMs, Long maxMemoryMb) {
        return new InstanceResult(Outcome.SUCCESS, payload, null, durationNanos, initDurationMs, maxMemoryMb, null);
    }

    static InstanceResult failure(Outcome outcome, FunctionError error, long durationNanos, Double initDurationMs,
                                  Long maxMemoryMb) {
        return new InstanceResult(outcome, null, error, durationNanos, initDurationMs, maxMemoryMb, null);
    }

    InvocationReport report(FunctionConfig config, String requestId, long pid) {
        double durationMs = durationNanos / 1e6;
        // Billed per millisecond, rounded up; the init phase too since August 2025 ("AWS Lambda standardizes
        // billing for INIT Phase", AWS Compute Blog).
        long billed = (long) Math.ceil(durationMs + (initDurationMs == null ? 0 : initDurationMs));
        return new InvocationReport(config.functionName(), requestId, durationMs, Math.max(1, billed), initDurationMs,
                maxMemoryMb, config.memoryMb(), outcome, error == null ? null : error.errorType(), pid);
    }

    InstanceResult withReport(InvocationReport value) {
        return new InstanceResult(outcome, payload, error, durationNanos, initDurationMs, maxMemoryMb, value);
    }
}
