package io.github.orderevents.local.faults;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Random;

/**
 * Injects AWS SDK failures into one function, through the client factory's hook
 * ({@code io.github.orderevents.aws.ClientInterceptors.add}). The function's SDK lives in the
 * function's own class loader, so the interceptor is a proxy implementing that loader's
 * {@code ExecutionInterceptor}, and the exceptions are that loader's SDK exceptions (built
 * reflectively): the function sees exactly what the real service would make it see.
 * <ul>
 *   <li>before transmission, at the plan's rate per service:operation: a 503 service error (the SDK's
 *   retries absorb most; some reach the function);</li>
 *   <li>after a SendMessageBatch that SQS accepted, at the relay-send-failure rate: a client error, so
 *   the caller believes its send failed though the messages are in the queue.</li>
 * </ul>
 */
public final class SdkFaultInterceptor implements InvocationHandler {
    private static final String INTERCEPTOR = "software.amazon.awssdk.core.interceptor.ExecutionInterceptor";
    private static final String ATTRIBUTES = "software.amazon.awssdk.core.interceptor.SdkExecutionAttribute";

    private final FaultPlan plan;
    private final FaultStats stats;
    private final Random random;
    private final ClassLoader loader;
    private final Object serviceName;
    private final Object operationName;

    private SdkFaultInterceptor(FaultPlan plan, FaultStats stats, ClassLoader loader) throws ReflectiveOperationException {
        this.plan = plan;
        this.stats = stats;
        this.random = new Random(plan.seed() ^ loader.getName().hashCode());
        this.loader = loader;
        Class<?> attributes = Class.forName(ATTRIBUTES, true, loader);
        this.serviceName = attributes.getField("SERVICE_NAME").get(null);
        this.operationName = attributes.getField("OPERATION_NAME").get(null);
    }

    /** Installs the interceptor into the function loaded by {@code loader}, before its clients are built. */
    public static void install(FaultPlan plan, FaultStats stats, ClassLoader loader) {
        try {
            Class<?> type = Class.forName(INTERCEPTOR, true, loader);
            Object proxy = Proxy.newProxyInstance(loader, new Class<?>[]{type}, new SdkFaultInterceptor(plan, stats, loader));
            Class.forName("io.github.orderevents.aws.ClientInterceptors", true, loader)
                    .getMethod("add", type).invoke(null, proxy);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot install SDK fault injection in " + loader.getName() + ": " + e, e);
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "beforeTransmission" -> {
                String service = attribute(args[1], serviceName);
                String operation = attribute(args[1], operationName);
                if (chance(plan.sdkErrorRate(service, operation))) {
                    stats.fired("sdk-error " + service + ":" + operation);
                    throw serviceUnavailable(service + " " + operation);
                }
                return null;
            }
            case "afterExecution" -> {
                if ("SendMessageBatch".equals(attribute(args[1], operationName)) && chance(plan.relaySendFailure())) {
                    stats.fired("send-failure-after-send");
                    throw clientError("injected failure after SQS accepted the batch");
                }
                return null;
            }
            case "toString" -> {
                return "SdkFaultInterceptor";
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "equals" -> {
                return proxy == args[0];
            }
            default -> {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
        }
    }

    private synchronized boolean chance(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }

    private String attribute(Object executionAttributes, Object key) throws ReflectiveOperationException {
        for (Method method : executionAttributes.getClass().getMethods()) {
            if (method.getName().equals("getAttribute") && method.getParameterCount() == 1
                    && method.getParameterTypes()[0].isInstance(key)) {
                return String.valueOf(method.invoke(executionAttributes, key));
            }
        }
        throw new NoSuchMethodException("ExecutionAttributes.getAttribute");
    }

    private RuntimeException serviceUnavailable(String what) throws ReflectiveOperationException {
        Class<?> exception = Class.forName("software.amazon.awssdk.core.exception.SdkServiceException", true, loader);
        Object builder = exception.getMethod("builder").invoke(null);
        Class<?> builderType = Class.forName("software.amazon.awssdk.core.exception.SdkServiceException$Builder", true, loader);
        builderType.getMethod("statusCode", int.class).invoke(builder, 503);
        builderType.getMethod("message", String.class).invoke(builder, "injected fault: service unavailable (" + what + ")");
        return (RuntimeException) builderType.getMethod("build").invoke(builder);
    }

    private RuntimeException clientError(String message) throws ReflectiveOperationException {
        Class<?> exception = Class.forName("software.amazon.awssdk.core.exception.SdkClientException", true, loader);
        return (RuntimeException) exception.getMethod("create", String.class).invoke(null, message);
    }
}
