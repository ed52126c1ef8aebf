package io.github.orderevents.local.faults.sdk;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Injects AWS SDK faults into a function process of the local cloud. Never part of a function: the local
 * cloud puts this jar in the function's task root {@code lib/} folder, beside the function's own SDK (same
 * class loader), and the SDK loads it as a <em>global</em> execution interceptor, from the class path
 * resource {@code software/amazon/awssdk/global/handlers/execution.interceptors}, into every client the
 * function builds (a new instance per client). The function's code does not know it is there.
 *
 * <p>Configured by environment variables only, read once per instance, in the constructor; all absent
 * means no faults, and the interceptor does nothing. A malformed variable fails the constructor with a
 * message naming it, so building the function's client fails loudly.
 * <ul>
 *   <li>{@code LOCAL_CLOUD_SDK_FAULTS}: comma-separated {@code service:Operation=rate},
 *   {@code service:*=rate} or {@code *=rate}, rates 0..1, e.g.
 *   {@code dynamodb:TransactWriteItems=0.1,sqs:*=0.05,*=0.02}; the most specific entry applies. Services
 *   are the SDK's service names ({@link SdkExecutionAttribute#SERVICE_NAME}: "DynamoDb", "Sqs"), and
 *   services and operations match case-insensitively. At that rate an attempt fails, before it is sent,
 *   with the 503 the service answers when it is unavailable.</li>
 *   <li>{@code LOCAL_CLOUD_SEND_FAILURE_AFTER_SEND}: rate 0..1 at which a SendMessageBatch that SQS
 *   accepted fails afterwards with an {@link SdkClientException} (the messages are in the queue; the
 *   caller believes the send failed).</li>
 *   <li>{@code LOCAL_CLOUD_FAULT_SEED}: the run's random seed (default 42), mixed with
 *   {@code AWS_LAMBDA_FUNCTION_NAME}, the process id and the client's service, so that instances differ
 *   while each draws a sequence determined by those.</li>
 * </ul>
 *
 * <p>Every fault that fires is reported on stderr as one line for the local cloud to count:
 * {@code LOCAL_CLOUD_FAULT {"kind":"sdk-error","service":"DynamoDb","operation":"TransactWriteItems"}} or
 * {@code LOCAL_CLOUD_FAULT {"kind":"send-failure-after-send"}}.
 *
 * <p>Why the 503 is thrown from {@link #beforeTransmission}: that hook runs once per attempt, inside the
 * SDK's retry loop (its {@code RetryableStage} wraps signing, the before-transmission interceptors and the
 * HTTP call), and that loop retries any {@code SdkException} an attempt throws if the client's retry
 * strategy says so; its default conditions retry a service exception with status 500/502/503/504, counting
 * it against the retry token bucket as a real one. So the function sees what an unavailable service makes
 * it see: a few attempts with backoff, then (if all fail) the service's own exception type (e.g.
 * {@code DynamoDbException}, status 503, error code "ServiceUnavailable", see {@link ServiceUnavailable})
 * with {@code numAttempts()} set. Turning a real response into a 503 in {@code modifyHttpResponse} instead
 * would send the request first: the write would take effect and then look failed, which is a different
 * fault (this one is "failed before it was sent", as the chaos run expects).
 */
public final class FaultInjectingInterceptor implements ExecutionInterceptor {
    static final String FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";
    static final String REPORT_PREFIX = "LOCAL_CLOUD_FAULT ";

    private final FaultConfig config;
    private final String functionName;
    private final long pid;
    private Random random; // seeded on first use, when the client's service is known

    /** The SDK's constructor: reads the process's environment. */
    public FaultInjectingInterceptor() {
        this(System.getenv());
    }

    FaultInjectingInterceptor(Map<String, String> env) {
        this(env, ProcessHandle.current().pid());
    }

    FaultInjectingInterceptor(Map<String, String> env, long pid) {
        this.config = FaultConfig.from(env);
        this.functionName = Objects.requireNonNullElse(env.get(FUNCTION_NAME), "");
        this.pid = pid;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        if (!config.any()) {
            return;
        }
        String service = executionAttributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (fires(config.sdkErrorRate(service, operation), service)) {
            report("{\"kind\":\"sdk-error\",\"service\":" + json(service) + ",\"operation\":" + json(operation) + "}");
            throw ServiceUnavailable.exception(context.request(), service, operation);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
        if (config.sendFailureAfterSend() <= 0) {
            return;
        }
        String service = executionAttributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if ("Sqs".equalsIgnoreCase(service) && "SendMessageBatch".equals(operation)
                && fires(config.sendFailureAfterSend(), service)) {
            report("{\"kind\":\"send-failure-after-send\"}");
            // After the execution, outside the retry loop: the caller gets it as it is, with no retry.
            throw SdkClientException.create("injected fault: failure after SQS accepted the batch (" + service + " "
                    + operation + ")");
        }
    }

    @Override
    public String toString() {
        return "FaultInjectingInterceptor[" + (config.any() ? config : "no faults") + "]";
    }

    /** Draws only for a rate above 0, so that faults that are off do not shift the others' sequence. */
    private synchronized boolean fires(double rate, String service) {
        if (rate <= 0) {
            return false;
        }
        if (random == null) {
            random = new Random(mix(config.seed(), functionName, pid, String.valueOf(service).toLowerCase(Locale.ROOT)));
        }
        return random.nextDouble() < rate;
    }

    static long mix(long seed, String functionName, long pid, String service) {
        long h = seed;
        for (long part : new long[]{functionName.hashCode(), pid, service.hashCode()}) {
            h = (h ^ part) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 31;
        }
        return h;
    }

    /** One line, one write: the local cloud counts these in the function's stderr. */
    private static void report(String json) {
        System.err.println(REPORT_PREFIX + json);
    }

    private static String json(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
