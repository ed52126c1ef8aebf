package io.github.orderevents.aws.metrics;

import io.github.orderevents.aws.JsonLog;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A function's CloudWatch metrics: Embedded Metric Format lines written by aws-embedded-metrics, which
 * CloudWatch Logs turns into metric data (no PutMetricData call, latency or permission). The one place that
 * builds the library's {@link MetricsLogger}: namespace {@value #NAMESPACE}, Lambda's stdout, and only the
 * dimension sets each line names (never the library's LogGroup, ServiceName and ServiceType). Build it once,
 * in the handler's constructor, and write once per invocation per dimension sets.
 */
public final class Metrics {
    /** The namespace of this project's metrics. */
    public static final String NAMESPACE = "OrderEvents";
    private static final JsonLog LOG = JsonLog.of(Metrics.class);

    private final Environment environment;
    private final Clock clock;
    private MetricsLogger logger;

    private Metrics(Environment environment, Clock clock) {
        this.environment = environment;
        this.clock = clock;
        this.logger = newLogger(environment);
    }

    private static MetricsLogger newLogger(Environment environment) {
        // Given the environment, the logger never runs the library's environment discovery (threads probing
        // for ECS and EC2, an HTTP call to instance metadata): a cold start pays for none of it.
        MetricsLogger logger = new MetricsLogger(environment);
        logger.setNamespace(NAMESPACE);
        // Dimension sets set explicitly switch the default ones off; an empty list until a line names its own.
        logger.setDimensions();
        return logger;
    }

    /** Metrics as Lambda takes them: one JSON line per write on stdout, which goes to the function's log group. */
    public static Metrics forLambda() {
        return new Metrics(new LambdaEnvironment(), Clock.systemUTC());
    }

    /** Metrics to {@code environment}'s sink, measured by {@code clock} (tests capture the lines this way). */
    public static Metrics to(Environment environment, Clock clock) {
        return new Metrics(environment, clock);
    }

    /** The clock durations and ages are measured with. */
    public Clock clock() {
        return clock;
    }

    /**
     * Writes one line: the metrics {@code values} puts (a metric put several times holds every value, for
     * percentiles), each under every one of {@code dimensionSets}. Never throws: a metric must not fail the
     * work it measures, so a line that cannot be written is logged and dropped.
     */
    public void write(Consumer<MetricsLogger> values, DimensionSet... dimensionSets) {
        try {
            logger.setDimensions(dimensionSets);
            values.accept(logger);
            // The library stamps a line when the previous one is flushed, which in a warm sandbox may be minutes ago.
            // The time of writing, not the clock's: a data point belongs to the minute it is written in, and the
            // library refuses a stamp more than two weeks from the real time (tests measure on fixed clocks).
            logger.setTimestamp(Instant.now());
            logger.flush();
        } catch (RuntimeException e) {
            LOG.warn("metrics line not written", "reason", e.getClass().getSimpleName() + ": " + e.getMessage());
            // Values put before the failure must not slip into the next line.
            logger = newLogger(environment);
        }
    }
}
