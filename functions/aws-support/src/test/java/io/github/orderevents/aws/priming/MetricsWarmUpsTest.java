package io.github.orderevents.aws.priming;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsWarmUpsTest {
    @Test
    void serializesAMetricsLineAgainAndAgainWithoutPrintingIt() throws Exception {
        SnapStartPriming.Step step = MetricsWarmUps.emfLine();
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            for (int round = 0; round < 3; round++) {
                step.action().run();
            }
        } finally {
            System.setOut(original);
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("_aws");
    }
}
