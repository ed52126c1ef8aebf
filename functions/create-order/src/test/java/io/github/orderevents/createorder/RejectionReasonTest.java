package io.github.orderevents.createorder;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RejectionReasonTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"400, invalid-request", "409, idempotency-in-progress", "413, body-too-large",
            "415, unsupported-media-type", "422, idempotency-conflict", "404, other", "429, other"})
    void everyClientErrorHasOneReasonOfTheClosedSet(int status, String reason) {
        assertThat(RejectionReason.of(status)).map(RejectionReason::value).hasValue(reason);
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 302, 500, 503})
    void anAnswerThatIsNotAClientErrorIsNoRejection(int status) {
        assertThat(RejectionReason.of(status)).isEmpty();
    }
}
