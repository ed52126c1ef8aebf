package io.github.orderevents.aws.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An aws-embedded-metrics environment that hands each serialized EMF line to {@code lines} instead of printing
 * it: the very JSON {@link Metrics#forLambda()} prints, for SnapStart priming (which drops it) and for tests.
 */
public record LineEnvironment(Consumer<String> lines) implements Environment, ISink {
    @Override
    public boolean probe() {
        return false;
    }

    @Override
    public String getName() {
        return "lines";
    }

    @Override
    public String getType() {
        return "lines";
    }

    @Override
    public String getLogGroupName() {
        return "lines";
    }

    @Override
    public void configureContext(MetricsContext context) {
    }

    @Override
    public ISink getSink() {
        return this;
    }

    @Override
    public void accept(MetricsContext context) {
        try {
            context.serialize().forEach(lines);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        return CompletableFuture.completedFuture(null);
    }
}
