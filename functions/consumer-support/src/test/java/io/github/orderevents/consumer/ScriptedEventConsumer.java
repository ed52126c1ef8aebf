package io.github.orderevents.consumer;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.consumer.ConsumeResult;
import io.github.orderevents.domain.consumer.EventConsumer;
import io.github.orderevents.domain.consumer.InvalidMessageException;
import io.github.orderevents.domain.consumer.SequenceGapException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An {@link EventConsumer} that applies nothing: it records every event it is asked to consume and
 * behaves as scripted per event id (each scripted behaviour is used once, in order; then it applies).
 */
final class ScriptedEventConsumer implements EventConsumer {

    enum Behaviour { APPLY, DUPLICATE, GAP, INVALID, FAIL }

    private final Set<EventType> handled;
    private final Map<String, Deque<Behaviour>> script = new HashMap<>();
    private final List<String> consumed = new ArrayList<>();

    ScriptedEventConsumer() {
        this(EnumSet.allOf(EventType.class));
    }

    ScriptedEventConsumer(Set<EventType> handled) {
        this.handled = Set.copyOf(handled);
    }

    /** The next calls for {@code eventId} behave like this, one behaviour per call. */
    synchronized ScriptedEventConsumer on(String eventId, Behaviour... behaviours) {
        script.computeIfAbsent(eventId, id -> new ArrayDeque<>()).addAll(List.of(behaviours));
        return this;
    }

    @Override
    public Set<EventType> handledTypes() {
        return handled;
    }

    @Override
    public synchronized ConsumeResult consume(OrderEvent event) {
        consumed.add(event.eventId());
        Deque<Behaviour> next = script.get(event.eventId());
        Behaviour behaviour = next == null || next.isEmpty() ? Behaviour.APPLY : next.poll();
        return switch (behaviour) {
            case APPLY -> ConsumeResult.APPLIED;
            case DUPLICATE -> ConsumeResult.DUPLICATE;
            case GAP -> throw new SequenceGapException(event.aggregateId(), event.sequence(), event.sequence() - 2);
            case INVALID -> throw new InvalidMessageException("payload of " + event.eventId() + " cannot be read");
            case FAIL -> throw new IllegalStateException("consumer failed on " + event.eventId());
        };
    }

    /** The event ids of every consume call, in call order (also those that threw). */
    synchronized List<String> consumed() {
        return List.copyOf(consumed);
    }
}
