package io.github.orderevents.local.functions;

import com.fasterxml.jackson.databind.JsonNode;

import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A function of the template, loaded from its CodeUri artifact in a class loader of its own, with its
 * template environment installed for it ({@code io.github.orderevents.aws.Env.install}: the functions
 * read their configuration through that class). Like Lambda, one handler instance serves one invocation
 * at a time; up to {@code maxConcurrency} instances are created as invocations overlap.
 */
public final class LocalFunction implements LambdaFunction, AutoCloseable {
    private static final String ENV_CLASS = "io.github.orderevents.aws.Env";

    private final String name;
    private final String handlerClass;
    private final FunctionClassLoader loader;
    private final Duration timeout;
    private final int memoryMb;
    private final int maxConcurrency;
    private final BlockingQueue<HandlerInvoker> idle;
    private final EventSerialization serialization;
    private final AtomicInteger instances = new AtomicInteger();
    private volatile long firstInitMillis = -1;

    private LocalFunction(String name, String handlerClass, FunctionClassLoader loader, Duration timeout, int memoryMb,
                          int maxConcurrency) {
        this.name = name;
        this.handlerClass = handlerClass;
        this.loader = loader;
        this.timeout = timeout;
        this.memoryMb = memoryMb;
        this.maxConcurrency = maxConcurrency;
        this.idle = new ArrayBlockingQueue<>(maxConcurrency);
        this.serialization = new EventSerialization(loader);
    }

    /**
     * Loads {@code handler} ("package.Class::method") from {@code artifact} and builds its first instance
     * (the cold start), with {@code environment} as its environment variables.
     */
    public static LocalFunction load(String name, Path artifact, String handler, Map<String, String> environment,
                                     Duration timeout, int memoryMb, int maxConcurrency) {
        return load(name, artifact, handler, environment, timeout, memoryMb, maxConcurrency, loader -> {
        });
    }

    /**
     * As {@link #load(String, Path, String, Map, Duration, int, int)}, with {@code prepare} run on the
     * function's class loader before its handler is built (the local cloud installs fault injection there).
     */
    public static LocalFunction load(String name, Path artifact, String handler, Map<String, String> environment,
                                     Duration timeout, int memoryMb, int maxConcurrency,
                                     java.util.function.Consumer<ClassLoader> prepare) {
        if (!Files.isRegularFile(artifact)) {
            throw new IllegalStateException(name + ": CodeUri " + artifact + " does not exist; build it first (mvn package)");
        }
        FunctionClassLoader loader;
        try {
            loader = new FunctionClassLoader(name, artifact.toUri().toURL(), LocalFunction.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        LocalFunction function = new LocalFunction(name, className, loader, timeout, memoryMb, maxConcurrency);
        function.installEnvironment(environment);
        prepare.accept(loader);
        function.idle.add(function.newInstance());
        return function;
    }

    @Override
    public String name() {
        return name;
    }

    /** How long the first instance took to build (class loading plus the handler's constructor). */
    public long coldStartMillis() {
        return firstInitMillis;
    }

    public int instances() {
        return instances.get();
    }

    @Override
    public JsonNode invoke(JsonNode event) {
        HandlerInvoker invoker = idle.poll();
        if (invoker == null) {
            invoker = instances.get() < maxConcurrency ? newInstance() : take();
        }
        try {
            return invoker.invoke(event);
        } finally {
            idle.offer(invoker);
        }
    }

    private HandlerInvoker take() {
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FunctionErrorException(name, e);
        }
    }

    private synchronized HandlerInvoker newInstance() {
        long start = System.nanoTime();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Object handler = Class.forName(handlerClass, true, loader).getConstructor().newInstance();
            instances.incrementAndGet();
            if (firstInitMillis < 0) {
                firstInitMillis = (System.nanoTime() - start) / 1_000_000;
            }
            return new HandlerInvoker(name, handler, () -> new LocalContext(name, memoryMb, timeout), serialization);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(name + ": the handler's constructor failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(name + ": cannot build " + handlerClass + " from its artifact: " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void installEnvironment(Map<String, String> environment) {
        try {
            Class.forName(ENV_CLASS, true, loader).getMethod("install", Map.class).invoke(null, environment);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + ": its artifact has no " + ENV_CLASS
                    + "; the local cloud hands functions their environment through it");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(name + ": cannot install its environment: " + e, e);
        }
    }

    @Override
    public void close() throws Exception {
        serialization.close();
        loader.close();
    }
}
