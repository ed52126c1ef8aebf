package io.github.orderevents.domain.testing;

import io.github.orderevents.domain.outbox.EventPublisher;
import io.github.orderevents.domain.outbox.OutboundMessage;
import io.github.orderevents.domain.outbox.SendFailure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link EventPublisher} that records every call and accepts every entry, except those it was told to
 * fail: an event id (at any or one destination), every entry of the n-th call, or one entry of the n-th call.
 * Call indexes count all calls from 0, whatever the destination.
 */
public final class RecordingPublisher implements EventPublisher {

    /** One publish call as it was made. */
    public record Call(String destination, List<OutboundMessage> batch) {
        public Call {
            batch = List.copyOf(batch);
        }

        public List<String> eventIds() {
            return batch.stream().map(m -> m.event().eventId()).toList();
        }

        public List<String> groupIds() {
            return batch.stream().map(OutboundMessage::groupId).toList();
        }
    }

    private static final String ANY_DESTINATION = "\0any";

    private final List<Call> calls = new ArrayList<>();
    /** destination (or ANY_DESTINATION) -> event id -> reason */
    private final Map<String, Map<String, String>> failingEvents = new HashMap<>();
    private final Map<Integer, String> failingCalls = new HashMap<>();
    /** call index -> entry index -> reason */
    private final Map<Integer, Map<Integer, String>> failingEntries = new HashMap<>();

    /** Fails {@code eventId} at every destination. */
    public RecordingPublisher failEvent(String eventId, String reason) {
        return failEvent(ANY_DESTINATION, eventId, reason);
    }

    /** Fails {@code eventId} at {@code destination} only. */
    public RecordingPublisher failEvent(String destination, String eventId, String reason) {
        failingEvents.computeIfAbsent(destination, d -> new HashMap<>()).put(eventId, reason);
        return this;
    }

    /** Fails every entry of the call with this index (0-based, counted over all destinations). */
    public RecordingPublisher failCall(int callIndex, String reason) {
        failingCalls.put(callIndex, reason);
        return this;
    }

    /** Fails the entry at {@code entryIndex} (0-based) of the call with this index. */
    public RecordingPublisher failEntry(int callIndex, int entryIndex, String reason) {
        failingEntries.computeIfAbsent(callIndex, c -> new HashMap<>()).put(entryIndex, reason);
        return this;
    }

    @Override
    public synchronized List<SendFailure> publish(String destination, List<OutboundMessage> batch) {
        int callIndex = calls.size();
        calls.add(new Call(destination, batch));
        List<SendFailure> failures = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            String eventId = batch.get(i).event().eventId();
            String reason = reasonToFail(destination, callIndex, i, eventId);
            if (reason != null) {
                failures.add(new SendFailure(eventId, reason));
            }
        }
        return failures;
    }

    private String reasonToFail(String destination, int callIndex, int entryIndex, String eventId) {
        if (failingCalls.containsKey(callIndex)) {
            return failingCalls.get(callIndex);
        }
        String reason = failingEntries.getOrDefault(callIndex, Map.of()).get(entryIndex);
        if (reason == null) {
            reason = failingEvents.getOrDefault(destination, Map.of()).get(eventId);
        }
        if (reason == null) {
            reason = failingEvents.getOrDefault(ANY_DESTINATION, Map.of()).get(eventId);
        }
        return reason;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<Call> callsTo(String destination) {
        return calls.stream().filter(c -> c.destination().equals(destination)).toList();
    }
}
