package io.github.orderevents.local.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.github.orderevents.aws.Json;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Calls a handler object the way the Lambda Java runtime does: events of the Lambda event library go
 * through the runtime's own serialisers ({@link LambdaEventSerializers}: the SQS JSON says "Records",
 * the Java class says "records"), other types through its Jackson factory; a
 * {@link RequestStreamHandler} gets the raw bytes.
 */
public final class HandlerInvoker implements LambdaFunction {
    private final String name;
    private final Object handler;
    private final ClassLoader loader;
    private final Supplier<Context> contexts;
    private final PojoSerializer<Object> input;

    public HandlerInvoker(String name, Object handler, Supplier<Context> contexts) {
        this.name = name;
        this.handler = handler;
        this.loader = handler.getClass().getClassLoader();
        this.contexts = contexts;
        this.input = handler instanceof RequestStreamHandler ? null : serializerFor(inputType(handler.getClass()), loader);
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
            Object request = input.fromJson(new ByteArrayInputStream(eventBytes));
            Object response = ((RequestHandler<Object, Object>) handler).handleRequest(request, contexts.get());
            if (response == null) {
                return NullNode.getInstance();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            serializerFor((Class<Object>) response.getClass(), loader).toJson(response, out);
            return Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FunctionErrorException(name, e);
        } catch (RuntimeException | Error e) {
            throw new FunctionErrorException(name, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializerFor(Class<?> type, ClassLoader loader) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return LambdaEventSerializers.serializerFor((Class<Object>) type, loader);
        }
        return JacksonFactory.getInstance().getSerializer((Class<Object>) type);
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
