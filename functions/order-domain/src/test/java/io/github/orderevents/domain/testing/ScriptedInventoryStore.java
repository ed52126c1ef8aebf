package io.github.orderevents.domain.testing;

import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.inventory.InventoryStore;
import io.github.orderevents.domain.inventory.ReservationOutcome;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link InventoryStore} that writes nothing: it records every call and answers the outcomes it was
 * scripted with, in order ({@link ReservationOutcome.Applied} once the script is used up).
 */
public final class ScriptedInventoryStore implements InventoryStore {

    /** One confirm call as it was made. */
    public record ConfirmCall(OrderEvent placed, Map<String, Integer> quantities, OrderEvent confirmed) {
    }

    /** One reject call as it was made. */
    public record RejectCall(OrderEvent placed, String reason, OrderEvent rejected) {
    }

    private final Deque<ReservationOutcome> confirmAnswers = new ArrayDeque<>();
    private final Deque<ReservationOutcome> rejectAnswers = new ArrayDeque<>();
    private final List<ConfirmCall> confirmCalls = new ArrayList<>();
    private final List<RejectCall> rejectCalls = new ArrayList<>();

    /** The next confirm calls answer these, in order. */
    public synchronized ScriptedInventoryStore confirmAnswers(ReservationOutcome... outcomes) {
        confirmAnswers.addAll(List.of(outcomes));
        return this;
    }

    /** The next reject calls answer these, in order. */
    public synchronized ScriptedInventoryStore rejectAnswers(ReservationOutcome... outcomes) {
        rejectAnswers.addAll(List.of(outcomes));
        return this;
    }

    @Override
    public synchronized ReservationOutcome confirm(OrderEvent placed, Map<String, Integer> quantities,
                                                   OrderEvent confirmed) {
        // A copy that keeps the iteration order the store was given.
        confirmCalls.add(new ConfirmCall(placed, Collections.unmodifiableMap(new LinkedHashMap<>(quantities)),
                confirmed));
        return confirmAnswers.isEmpty() ? new ReservationOutcome.Applied() : confirmAnswers.poll();
    }

    @Override
    public synchronized ReservationOutcome reject(OrderEvent placed, String reason, OrderEvent rejected) {
        rejectCalls.add(new RejectCall(placed, reason, rejected));
        return rejectAnswers.isEmpty() ? new ReservationOutcome.Applied() : rejectAnswers.poll();
    }

    public synchronized List<ConfirmCall> confirmCalls() {
        return List.copyOf(confirmCalls);
    }

    public synchronized List<RejectCall> rejectCalls() {
        return List.copyOf(rejectCalls);
    }
}
