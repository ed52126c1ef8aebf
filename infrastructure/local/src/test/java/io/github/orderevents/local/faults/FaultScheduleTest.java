package io.github.orderevents.local.faults;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class FaultScheduleTest {

    @Test
    void aRareFaultFiresWithinItsFirstPeriodWhateverTheSeed() {
        for (long seed = 0; seed < 500; seed++) {
            FaultSchedule schedule = new FaultSchedule(0.01, new Random(seed));
            assertThat(firings(schedule, 100)).as("seed " + seed).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void firesAboutAsOftenAsItsRateSays() {
        FaultSchedule schedule = new FaultSchedule(0.03, new Random(7));
        assertThat(firings(schedule, 100_000)).isBetween(2_700, 3_300);
    }

    @Test
    void theGapsBetweenFiringsVary() {
        FaultSchedule schedule = new FaultSchedule(0.1, new Random(3));
        int[] fired = IntStream.range(0, 1_000).filter(i -> schedule.fires()).toArray();
        assertThat(IntStream.range(1, fired.length).map(i -> fired[i] - fired[i - 1]).distinct().count()).isGreaterThan(5);
    }

    @Test
    void aZeroRateNeverFires() {
        assertThat(firings(new FaultSchedule(0, new Random(1)), 10_000)).isZero();
    }

    private static int firings(FaultSchedule schedule, int invocations) {
        return (int) IntStream.range(0, invocations).filter(i -> schedule.fires()).count();
    }
}
