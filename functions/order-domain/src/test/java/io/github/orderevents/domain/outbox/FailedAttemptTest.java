package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailedAttemptTest {
    private static final OrderEvent EVENT = Orders.event(EventType.OrderPlaced, "ord-1", "cust-1", 1);

    @Test
    void keepsAReasonWithinTheBoundAsItIs() {
        String reason = "x".repeat(FailedAttempt.MAX_REASON_LENGTH);

        assertThat(new FailedAttempt(EVENT, reason).reason()).isEqualTo(reason);
    }

    @Test
    void cutsALongerReasonToTheBoundAndMarksTheCut() {
        String reason = new FailedAttempt(EVENT, "y".repeat(5_000)).reason();

        assertThat(reason).hasSize(FailedAttempt.MAX_REASON_LENGTH).endsWith("y…");
    }

    @Test
    void doesNotCutBetweenTheTwoHalvesOfACharacter() {
        String reason = "a".repeat(FailedAttempt.MAX_REASON_LENGTH - 2) + "😀".repeat(10);

        String cut = new FailedAttempt(EVENT, reason).reason();

        assertThat(cut).hasSizeLessThanOrEqualTo(FailedAttempt.MAX_REASON_LENGTH).endsWith("a…");
    }

    @Test
    void namesAMissingReasonInsteadOfStoringNothing() {
        assertThat(new FailedAttempt(EVENT, " ").reason()).isEqualTo("(no reason given)");
        assertThat(new FailedAttempt(EVENT, null).reason()).isEqualTo("(no reason given)");
    }
}
