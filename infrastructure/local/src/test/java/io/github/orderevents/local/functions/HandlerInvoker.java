package io.github.orderevents.local.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.github.orderevents.local.Json;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** In-process, for tests of what the runner hands a handler (the runtime client deserialises the same way):
 * Calls a handler object the way the Lambda Java runtime does: the JSON event is deserialised into the
 * handler's input type by the runtime's own serialisation ({@link EventSerialization}) and the result
 * serialised back; a {@link RequestStreamHandler} gets the raw bytes.
 */
public final class HandlerInvoker implements LambdaFunction {
    private final String name;
    private final Object handler;
    private final ClassLoader loader;
    private final Supplier<Context> contexts;
    private final EventSerialization serialization;
    private final Class<?> inputType;

    /** An invoker with a serialisation of its own (tests; one handler). */
    public HandlerInvoker(String name, Object handler, Supplier<Context> contexts) {
        this(name, handler, contexts, new EventSerialization(handler.getClass().getClassLoader()));
    }

    HandlerInvoker(String name, Object handler, Supplier<Context> contexts, EventSerialization serialization) {
        this.name = name;
        this.handler = handler;
        this.loader = handler.getClass().getClassLoader();
        this.contexts = contexts;
        this.serialization = serialization;
        this.inputType = handler instanceof RequestStreamHandler ? null : inputType(handler.getClass());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    @SuppressWarnings("unchecked")
    public JsonNode invoke(JsonNode event) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            byte[] eventBytes = Json.MAPPER.writeValueAsBytes(event);
            if (handler instanceof RequestStreamHandler streamHandler) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                streamHandler.handleRequest(new ByteArrayInputStream(eventBytes), out, contexts.get());
                return out.size() == 0 ? NullNode.getInstance() : Json.MAPPER.readTree(out.toByteArray());
            }
            Object request = serialization.fromJson(eventBytes, inputType);
            Object response = ((RequestHandler<Object, Object>) handler).handleRequest(request, contexts.get());
            if (response == null) {
                return NullNode.getInstance();
            }
            return Json.MAPPER.readTree(new String(serialization.toJson(response), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FunctionErrorException(name, e);
        } catch (RuntimeException | Error e) {
            throw new FunctionErrorException(name, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The {@code I} of {@code RequestHandler<I, O>}, searched up the class hierarchy. */
    static Class<?> inputType(Class<?> handlerClass) {
        for (Class<?> c = handlerClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type type : c.getGenericInterfaces()) {
                if (type instanceof ParameterizedType p && p.getRawType().getTypeName().equals(RequestHandler.class.getName())) {
                    Type argument = p.getActualTypeArguments()[0];
                    if (argument instanceof Class<?> k) {
                        return k;
                    }
                    if (argument instanceof ParameterizedType pa && pa.getRawType() instanceof Class<?> raw) {
                        return raw;
                    }
                }
            }
        }
        throw new IllegalArgumentException(handlerClass + " implements neither RequestHandler<I, O> nor RequestStreamHandler");
    }
}
