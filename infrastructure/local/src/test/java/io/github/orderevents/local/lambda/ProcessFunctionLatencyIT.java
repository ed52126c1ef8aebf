package io.github.orderevents.local.lambda;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Measures the trivial function's cold start (process start to first response) and its warm invocations. */
class ProcessFunctionLatencyIT {
    private static final int RUNS = 5;

    @Test
    void coldStartsInSecondsAndWarmInvocationsInMilliseconds() {
        List<Double> cold = new ArrayList<>();
        List<Double> init = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        List<Double> steady = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            List<InvocationReport> reports = new CopyOnWriteArrayList<>();
            try (ProcessFunction function = ProcessFunction.create(
                    FunctionConfig.of("noop", LambdaFixtures.NOOP, LambdaFixtures.jar()).withMemoryMb(512).withLog(line -> { }),
                    LambdaFixtures.workDir())) {
                function.addListener(reports::add);
                cold.add(timed(() -> function.invoke(JsonNodeFactory.instance.objectNode())));
                init.add(reports.getFirst().initDurationMs());
                if (run == RUNS - 1) {
                    for (int i = 0; i < RUNS; i++) {
                        warm.add(timed(() -> function.invoke(JsonNodeFactory.instance.objectNode())));
                    }
                    for (int i = 0; i < 200; i++) {
                        function.invoke(JsonNodeFactory.instance.objectNode());
                    }
                    for (int i = 0; i < RUNS; i++) {
                        steady.add(timed(() -> function.invoke(JsonNodeFactory.instance.objectNode())));
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "cold start (invoke to response, ms): %s%n", format(cold));
        System.out.printf(Locale.ROOT, "  of which init (process start to first next, ms): %s%n", format(init));
        System.out.printf(Locale.ROOT, "warm invoke, the next five (ms): %s%n", format(warm));
        System.out.printf(Locale.ROOT, "warm invoke, after 200 more (ms): %s%n", format(steady));

        assertThat(cold).allMatch(ms -> ms < 10_000);
        assertThat(warm).allMatch(ms -> ms < 1_000);
        assertThat(steady).allMatch(ms -> ms < 1_000);
    }

    private static double timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static String format(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList());
    }
}
