package io.github.orderevents.systemtests.chaos;

import io.github.orderevents.local.LocalCloud;
import io.github.orderevents.systemtests.ProjectCloud;
import io.github.orderevents.local.LocalCloudOptions;
import io.github.orderevents.local.faults.FaultPlan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The 1,000-order chaos run: every kind of fault on, and still no event lost or applied twice. */
class ChaosRunIT {

    @Test
    void thousandOrdersUnderFaultsLoseNothingApplyNothingTwiceAndKeepOrder() {
        LocalCloudOptions options = ProjectCloud.options("chaos-it")
                .withVisibilityTimeout(Optional.of(2))
                .withParameters(Map.of("SweepAfterMinutes", "1"))
                .withFaults(FaultPlan.chaos(7));
        ChaosRun.Summary summary;
        try (LocalCloud cloud = LocalCloud.start(options)) {
            summary = new ChaosRun(cloud, new ChaosRun.Settings(1000, 20, 0.1, 10, 10, 8, Duration.ofMinutes(8), 7),
                    System.out).run();
        }
        System.out.println("chaos-it: " + summary.line() + " faults=" + summary.faults() + " in " + summary.elapsed());

        assertThat(summary.faults().keySet()).as("every kind of fault fired").anyMatch(f -> f.startsWith("sdk-error"))
                .contains("consumer-crash", "duplicate-delivery", "slow-handler", "send-failure-after-send");
        assertThat(summary.clean()).as(summary.line()).isTrue();
    }
}
