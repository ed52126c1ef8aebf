package io.github.orderevents.local.faults.sdk;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.Collection;
import java.util.Map;

/**
 * Reports every AWS request a function process sends, for the local cloud to count (what a workload costs is
 * mostly its requests). Loaded like {@link FaultInjectingInterceptor}, as a global interceptor of the function's own
 * SDK; on only when {@code LOCAL_CLOUD_COUNT_REQUESTS=1}, otherwise it does nothing.
 *
 * <p>One line on stderr per attempt that goes on the wire: {@code LOCAL_CLOUD_SDK_CALL {"service":"DynamoDb",
 * "operation":"TransactWriteItems","items":2}}. Attempts, not calls: AWS bills each request it receives, a retried
 * one too. Listed after the fault injector in {@code execution.interceptors}, so an attempt that an injected fault
 * stops before transmission is not counted. {@code items} is the number of entries of a batch or transaction
 * (DynamoDB bills each item of a transaction; SQS bills a batch as one request per 64 KB), {@code consistentRead}
 * whether a read was strongly consistent (it costs twice an eventually consistent one).
 */
public final class RequestCountingInterceptor implements ExecutionInterceptor {
    static final String SWITCH = "LOCAL_CLOUD_COUNT_REQUESTS";
    static final String REPORT_PREFIX = "LOCAL_CLOUD_SDK_CALL ";
    /** The request fields that hold a batch's or a transaction's entries, by the SDK's field names. */
    private static final String[] ENTRY_FIELDS = {"TransactItems", "RequestItems", "Entries"};

    private final boolean on;

    /** The SDK's constructor: reads the process's environment. */
    public RequestCountingInterceptor() {
        this(System.getenv());
    }

    RequestCountingInterceptor(Map<String, String> env) {
        this.on = "1".equals(env.get(SWITCH)) || "true".equalsIgnoreCase(env.get(SWITCH));
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        if (!on) {
            return;
        }
        String service = executionAttributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        StringBuilder line = new StringBuilder(REPORT_PREFIX).append("{\"service\":\"").append(service)
                .append("\",\"operation\":\"").append(operation).append('"');
        SdkRequest request = context.request();
        for (String field : ENTRY_FIELDS) {
            request.getValueForField(field, Object.class).map(RequestCountingInterceptor::entries)
                    .ifPresent(items -> line.append(",\"items\":").append(items));
        }
        request.getValueForField("ConsistentRead", Boolean.class)
                .ifPresent(consistent -> line.append(",\"consistentRead\":").append(consistent));
        // One line, one write: the local cloud counts these in the function's output.
        System.err.println(line.append('}'));
    }

    /** A transaction's or a batch's entries; a BatchWriteItem's RequestItems is a map of table -> writes. */
    private static int entries(Object value) {
        if (value instanceof Map<?, ?> byTable) {
            return byTable.values().stream().mapToInt(RequestCountingInterceptor::entries).sum();
        }
        return value instanceof Collection<?> list ? list.size() : 1;
    }

    @Override
    public String toString() {
        return "RequestCountingInterceptor[" + (on ? "on" : "off") + "]";
    }
}
