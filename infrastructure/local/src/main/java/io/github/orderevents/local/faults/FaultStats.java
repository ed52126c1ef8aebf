package io.github.orderevents.local.faults;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** How often each injected fault fired. */
public final class FaultStats {
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    public void fired(String fault) {
        counts.computeIfAbsent(fault, k -> new AtomicLong()).incrementAndGet();
    }

    public long count(String fault) {
        AtomicLong count = counts.get(fault);
        return count == null ? 0 : count.get();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }
}
