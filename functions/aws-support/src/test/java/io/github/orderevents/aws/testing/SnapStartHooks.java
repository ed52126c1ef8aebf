package io.github.orderevents.aws.testing;

import io.github.orderevents.aws.priming.SnapStartPriming;
import io.github.orderevents.aws.testing.crac.Core;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a function's SnapStart hooks the way Lambda does before its first invoke after a restore: through
 * org.crac, to what the handler's constructor registered (testing/crac is the implementation), and checks that
 * the priming ran every step, left the tables and queues as they were and printed no metrics line (a data
 * point from priming would count in the function's real figures).
 */
public final class SnapStartHooks {
    private SnapStartHooks() {
    }

    /**
     * Constructs the handler, runs beforeCheckpoint and afterRestore, and returns the handler for its first invoke.
     *
     * @param function the name the handler registers its priming under
     * @param state    what the tables and queues hold, compared before and after the hooks
     */
    public static <H> H constructCheckpointAndRestore(String function, Supplier<H> handler, Supplier<?> state)
            throws Exception {
        Core.getGlobalContext().clear();
        H constructed = handler.get();
        assertThat(Core.getGlobalContext().registered())
                .as("resources %s registered with org.crac (is -Dorg.crac.Core.Compat set?)", function).isEqualTo(1);
        Object before = state.get();
        // org.crac holds resources weakly: what the function does not keep alive itself is gone after a GC.
        System.gc();

        String printed = stdoutOf(org.crac.Core::checkpointRestore);
        assertThat(printed.lines().filter(line -> line.contains("\"_aws\""))).as("EMF lines printed by the hooks").isEmpty();

        SnapStartPriming priming = SnapStartPriming.registered(function).orElseThrow();
        assertThat(priming.lastRun()).as("%s priming ran", function).hasValueSatisfying(run -> {
            assertThat(run.failed()).as("failed steps").isEmpty();
            assertThat(run.warmed()).as("warmed steps").isNotEmpty();
        });
        assertThat(state.get()).as("tables and queues after the hooks").isEqualTo(before);
        return constructed;
    }

    /** What {@code hooks} print on stdout, which still reaches the test's output. */
    private static String stdoutOf(Hooks hooks) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            hooks.run();
        } finally {
            System.setOut(original);
            original.print(bytes.toString(StandardCharsets.UTF_8));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface Hooks {
        void run() throws Exception;
    }
}
