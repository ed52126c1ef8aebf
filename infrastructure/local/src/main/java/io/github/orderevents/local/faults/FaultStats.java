package io.github.orderevents.local.faults;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How often each injected fault fired. */
public final class FaultStats {
    /** The line the fault-injecting interceptor prints in a function process for each fault it injects. */
    static final String REPORT = "LOCAL_CLOUD_FAULT ";
    private static final Pattern FIELD = Pattern.compile("\"(kind|service|operation)\":\"([^\"]*)\"");
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    /**
     * Counts {@code line} if it is a fault report from a function process ({@code LOCAL_CLOUD_FAULT
     * {"kind":"sdk-error","service":"DynamoDb","operation":"PutItem"}}), as "sdk-error DynamoDb:PutItem".
     *
     * @return whether it was one
     */
    public boolean countReport(String line) {
        int at = line.indexOf(REPORT);
        if (at < 0) {
            return false;
        }
        Map<String, String> fields = new java.util.HashMap<>();
        Matcher matcher = FIELD.matcher(line.substring(at + REPORT.length()));
        while (matcher.find()) {
            fields.put(matcher.group(1), matcher.group(2));
        }
        String kind = fields.getOrDefault("kind", "unknown");
        fired(fields.containsKey("service") ? kind + " " + fields.get("service") + ":" + fields.get("operation") : kind);
        return true;
    }

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
