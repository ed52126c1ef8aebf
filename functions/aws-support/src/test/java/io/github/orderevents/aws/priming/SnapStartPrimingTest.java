package io.github.orderevents.aws.priming;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static io.github.orderevents.aws.priming.SnapStartPriming.step;
import static org.assertj.core.api.Assertions.assertThat;

class SnapStartPrimingTest {

    @Test
    void runsEveryStepForSeveralRoundsSoTheHotPathIsCompiledNotJustLoaded() {
        AtomicInteger decoded = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        SnapStartPriming priming = SnapStartPriming.register("rounds",
                step("decode", decoded::incrementAndGet), step("send", sent::incrementAndGet));

        priming.beforeCheckpoint(null);

        assertThat(decoded).hasValue(SnapStartPriming.ROUNDS);
        assertThat(sent).hasValue(SnapStartPriming.ROUNDS);
        assertThat(priming.lastRun().orElseThrow().warmed()).containsExactly("decode", "send");
    }

    @Test
    void aFailingStepIsTriedOnceAndReportedWhileTheOthersGoOn() {
        AtomicInteger tries = new AtomicInteger();
        AtomicInteger others = new AtomicInteger();
        SnapStartPriming priming = SnapStartPriming.register("failing",
                step("refused", () -> {
                    tries.incrementAndGet();
                    throw new IllegalStateException("no route to the table");
                }),
                step("decode", others::incrementAndGet));

        priming.beforeCheckpoint(null);

        assertThat(tries).hasValue(1);
        assertThat(others).hasValue(SnapStartPriming.ROUNDS);
        assertThat(priming.lastRun().orElseThrow().warmed()).containsExactly("decode");
        assertThat(priming.lastRun().orElseThrow().failed())
                .containsExactly("refused: IllegalStateException: no route to the table");
    }
}
