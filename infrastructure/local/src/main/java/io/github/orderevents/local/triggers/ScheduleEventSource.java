package io.github.orderevents.local.triggers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.orderevents.local.Json;
import io.github.orderevents.local.functions.FunctionErrorException;
import io.github.orderevents.local.functions.LambdaFunction;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code Schedule} event: invokes the function at the rule's rate with the EventBridge "Scheduled
 * Event" payload. Supports {@code rate(N minute|minutes|hour|hours|day|days)}; a failed invocation
 * is only counted (EventBridge's asynchronous retries are not emulated: the next tick is the retry).
 */
public final class ScheduleEventSource implements AutoCloseable {
    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");

    private final String ruleArn;
    private final Duration interval;
    private final LambdaFunction function;
    private final String region;
    private final Clock clock;
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private ScheduledFuture<?> task;

    public ScheduleEventSource(String ruleArn, String expression, LambdaFunction function, String region, Clock clock) {
        this.ruleArn = ruleArn;
        this.interval = parse(expression);
        this.function = function;
        this.region = region;
        this.clock = clock;
    }

    /** The period of a {@code rate(...)} expression. */
    public static Duration parse(String expression) {
        Matcher matcher = RATE.matcher(expression.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("the local cloud runs rate(...) schedules only, not " + expression);
        }
        long amount = Long.parseLong(matcher.group(1));
        if (amount < 1) {
            throw new IllegalArgumentException("a rate must be at least 1: " + expression);
        }
        return switch (matcher.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(amount);
            case "hour", "hours" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    public Duration interval() {
        return interval;
    }

    /** Runs the rule every interval (the first run after one interval, as EventBridge does). */
    public void start(ScheduledExecutorService scheduler) {
        task = scheduler.scheduleAtFixedRate(this::fire, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One invocation now; returns whether it succeeded. */
    public boolean fire() {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", "000000000000");
        event.put("time", clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        event.put("region", region);
        event.putArray("resources").add(ruleArn);
        event.putObject("detail");
        invocations.incrementAndGet();
        try {
            function.invoke(event);
            return true;
        } catch (FunctionErrorException e) {
            failures.incrementAndGet();
            System.err.println("schedule " + ruleArn + ": " + e.getMessage());
            return false;
        }
    }

    public long invocations() {
        return invocations.get();
    }

    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
