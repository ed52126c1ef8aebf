package io.github.orderevents.local.functions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Lambda Java runtime's event (de)serialisation, for one function: events of the Lambda event
 * library go through {@code LambdaEventSerializers} (the SQS JSON says "Records", the Java class says
 * "records"; Joda times for scheduled events), other types through its Jackson factory. The library
 * keeps JVM-wide state tied to the first class loader that used an event type, so each function gets
 * its own copy of it, loaded in a class loader of its own: functions never share it.
 */
final class EventSerialization implements AutoCloseable {
    private static final String EVENTS = "com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers";
    private static final String JACKSON = "com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory";

    private final ClassLoader functionLoader;
    private final URLClassLoader library;
    private final Map<Class<?>, Object> serializers = new ConcurrentHashMap<>();

    EventSerialization(ClassLoader functionLoader) {
        this.functionLoader = functionLoader;
        this.library = new URLClassLoader("lambda-serialization", new URL[]{libraryLocation()},
                ClassLoader.getPlatformClassLoader());
    }

    Object fromJson(byte[] json, Class<?> type) throws IOException {
        return call(serializer(type), "fromJson", new Class<?>[]{InputStream.class}, new ByteArrayInputStream(json));
    }

    byte[] toJson(Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        call(serializer(value.getClass()), "toJson", new Class<?>[]{Object.class, OutputStream.class}, value, out);
        return out.toByteArray();
    }

    private Object serializer(Class<?> type) {
        return serializers.computeIfAbsent(type, t -> {
            try {
                Class<?> events = Class.forName(EVENTS, true, library);
                boolean lambdaEvent = (Boolean) events.getMethod("isLambdaSupportedEvent", String.class).invoke(null, t.getName());
                if (lambdaEvent) {
                    return events.getMethod("serializerFor", Class.class, ClassLoader.class).invoke(null, t, functionLoader);
                }
                Object factory = Class.forName(JACKSON, true, library).getMethod("getInstance").invoke(null);
                return factory.getClass().getMethod("getSerializer", Class.class).invoke(factory, t);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("no serializer for " + t + ": " + e, e);
            }
        });
    }

    private static Object call(Object serializer, String name, Class<?>[] types, Object... args) throws IOException {
        try {
            Method method = serializer.getClass().getMethod(name, types);
            method.setAccessible(true);
            return method.invoke(serializer, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(name + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URL libraryLocation() {
        try {
            Class<?> anchor = Class.forName(EVENTS);
            return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL();
        } catch (ClassNotFoundException | URISyntaxException | IOException e) {
            throw new IllegalStateException("aws-lambda-java-serialization is not on the local cloud's class path", e);
        }
    }

    @Override
    public void close() throws IOException {
        library.close();
    }
}
