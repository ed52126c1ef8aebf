package io.github.orderevents.local.lambda;

/** What a runtime posted to its Runtime API: an invocation's response or error, or its init error. */
public sealed interface RuntimeReply {

    /** {@code POST /runtime/invocation/{id}/response}: the handler's result, as bytes. */
    record Response(byte[] body) implements RuntimeReply {
    }

    /**
     * {@code POST /runtime/invocation/{id}/error}: {@code errorType} is the {@code Lambda-Runtime-Function-Error-Type}
     * header (e.g. "Runtime.UserException"), the body JSON {errorMessage, errorType, stackTrace}.
     */
    record Error(String errorType, byte[] body) implements RuntimeReply {
    }

    /** {@code POST /runtime/init/error}: as {@link Error}, for the initialisation. */
    record InitError(String errorType, byte[] body) implements RuntimeReply {
    }
}
