package io.github.orderevents.redrive;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RedriveAnswerTest {
    @Test
    void cutKeepsWholeCharactersWithinTheByteLimit() {
        assertThat(RedriveAnswer.cut("abc", 10)).isEqualTo("abc");
        assertThat(RedriveAnswer.cut("abcdef", 4)).isEqualTo("abcd");
        assertThat(RedriveAnswer.cut("aé€", 3)).isEqualTo("aé");
        assertThat(RedriveAnswer.cut("aé€", 5)).isEqualTo("aé");
        assertThat(RedriveAnswer.cut("a\uD83D\uDE00b", 4)).isEqualTo("a");
        assertThat(RedriveAnswer.cut("a\uD83D\uDE00b", 5)).isEqualTo("a\uD83D\uDE00");
    }

    @Test
    void visibilityOutlastsTheInvocationWithinBounds() {
        assertThat(Redrive.visibilityFor(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(30));
        assertThat(Redrive.visibilityFor(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(70));
        assertThat(Redrive.visibilityFor(Duration.ofMinutes(15))).isEqualTo(Duration.ofMinutes(15));
    }
}
