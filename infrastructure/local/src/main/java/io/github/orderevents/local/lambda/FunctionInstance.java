package io.github.orderevents.local.lambda;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/** One execution environment of a function: a JVM running the runtime interface client against a Runtime API of its own. */
public final class FunctionInstance {
    /** INIT: started, its first {@code next} not yet come; IDLE: waiting for work; BUSY: invoked; DEAD: exited or killed. */
    public enum State { INIT, IDLE, BUSY, DEAD }

    /** Lambda's init phase limit; past it Lambda retries init inside the invocation, within the function's timeout. */
    static final Duration INIT_LIMIT = Duration.ofSeconds(10);
    /** Lambda gives a runtime without extensions this long after SIGTERM before SIGKILL (at shutdown). */
    private static final Duration SHUTDOWN_GRACE = Duration.ofMillis(500);
    private static final Map<Integer, String> SIGNALS = Map.of(6, "aborted", 9, "killed", 11, "segmentation fault", 15, "terminated");

    /** Killed with the local cloud's JVM: a process in an invocation would outlive it otherwise. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("lambda-instances-stop").unstarted(
                () -> LIVE.forEach(FunctionInstance::destroyTree)));
    }

    private final FunctionConfig config;
    private final RuntimeApiServer api;
    private final Process process;
    private final long startNanos;
    private final ProcessLog log;
    private final AtomicReference<State> state = new AtomicReference<>(State.INIT);
    private volatile Long initNanos;
    private boolean initReported;

    private FunctionInstance(FunctionConfig config, RuntimeApiServer api, Process process, long startNanos, ProcessLog log) {
        this.config = config;
        this.api = api;
        this.process = process;
        this.startNanos = startNanos;
        this.log = log;
    }

    /**
     * Starts an instance: a Runtime API server, then the process {@code launchFor} describes for the server's
     * address, its output going to {@code sink} (through a file in {@code logDirectory}).
     */
    static FunctionInstance start(FunctionConfig config, Function<String, JvmLaunch> launchFor, Path logDirectory,
                                  Consumer<String> sink) throws IOException {
        RuntimeApiServer api = RuntimeApiServer.start(config.functionArn());
        ProcessLog log = null;
        try {
            JvmLaunch launch = launchFor.apply(api.address());
            log = ProcessLog.create(logDirectory, safeName(config.functionName()), sink);
            log.write("INIT_START Runtime Version: " + config.runtime().replace("java", "java:")
                    + ".local\tRuntime Version ARN: local:jdk-" + Runtime.version());
            ProcessBuilder builder = new ProcessBuilder(launch.command())
                    .directory(launch.workingDirectory().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile()))
                    .redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(launch.environment());
            long start = System.nanoTime();
            Process process = builder.start();
            LIVE.add(process);
            FunctionInstance instance = new FunctionInstance(config, api, process, start, log);
            api.firstNext().thenAccept(instance::ready);
            // Off the process reaper's thread: exited() waits for the last output lines.
            process.onExit().thenRunAsync(instance::exited, Thread.ofVirtual()::start);
            return instance;
        } catch (IOException | RuntimeException e) {
            api.close();
            if (log != null) {
                log.close();
            }
            throw e;
        }
    }

    private static String safeName(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    public long pid() {
        return process.pid();
    }

    public State state() {
        return state.get();
    }

    public boolean alive() {
        return state.get() != State.DEAD && process.isAlive();
    }

    /** Process start to the runtime's first {@code next}, once the instance got that far. */
    public Double initDurationMs() {
        Long nanos = initNanos;
        return nanos == null ? null : nanos / 1e6;
    }

    /** The process's peak resident memory (VmHWM) in MB, where /proc tells it. */
    public Long maxMemoryUsedMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").strip());
                    return (kb + 1023) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or the process is gone.
        }
        return null;
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /**
     * Runs one invocation: hands {@code event} to the runtime's {@code next}, waits for its response or error and for
     * its next {@code next} (the end of a Lambda invocation), and writes START, END and REPORT into the function log.
     * Kills the process on a timeout.
     */
    InstanceResult invoke(String requestId, byte[] event) {
        long submitted = System.nanoTime();
        try {
            return run(requestId, event, submitted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            return finish(requestId, InstanceResult.failure(Outcome.INTERRUPTED, new FunctionError("Local.Interrupted",
                    "RequestId: " + requestId + " Error: the caller was interrupted; its instance was stopped", List.of()),
                    System.nanoTime() - submitted, null, null));
        }
    }

    private InstanceResult run(String requestId, byte[] event, long submitted) throws InterruptedException {
        boolean first = !initReported;
        initReported = true;
        // START is written before the runtime has the event, so before anything the handler prints.
        RuntimeApiServer.PendingInvocation pending = api.submit(requestId, event, config.timeout(),
                delivery -> log.write("START RequestId: " + requestId + " Version: $LATEST"));
        // Waited on, never asked: each onExit() is a future of its own, completed asynchronously; isAlive() is exact.
        CompletableFuture<Process> exit = process.onExit();

        Duration deliveryBudget = initNanos == null ? INIT_LIMIT.plus(config.timeout()) : config.timeout();
        awaitAny(deliveryBudget, pending.delivered(), api.initError(), exit);
        if (!pending.delivered().isDone() || pending.delivered().isCancelled()) {
            return failedBeforeDelivery(requestId, pending, submitted, first);
        }
        RuntimeApiServer.Delivery delivery = pending.delivered().join();
        state.set(State.BUSY);
        Double initMs = first ? initDurationMs() : null;

        awaitAny(untilDeadline(delivery), pending.reply(), exit);
        if (!process.isAlive() && !pending.reply().isDone()) {
            // A reply posted just before the exit may still be on its way through the server.
            awaitAny(Duration.ofMillis(50), pending.reply());
        }
        if (!pending.reply().isDone()) {
            long duration = System.nanoTime() - delivery.nanoTime();
            if (!process.isAlive()) {
                return finish(requestId, InstanceResult.failure(Outcome.RUNTIME_EXIT, exitError(requestId), duration, initMs, null));
            }
            return timedOut(requestId, duration, initMs);
        }
        // Lambda's invocation lasts until the runtime asks for the next one (the runtime's output in between, such
        // as the client's error report, belongs to this invocation).
        awaitAny(untilDeadline(delivery), pending.runtimeDone(), exit);
        long end = pending.runtimeDone().isDone() ? pending.runtimeDone().join() : System.nanoTime();
        long duration = end - delivery.nanoTime();
        Long memory = maxMemoryUsedMb();
        if (!pending.runtimeDone().isDone() && process.isAlive()) {
            kill(); // answered, then never came back before the deadline
        }
        state.compareAndSet(State.BUSY, State.IDLE);
        return finish(requestId, switch (pending.reply().join()) {
            case RuntimeReply.Response response -> InstanceResult.success(response.body(), duration, initMs, memory);
            case RuntimeReply.Error error -> InstanceResult.failure(Outcome.FUNCTION_ERROR,
                    FunctionError.fromRuntime(error.errorType(), error.body()), duration, initMs, memory);
            case RuntimeReply.InitError initError -> throw new IllegalStateException("not an invocation reply: " + initError);
        });
    }

    private InstanceResult timedOut(String requestId, long duration, Double initMs) {
        Long memory = maxMemoryUsedMb();
        kill();
        String message = String.format(Locale.ROOT, "Task timed out after %.2f seconds", config.timeout().toMillis() / 1000.0);
        log.write(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + requestId + " " + message);
        return finish(requestId, InstanceResult.failure(Outcome.TIMEOUT,
                new FunctionError("Sandbox.Timedout", "RequestId: " + requestId + " Error: " + message, List.of()),
                duration, initMs, memory));
    }

    private static Duration untilDeadline(RuntimeApiServer.Delivery delivery) {
        return Duration.ofMillis(Math.max(0, delivery.deadlineEpochMs() - System.currentTimeMillis()));
    }

    /** The runtime never took the invocation: it reported an init error, exited, or outlasted the init budget. */
    private InstanceResult failedBeforeDelivery(String requestId, RuntimeApiServer.PendingInvocation pending, long submitted,
                                                boolean first) {
        // Withdrawn, unless the runtime took it in the meantime (its START is written then).
        boolean withdrawn = pending.delivered().cancel(false) || pending.delivered().isCancelled();
        boolean exited = !process.isAlive();
        kill();
        long waited = System.nanoTime() - submitted;
        boolean initialised = initNanos != null;
        FunctionError error;
        Outcome outcome = initialised ? Outcome.RUNTIME_EXIT : Outcome.INIT_ERROR;
        if (api.initError().isDone()) {
            RuntimeReply.InitError init = api.initError().join();
            error = FunctionError.fromRuntime(init.errorType(), init.body());
        } else if (exited) {
            error = exitError(requestId);
        } else {
            outcome = Outcome.TIMEOUT;
            error = new FunctionError("Sandbox.Timedout", String.format(Locale.ROOT,
                    "RequestId: %s Error: Task timed out after %.2f seconds", requestId, waited / 1e9), List.of());
        }
        Double initMs = initialised ? initDurationMs() : (System.nanoTime() - startNanos) / 1e6;
        String status = outcome == Outcome.TIMEOUT ? "timeout" : "error\tError Type: " + error.errorType();
        if (withdrawn) {
            log.write("START RequestId: " + requestId + " Version: $LATEST");
        }
        if (!initialised) {
            log.write(String.format(Locale.ROOT, "INIT_REPORT Init Duration: %.2f ms\tPhase: init\tStatus: %s", initMs, status));
        }
        return finish(requestId, InstanceResult.failure(outcome, error, waited, first ? initMs : null, null));
    }

    private FunctionError exitError(String requestId) {
        int code = process.exitValue();
        // Java reports a process killed by signal N as exit value 128 + N; Lambda names the signal.
        String how = code > 128 && SIGNALS.containsKey(code - 128) ? "signal: " + SIGNALS.get(code - 128) : "exit status " + code;
        return new FunctionError("Runtime.ExitError", "RequestId: " + requestId + " Error: Runtime exited with error: " + how,
                List.of());
    }

    private InstanceResult finish(String requestId, InstanceResult result) {
        InvocationReport report = result.report(config, requestId, pid());
        log.write("END RequestId: " + requestId);
        log.write(report.reportLine());
        return result.withReport(report);
    }

    private void ready(long firstNextNanos) {
        initNanos = firstNextNanos - startNanos;
        state.compareAndSet(State.INIT, State.IDLE);
    }

    private void exited() {
        LIVE.remove(process);
        state.set(State.DEAD);
        api.close();
        log.close();
    }

    /** Kills the process and the processes it started, at once (SIGKILL), as Lambda does after a timeout. */
    void kill() {
        state.set(State.DEAD);
        destroyTree(process);
        api.close();
    }

    private static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Shuts the instance down: SIGTERM, then SIGKILL if it is still there after Lambda's grace period. */
    void shutdown() {
        state.set(State.DEAD);
        process.destroy();
        try {
            process.onExit().get(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Still running (or unobservable): kill it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
    }

    /** Waits until one of {@code futures} is done; false if {@code max} passed first. */
    private static boolean awaitAny(Duration max, CompletableFuture<?>... futures) throws InterruptedException {
        try {
            CompletableFuture.anyOf(futures).get(max.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException | CancellationException e) {
            return true;
        }
    }

    @Override
    public String toString() {
        return config.functionName() + "[pid " + pid() + ", " + state() + "]";
    }
}
