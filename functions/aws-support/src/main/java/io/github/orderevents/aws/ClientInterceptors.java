package io.github.orderevents.aws;

import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The client factory's hook for interceptors added from outside the function: the local cloud uses
 * it to inject faults. Deployed functions never add any. A class of its own (referring to no service
 * client), so that adding one works in a function whose jar carries only some service clients.
 */
public final class ClientInterceptors {
    private static final List<ExecutionInterceptor> ADDED = new CopyOnWriteArrayList<>();

    private ClientInterceptors() {
    }

    /** Adds an interceptor to every client {@link AwsClients} builds after this call, in this class loader. */
    public static void add(ExecutionInterceptor interceptor) {
        ADDED.add(interceptor);
    }

    static List<ExecutionInterceptor> all() {
        return List.copyOf(ADDED);
    }
}
