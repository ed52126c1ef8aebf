package io.github.orderevents.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.orderevents.local.functions.FunctionErrorException;
import io.github.orderevents.local.functions.LambdaFunction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/** A function run as Lambda runs it: a pool of execution environments, each a process of its own. */
public final class ProcessFunction implements LambdaFunction, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FunctionConfig config;
    private final JavaRuntime runtime;
    private final LambdaRuntimeJars jars;
    private final Path taskRoot;
    private final Path runtimeDir;
    private final Path logDirectory;
    private final Consumer<String> log;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private final Deque<FunctionInstance> idle = new ArrayDeque<>();
    private final Set<FunctionInstance> instances = new HashSet<>();
    private int starting;
    private boolean closed;
    private final AtomicLong coldStarts = new AtomicLong();
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile Double lastInitDurationMs;
    private final List<Consumer<InvocationReport>> listeners = new CopyOnWriteArrayList<>();

    private ProcessFunction(FunctionConfig config, JavaRuntime runtime, LambdaRuntimeJars jars, Path taskRoot, Path workDir) {
        this.config = config;
        this.runtime = runtime;
        this.jars = jars;
        this.taskRoot = taskRoot;
        this.runtimeDir = workDir.resolve("lambda-runtime");
        this.logDirectory = workDir.resolve("logs");
        Consumer<String> sink = config.log();
        this.log = line -> {
            synchronized (sink) {
                sink.accept(line);
            }
        };
    }

    /**
     * Prepares {@code config}'s function: checks its runtime, unpacks its artifact and the runtime interface client
     * under {@code workDir}. No process starts before the first invocation (Lambda's on-demand initialisation).
     *
     * @throws IllegalArgumentException if the runtime is not one this JDK can run
     */
    public static ProcessFunction create(FunctionConfig config, Path workDir) {
        JavaRuntime runtime = JavaRuntime.of(config.functionName(), config.runtime());
        LambdaRuntimeJars jars = LambdaRuntimeJars.in(workDir.resolve("lambda-runtime"));
        try {
            return new ProcessFunction(config, runtime, jars, TaskRoot.prepare(config, workDir), workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("function " + config.functionName() + ": cannot unpack " + config.artifact(), e);
        }
    }

    @Override
    public String name() {
        return config.functionName();
    }

    public FunctionConfig config() {
        return config;
    }

    /** Where the function's code is, as its processes see it ({@code LAMBDA_TASK_ROOT}). */
    public Path taskRoot() {
        return taskRoot;
    }

    /** Calls {@code listener} with the report of every invocation, after it ended. */
    public void addListener(Consumer<InvocationReport> listener) {
        listeners.add(listener);
    }

    /**
     * Invokes the function in one of its processes: an idle instance, else a new one (a cold start) while there are
     * fewer than the function's max concurrency, else the first to be free. An instance that dies is dropped.
     *
     * @throws FunctionErrorException if the invocation failed, with a {@link FunctionError} as its cause (the
     *                                error type and message Lambda would return)
     */
    @Override
    public JsonNode invoke(JsonNode event) {
        byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(event == null ? NullNode.getInstance() : event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        byte[] response = invokeBytes(payload);
        return parse(response);
    }

    /** As {@link #invoke(JsonNode)}, bytes in and out (the runtime's own payloads). */
    public byte[] invokeBytes(byte[] event) {
        return invokeBytes(UUID.randomUUID().toString(), event);
    }

    /** As {@link #invokeBytes(byte[])}, under the given request id (the function's {@code context.getAwsRequestId()}). */
    public byte[] invokeBytes(String requestId, byte[] event) {
        FunctionInstance instance = acquire();
        InstanceResult result;
        try {
            result = instance.invoke(requestId, event);
        } finally {
            release(instance);
        }
        record(result.report());
        if (result.outcome() != Outcome.SUCCESS) {
            throw new FunctionErrorException(config.functionName(), result.error());
        }
        return result.payload();
    }

    private FunctionInstance acquire() {
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new IllegalStateException("function " + config.functionName() + " is closed");
                }
                FunctionInstance warm = idle.pollFirst();
                if (warm != null) {
                    if (warm.alive()) {
                        return warm;
                    }
                    instances.remove(warm);
                    continue;
                }
                if (instances.size() + starting < config.maxConcurrency()) {
                    starting++;
                    break;
                }
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FunctionErrorException(config.functionName(), new FunctionError("Local.Interrupted",
                            "interrupted while waiting for a free instance", List.of()));
                }
            }
        } finally {
            lock.unlock();
        }
        return startInstance();
    }

    private FunctionInstance startInstance() {
        FunctionInstance instance = null;
        try {
            instance = FunctionInstance.start(config,
                    api -> JvmLaunch.of(config, runtime, jars, Path.of(System.getProperty("java.home")),
                            Runtime.version().feature(), taskRoot, runtimeDir, api),
                    logDirectory, log);
            coldStarts.incrementAndGet();
            FunctionInstance started = instance;
            instance.onExit().thenRunAsync(() -> discard(started), Thread.ofVirtual()::start);
            return instance;
        } catch (IOException e) {
            throw new FunctionErrorException(config.functionName(),
                    new FunctionError("Runtime.Unknown", "cannot start a process: " + e.getMessage(), List.of()));
        } finally {
            lock.lock();
            try {
                starting--;
                if (instance != null) {
                    instances.add(instance);
                }
                released.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void release(FunctionInstance instance) {
        lock.lock();
        try {
            if (instance.alive() && !closed) {
                // Most recently used first: the warmest instance serves the next invocation, the others can idle.
                idle.addFirst(instance);
            } else {
                instances.remove(instance);
            }
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void discard(FunctionInstance instance) {
        lock.lock();
        try {
            idle.remove(instance);
            instances.remove(instance);
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void record(InvocationReport report) {
        invocations.incrementAndGet();
        if (report.outcome() != Outcome.SUCCESS) {
            errors.incrementAndGet();
        }
        if (report.initDurationMs() != null) {
            lastInitDurationMs = report.initDurationMs();
        }
        for (Consumer<InvocationReport> listener : listeners) {
            try {
                listener.accept(report);
            } catch (RuntimeException e) {
                log.accept("invocation listener failed: " + e);
            }
        }
    }

    /** The figures for a console. */
    public FunctionStats stats() {
        return new FunctionStats(config.functionName(), instances().size(), coldStarts.get(), lastInitDurationMs,
                invocations.get(), errors.get());
    }

    /** The instances alive now. */
    public List<FunctionInstance> instances() {
        lock.lock();
        try {
            return instances.stream().filter(FunctionInstance::alive).toList();
        } finally {
            lock.unlock();
        }
    }

    private static JsonNode parse(byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            JsonNode node = JSON.readTree(response);
            return node == null ? NullNode.getInstance() : node;
        } catch (IOException e) {
            // A stream handler may write anything; Lambda hands it to the caller as it is.
            return TextNode.valueOf(text);
        }
    }

    /** Shuts every instance down (SIGTERM, then SIGKILL after Lambda's grace period); invocations in flight fail. */
    @Override
    public void close() {
        List<FunctionInstance> all;
        lock.lock();
        try {
            closed = true;
            all = new ArrayList<>(instances);
            idle.clear();
            released.signalAll();
        } finally {
            lock.unlock();
        }
        all.parallelStream().forEach(FunctionInstance::shutdown);
    }
}
