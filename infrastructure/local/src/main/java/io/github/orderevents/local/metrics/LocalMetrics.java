package io.github.orderevents.local.metrics;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local cloud's metrics, named as CloudWatch names them: what the functions print in the embedded metric format
 * (under their own namespaces), each invocation's REPORT figures ({@code AWS/Lambda} Duration, Invocations, Errors
 * by FunctionName) and the queues' sampled depths ({@code AWS/SQS} ApproximateNumberOfMessagesVisible and
 * ApproximateNumberOfMessagesNotVisible by QueueName). EMF lines that break the specification are counted and
 * otherwise ignored.
 */
public final class LocalMetrics {
    public static final String LAMBDA = "AWS/Lambda";
    public static final String SQS = "AWS/SQS";
    public static final String DURATION = "Duration";
    public static final String INVOCATIONS = "Invocations";
    public static final String ERRORS = "Errors";
    public static final String VISIBLE = "ApproximateNumberOfMessagesVisible";
    public static final String IN_FLIGHT = "ApproximateNumberOfMessagesNotVisible";

    /** A queue's depth at its last sample. */
    public record QueueSample(String queueName, int visible, int inFlight, boolean deadLetterQueue) {
        public int depth() {
            return visible + inFlight;
        }
    }

    private final MetricStore store;
    private final AtomicLong emfLines = new AtomicLong();
    private final AtomicLong invalidEmfLines = new AtomicLong();
    private volatile String lastInvalidReason;
    private final Map<String, QueueSample> queues = new ConcurrentHashMap<>();

    public LocalMetrics(Clock clock) {
        this(new MetricStore(clock));
    }

    public LocalMetrics(MetricStore store) {
        this.store = store;
    }

    public MetricStore store() {
        return store;
    }

    /** Reads one line a function printed: an EMF document's metrics are kept, anything else is left alone. */
    public void readLogLine(String line) {
        switch (EmfParser.parse(line)) {
            case EmfLine.NotEmf notEmf -> {
            }
            case EmfLine.Invalid invalid -> {
                invalidEmfLines.incrementAndGet();
                lastInvalidReason = invalid.reason();
            }
            case EmfLine.Metrics metrics -> {
                emfLines.incrementAndGet();
                metrics.data().forEach(store::record);
            }
        }
    }

    /** One invocation's figures, from its REPORT line: duration, and whether it failed. */
    public void recordInvocation(String functionName, double durationMs, boolean failed) {
        store.record(lambda(DURATION, functionName), "Milliseconds", durationMs);
        store.record(lambda(INVOCATIONS, functionName), "Count", 1);
        store.record(lambda(ERRORS, functionName), "Count", failed ? 1 : 0);
    }

    /** A queue's depth now. */
    public void recordQueueDepth(QueueSample sample) {
        queues.put(sample.queueName(), sample);
        store.record(MetricKey.of(SQS, VISIBLE, Map.of("QueueName", sample.queueName())), "Count", sample.visible());
        store.record(MetricKey.of(SQS, IN_FLIGHT, Map.of("QueueName", sample.queueName())), "Count", sample.inFlight());
    }

    private static MetricKey lambda(String metric, String functionName) {
        return MetricKey.of(LAMBDA, metric, Map.of("FunctionName", functionName));
    }

    /** Every queue's last sample, by queue name. */
    public Map<String, QueueSample> queues() {
        return Map.copyOf(queues);
    }

    /** The queues that are another queue's dead-letter queue, at their last sample. */
    public boolean isDeadLetterQueue(String queueName) {
        QueueSample sample = queues.get(queueName);
        return sample != null && sample.deadLetterQueue();
    }

    /** True for the metrics the local cloud records itself (AWS/Lambda, AWS/SQS), false for those of EMF lines. */
    public static boolean isService(MetricKey key) {
        return key.namespace().equals(LAMBDA) || key.namespace().equals(SQS);
    }

    /** EMF documents read (valid ones). */
    public long emfLines() {
        return emfLines.get();
    }

    /** EMF documents that broke the specification, and were ignored. */
    public long invalidEmfLines() {
        return invalidEmfLines.get();
    }

    /** Why the last invalid EMF document was; null before one. */
    public String lastInvalidReason() {
        return lastInvalidReason;
    }
}
