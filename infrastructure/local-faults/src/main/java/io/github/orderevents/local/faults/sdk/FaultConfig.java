package io.github.orderevents.local.faults.sdk;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The SDK faults one function process injects, read from its environment (see
 * {@link FaultInjectingInterceptor} for the variables). Absent or blank variables mean no faults.
 *
 * @param sdkErrors           rate (0..1) per lower-cased "service:operation", "service:*" or "*"
 * @param sendFailureAfterSend rate (0..1) of SendMessageBatch calls that fail after SQS accepted them
 * @param seed                the run's random seed
 */
record FaultConfig(Map<String, Double> sdkErrors, double sendFailureAfterSend, long seed) {
    static final String SDK_FAULTS = "LOCAL_CLOUD_SDK_FAULTS";
    static final String SEND_FAILURE_AFTER_SEND = "LOCAL_CLOUD_SEND_FAILURE_AFTER_SEND";
    static final String SEED = "LOCAL_CLOUD_FAULT_SEED";
    static final long DEFAULT_SEED = 42;

    private static final Pattern KEY = Pattern.compile("\\*|[A-Za-z0-9-]+:(\\*|[A-Za-z0-9]+)");
    private static final Pattern RATE = Pattern.compile("[0-9]+(\\.[0-9]*)?|\\.[0-9]+");
    private static final String SDK_FAULTS_FORMAT = "comma-separated service:Operation=rate, service:*=rate or *=rate"
            + " with rates from 0 to 1, e.g. dynamodb:TransactWriteItems=0.1,sqs:*=0.05,*=0.02";

    FaultConfig {
        sdkErrors = Map.copyOf(sdkErrors);
    }

    /** Reads the configuration; a malformed variable fails with a message that names it. */
    static FaultConfig from(Map<String, String> env) {
        return new FaultConfig(sdkErrors(value(env, SDK_FAULTS)),
                sendFailureAfterSend(value(env, SEND_FAILURE_AFTER_SEND)),
                seed(value(env, SEED)));
    }

    /** Whether any fault can fire at all (when not, the interceptor does nothing). */
    boolean any() {
        return sendFailureAfterSend > 0 || sdkErrors.values().stream().anyMatch(rate -> rate > 0);
    }

    /**
     * The error rate for a call, by "service:Operation", else "service:*", else "*"; service and operation
     * match case-insensitively (the SDK says "DynamoDb", the configuration may say "dynamodb").
     */
    double sdkErrorRate(String service, String operation) {
        String s = String.valueOf(service).toLowerCase(Locale.ROOT);
        String o = String.valueOf(operation).toLowerCase(Locale.ROOT);
        Double rate = sdkErrors.get(s + ":" + o);
        if (rate == null) {
            rate = sdkErrors.get(s + ":*");
        }
        if (rate == null) {
            rate = sdkErrors.get("*");
        }
        return rate == null ? 0 : rate;
    }

    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Map<String, Double> sdkErrors(String spec) {
        Map<String, Double> rates = new LinkedHashMap<>();
        if (spec == null) {
            return rates;
        }
        for (String entry : spec.split(",", -1)) {
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw malformedSdkFaults(spec, "\"" + entry.trim() + "\" has no =rate");
            }
            String key = entry.substring(0, equals).trim();
            if (!KEY.matcher(key).matches()) {
                throw malformedSdkFaults(spec, "\"" + key + "\" is not service:Operation, service:* or *");
            }
            String text = entry.substring(equals + 1).trim();
            Double rate = rate(text);
            if (rate == null) {
                throw malformedSdkFaults(spec, "the rate of " + key + " (\"" + text + "\") is not a number from 0 to 1");
            }
            if (rates.put(key.toLowerCase(Locale.ROOT), rate) != null) {
                throw malformedSdkFaults(spec, key + " is given twice");
            }
        }
        return rates;
    }

    private static IllegalArgumentException malformedSdkFaults(String spec, String reason) {
        return new IllegalArgumentException(SDK_FAULTS + "=\"" + spec + "\" is malformed: " + reason
                + "; expected " + SDK_FAULTS_FORMAT);
    }

    private static double sendFailureAfterSend(String text) {
        if (text == null) {
            return 0;
        }
        Double rate = rate(text);
        if (rate == null) {
            throw new IllegalArgumentException(SEND_FAILURE_AFTER_SEND + "=\"" + text
                    + "\" is malformed: expected a rate from 0 to 1, e.g. 0.05");
        }
        return rate;
    }

    private static long seed(String text) {
        if (text == null) {
            return DEFAULT_SEED;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SEED + "=\"" + text + "\" is malformed: expected a whole number, e.g. 7", e);
        }
    }

    /** A rate from 0 to 1 in plain decimal notation, or null if the text is not one. */
    private static Double rate(String text) {
        if (!RATE.matcher(text).matches()) {
            return null;
        }
        double rate = Double.parseDouble(text);
        return rate <= 1 ? rate : null;
    }
}
