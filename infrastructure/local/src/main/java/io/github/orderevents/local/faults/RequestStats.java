package io.github.orderevents.local.faults;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How many AWS requests the functions sent, by service and operation (counted with --count-requests). */
public final class RequestStats {
    /** The line the request-counting interceptor prints in a function process for each request it sends. */
    static final String REPORT = "LOCAL_CLOUD_SDK_CALL ";
    private static final Pattern TEXT = Pattern.compile("\"(service|operation)\":\"([^\"]*)\"");
    private static final Pattern ITEMS = Pattern.compile("\"items\":(\\d+)");
    private static final Pattern CONSISTENT = Pattern.compile("\"consistentRead\":true");
    private final Map<String, Counter> counts = new ConcurrentHashMap<>();

    /**
     * The requests of one service's operation: how many, their entries (a batch's or a transaction's items; 1 for a
     * single-item request) and how many of them were strongly consistent reads.
     */
    public record Count(long requests, long items, long consistentReads) {
    }

    private static final class Counter {
        final LongAdder requests = new LongAdder();
        final LongAdder items = new LongAdder();
        final LongAdder consistent = new LongAdder();
    }

    /**
     * Counts {@code line} if it is a request report from a function process ({@code LOCAL_CLOUD_SDK_CALL
     * {"service":"DynamoDb","operation":"TransactWriteItems","items":2}}), under "DynamoDb:TransactWriteItems".
     *
     * @return whether it was one
     */
    public boolean countReport(String line) {
        int at = line.indexOf(REPORT);
        if (at < 0) {
            return false;
        }
        String json = line.substring(at + REPORT.length());
        Map<String, String> fields = new java.util.HashMap<>();
        Matcher matcher = TEXT.matcher(json);
        while (matcher.find()) {
            fields.put(matcher.group(1), matcher.group(2));
        }
        Matcher items = ITEMS.matcher(json);
        Counter counter = counts.computeIfAbsent(fields.getOrDefault("service", "unknown") + ":"
                + fields.getOrDefault("operation", "unknown"), k -> new Counter());
        counter.requests.increment();
        counter.items.add(items.find() ? Long.parseLong(items.group(1)) : 1);
        if (CONSISTENT.matcher(json).find()) {
            counter.consistent.increment();
        }
        return true;
    }

    /** Every "Service:Operation" counted so far, sorted. */
    public Map<String, Count> snapshot() {
        Map<String, Count> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, new Count(v.requests.sum(), v.items.sum(), v.consistent.sum())));
        return copy;
    }
}
