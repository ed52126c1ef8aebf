package io.github.orderevents.domain.inventory;

import java.util.List;

/** What the inventory store did with an OrderPlaced event. */
public sealed interface ReservationOutcome {

    /** The stock, the order's new status and its outbox event were written together. */
    record Applied() implements ReservationOutcome {
    }

    /** The order had moved past this event already: a duplicate delivery; nothing was written. */
    record AlreadyApplied(long orderVersion) implements ReservationOutcome {
    }

    /** The order has not reached this event's predecessor yet; nothing was written. */
    record OutOfSequence(long orderVersion) implements ReservationOutcome {
    }

    /** Some SKUs are unknown or short; nothing was written. */
    record Shortage(List<StockShortage> shortages) implements ReservationOutcome {
        public Shortage {
            shortages = List.copyOf(shortages);
        }
    }
}
