package io.github.orderevents.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PriorityTest {
    @Test
    void eachPriorityParsesFromItsWireName() {
        assertThat(Priority.parse("standard")).contains(Priority.STANDARD);
        assertThat(Priority.parse("express")).contains(Priority.EXPRESS);
    }

    @Test
    void aNameThatIsNotAWireNameIsNoPriority() {
        assertThat(Priority.parse("EXPRESS")).isEmpty();
        assertThat(Priority.parse("urgent")).isEmpty();
        assertThat(Priority.parse(null)).isEmpty();
    }
}
