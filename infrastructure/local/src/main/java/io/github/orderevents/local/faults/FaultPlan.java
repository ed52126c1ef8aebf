package io.github.orderevents.local.faults;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which faults the local cloud injects, and how often (probabilities 0..1). Off by default. Faults are
 * injected around the functions (by their triggers, and into their SDK clients through the SDK's global
 * interceptors: local-faults.jar, configured by {@link #sdkFaultEnvironment()}), never by code in the functions.
 *
 * @param consumerCrash     an SQS-triggered invocation "crashes" after its side effects, before its
 *                          batch response: every message of the batch comes back (at-least-once)
 * @param duplicateDelivery a batch that succeeded is delivered (invoked) once more
 * @param slowHandler       an invocation takes longer than the queue's visibility timeout, so its
 *                          messages become visible (and are received) again while it works
 * @param relaySendFailure  a SendMessageBatch call fails after SQS accepted it (the relay has sent part
 *                          of its batch and sees an error)
 * @param sdkErrors         per "service:Operation" (e.g. "dynamodb:TransactWriteItems"), or "*": the
 *                          rate of calls that fail with a throttling or 5xx error before they are sent
 */
public record FaultPlan(double consumerCrash, double duplicateDelivery, double slowHandler, double relaySendFailure,
                        Map<String, Double> sdkErrors, long seed) {
    public FaultPlan {
        sdkErrors = Map.copyOf(sdkErrors);
        for (double rate : new double[]{consumerCrash, duplicateDelivery, slowHandler, relaySendFailure}) {
            requireRate(rate);
        }
        sdkErrors.values().forEach(FaultPlan::requireRate);
    }

    public static FaultPlan none() {
        return new FaultPlan(0, 0, 0, 0, Map.of(), 1);
    }

    /** The chaos run's default: every kind of fault, often enough to fire many times in 1,000 orders. */
    public static FaultPlan chaos(long seed) {
        return new FaultPlan(0.03, 0.03, 0.01, 0.05, Map.of("*", 0.02), seed);
    }

    public boolean any() {
        return consumerCrash > 0 || duplicateDelivery > 0 || slowHandler > 0 || relaySendFailure > 0
                || sdkErrors.values().stream().anyMatch(rate -> rate > 0);
    }

    /** Whether the function processes get the fault-injecting SDK interceptor (local-faults.jar). */
    public boolean injectsSdkFaults() {
        return relaySendFailure > 0 || sdkErrors.values().stream().anyMatch(rate -> rate > 0);
    }

    /**
     * The variables that configure the interceptor in a function process: {@code LOCAL_CLOUD_SDK_FAULTS}
     * ("service:Operation=rate,..."), {@code LOCAL_CLOUD_SEND_FAILURE_AFTER_SEND} and {@code LOCAL_CLOUD_FAULT_SEED}.
     */
    public Map<String, String> sdkFaultEnvironment() {
        if (!injectsSdkFaults()) {
            return Map.of();
        }
        StringBuilder rates = new StringBuilder();
        sdkErrors.forEach((call, rate) -> rates.append(rates.isEmpty() ? "" : ",").append(call).append('=').append(rate));
        Map<String, String> env = new LinkedHashMap<>();
        if (!rates.isEmpty()) {
            env.put("LOCAL_CLOUD_SDK_FAULTS", rates.toString());
        }
        env.put("LOCAL_CLOUD_SEND_FAILURE_AFTER_SEND", Double.toString(relaySendFailure));
        env.put("LOCAL_CLOUD_FAULT_SEED", Long.toString(seed));
        return env;
    }

    /**
     * Reads "consumer-crash=0.03,duplicate-delivery=0.03,slow-handler=0.01,relay-send-failure=0.05,
     * sdk-errors=dynamodb:TransactWriteItems:0.05;sqs:*:0.02,seed=7", or "chaos" for {@link #chaos}.
     */
    public static FaultPlan parse(String spec) {
        if (spec.equals("chaos")) {
            return chaos(42);
        }
        FaultPlan plan = none();
        double crash = 0, duplicate = 0, slow = 0, relay = 0;
        long seed = 42;
        Map<String, Double> sdk = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("--faults takes name=value pairs, not " + part);
            }
            switch (kv[0].trim()) {
                case "consumer-crash" -> crash = rate(kv[1]);
                case "duplicate-delivery" -> duplicate = rate(kv[1]);
                case "slow-handler" -> slow = rate(kv[1]);
                case "relay-send-failure" -> relay = rate(kv[1]);
                case "seed" -> seed = Long.parseLong(kv[1].trim());
                case "sdk-errors" -> {
                    for (String entry : kv[1].split(";")) {
                        int colon = entry.lastIndexOf(':');
                        if (colon < 1) {
                            throw new IllegalArgumentException("sdk-errors takes service:Operation:rate;..., not " + entry);
                        }
                        sdk.put(entry.substring(0, colon).trim(), rate(entry.substring(colon + 1)));
                    }
                }
                default -> throw new IllegalArgumentException("unknown fault " + kv[0]);
            }
        }
        return new FaultPlan(crash, duplicate, slow, relay, sdk, seed);
    }

    private static double rate(String text) {
        double rate = Double.parseDouble(text.trim());
        requireRate(rate);
        return rate;
    }

    private static void requireRate(double rate) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("a fault rate is between 0 and 1, not " + rate);
        }
    }
}
