package io.github.orderevents.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Amounts on events are held at exactly two decimals, the form they take on the wire ("44.90"): an event
 * then equals itself after a round trip, and no amount with a fraction of a cent can be written.
 */
final class Cents {
    private Cents() {
    }

    /** @throws IllegalArgumentException if {@code amount} has a non-zero digit past the second decimal */
    static BigDecimal of(BigDecimal amount, String name) {
        Objects.requireNonNull(amount, name);
        try {
            return amount.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(name + " has more than two decimals: " + amount.toPlainString());
        }
    }
}
