package io.github.orderevents.local.functions;

import com.fasterxml.jackson.databind.JsonNode;

/** A function as a trigger sees it: a JSON event in, a JSON response out, or a failed invocation. */
public interface LambdaFunction {

    /** The function's name (for logs and the resource table). */
    String name();

    /**
     * Invokes the function with {@code event}, as Lambda would: the event is deserialised into the
     * handler's input type, the handler's result serialised back.
     *
     * @return the response (JSON null for a void handler)
     * @throws FunctionErrorException if the handler threw (the invocation failed)
     */
    JsonNode invoke(JsonNode event);
}
