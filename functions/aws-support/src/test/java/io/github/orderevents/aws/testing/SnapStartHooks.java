package io.github.orderevents.aws.testing;

import io.github.orderevents.aws.priming.SnapStartPriming;
import io.github.orderevents.aws.testing.crac.Core;

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a function's SnapStart hooks the way Lambda does before its first invoke after a restore: through
 * org.crac, to what the handler's constructor registered (testing/crac is the implementation), and checks that
 * the priming ran every step and left the tables and queues as they were.
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

        org.crac.Core.checkpointRestore();

        SnapStartPriming priming = SnapStartPriming.registered(function).orElseThrow();
        assertThat(priming.lastRun()).as("%s priming ran", function).hasValueSatisfying(run -> {
            assertThat(run.failed()).as("failed steps").isEmpty();
            assertThat(run.warmed()).as("warmed steps").isNotEmpty();
        });
        assertThat(state.get()).as("tables and queues after the hooks").isEqualTo(before);
        return constructed;
    }
}
