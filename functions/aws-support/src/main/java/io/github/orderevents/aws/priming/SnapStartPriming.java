package io.github.orderevents.aws.priming;

import io.github.orderevents.aws.JsonLog;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A function's SnapStart priming: the warm-up steps Lambda runs in {@code beforeCheckpoint}, so the snapshot
 * holds loaded and compiled code (event and JSON mapping, SDK marshalling, TLS) instead of the first invoke
 * after each restore paying for it. Every step must leave every table and queue as it found them; a step
 * that fails is logged and skipped, never failing the checkpoint (docs/how-it-works.md, "SnapStart priming").
 */
public final class SnapStartPriming implements Resource {
    /** The id in every priming read and write: order ids are ord-&lt;uuid&gt; and event ids UUIDs, never this. */
    public static final String KEY = "snapstart-priming";
    private static final JsonLog LOG = JsonLog.of(SnapStartPriming.class);
    /** org.crac's context holds resources weakly: this keeps the one of each function alive. */
    private static final Map<String, SnapStartPriming> REGISTERED = new ConcurrentHashMap<>();
    /**
     * How often the steps run. Once loads the classes; the JIT compiles a method only after it has run some
     * hundreds of times (Lambda stops tiered compilation at C1), and a request path runs most of its methods a
     * few times per request: a few rounds leave the hot path compiled in the snapshot, not just loaded.
     */
    static final int ROUNDS = 5;

    private final String function;
    private final Supplier<List<Step>> steps;
    private volatile Run lastRun;

    /** One warm-up, named for the log. */
    public record Step(String name, Action action) {
    }

    /** What a step does; it may throw, the priming catches it. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    /** The outcome of one {@code beforeCheckpoint}: the steps that ran through and those that failed, with why. */
    public record Run(List<String> warmed, List<String> failed) {
    }

    private SnapStartPriming(String function, Supplier<List<Step>> steps) {
        this.function = function;
        this.steps = steps;
    }

    public static Step step(String name, Action action) {
        return new Step(name, action);
    }

    /**
     * Registers {@code function}'s priming with the CRaC global context (Lambda's runtime implements it; on a
     * JVM without CRaC nothing ever calls it). Registering the same function again replaces its priming.
     */
    public static SnapStartPriming register(String function, Step... steps) {
        return register(function, () -> List.of(steps));
    }

    /**
     * As {@link #register(String, Step...)}, with the steps made only when the hooks run: what they need (sample
     * events, SDK requests) costs an on-demand cold start nothing.
     */
    public static SnapStartPriming register(String function, Supplier<List<Step>> steps) {
        SnapStartPriming priming = new SnapStartPriming(function, steps);
        REGISTERED.put(function, priming);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /** The priming last registered for {@code function} in this process. */
    public static Optional<SnapStartPriming> registered(String function) {
        return Optional.ofNullable(REGISTERED.get(function));
    }

    /** The last {@code beforeCheckpoint} of this priming, if it ran. */
    public Optional<Run> lastRun() {
        return Optional.ofNullable(lastRun);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        List<String> warmed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<Step> working;
        try {
            working = new ArrayList<>(steps.get());
        } catch (RuntimeException | LinkageError e) {
            lastRun = new Run(List.of(), List.of("steps: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
            LOG.warn("SnapStart priming skipped: its steps could not be made", "function", function,
                    "reason", e.getClass().getSimpleName() + ": " + e.getMessage());
            return;
        }
        for (int round = 0; round < ROUNDS && !working.isEmpty(); round++) {
            for (var it = working.iterator(); it.hasNext(); ) {
                Step step = it.next();
                try {
                    step.action().run();
                } catch (Exception | LinkageError e) {
                    // A step that fails once is not run again: it would fail the same way.
                    failed.add(step.name() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                    it.remove();
                }
            }
        }
        working.forEach(step -> warmed.add(step.name()));
        lastRun = new Run(List.copyOf(warmed), List.copyOf(failed));
        if (failed.isEmpty()) {
            LOG.info("SnapStart priming done", "function", function, "warmed", warmed);
        } else {
            LOG.warn("SnapStart priming skipped failed steps", "function", function, "warmed", warmed, "failed", failed);
        }
    }

    /**
     * Nothing to refresh: no unique value is made before the snapshot (ids are drawn per call from
     * SecureRandom, AWS "Handling uniqueness with Lambda SnapStart"), credentials come from the container
     * endpoint the default chain reads after a restore (AwsClients), and the JDK's keep-alive cache drops the
     * connections priming opened once they have been idle 5 s, so a restored copy connects afresh.
     */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
    }
}
