package io.github.orderevents.benchmarks;

import io.github.orderevents.local.LocalCloud;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * End to end in an open loop: at each rate, POST /orders at fixed times (request i at start + i/rate), each sent
 * asynchronously whatever the earlier ones are doing, its latency measured from its scheduled time, so a slow
 * system cannot hide its queueing by slowing the sender down (no coordinated omission). Then, from the orders' own
 * event timestamps: placed -> confirmed and placed -> notified, and whether the backlog grew.
 */
final class LoadBenchmark {
    private final BenchmarkOptions options;
    private final PrintStream out;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    LoadBenchmark(BenchmarkOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** One rate's figures (ms); {@code sustained}: every order answered 201 and reached its end in time, at the offered pace. */
    record Step(int rate, int sent, int accepted, int failedPosts, Double postP50, Double postP99, Double confirmedP50,
                Double confirmedP99, Double notifiedP50, Double notifiedP99, int notTerminalAtDeadline,
                Double completionPerSecond, boolean backlogGrew) {
        boolean sustained() {
            return failedPosts == 0 && !backlogGrew;
        }
    }

    record Result(List<Step> steps, Integer highestSustainedRate) {
    }

    private record Sent(String customerId, double latencyMs, Optional<String> orderId) {
    }

    Result run() {
        List<Step> steps = new ArrayList<>();
        try (LocalCloud cloud = Clouds.start(options, "load", false)) {
            Orders orders = new Orders(cloud);
            int total = options.rates().stream().mapToInt(r -> r * options.seconds()).sum();
            orders.stock(total * 2 + 1000);
            // Not measured: the first instances of each function start here, not inside the first step.
            out.println("load: warming up (3 s at 5 orders/s)");
            step(orders, 5, 3, "warm");
            for (int rate : options.rates()) {
                out.printf("load: %d orders/s for %d s%n", rate, options.seconds());
                steps.add(step(orders, rate, options.seconds(), "r" + rate));
            }
        }
        Integer best = steps.stream().filter(Step::sustained).map(Step::rate).max(Integer::compare).orElse(null);
        return new Result(steps, best);
    }

    private Step step(Orders orders, int rate, int seconds, String label) {
        int n = rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        long start = System.nanoTime() + 100_000_000L;
        for (int i = 0; i < n; i++) {
            long scheduled = start + i * intervalNanos;
            LockSupport.parkNanos(scheduled - System.nanoTime());
            String customer = "bench-" + run + "-" + label + "-" + i;
            pending.add(orders.place(customer, customer).thenAccept(orderId ->
                    sent.add(new Sent(customer, (System.nanoTime() - scheduled) / 1e6, orderId))));
        }
        long lastScheduled = start + (n - 1) * intervalNanos;
        Instant deadline = Instant.now().plusNanos(lastScheduled - System.nanoTime()).plus(Duration.ofSeconds(options.drainSeconds()));
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).orTimeout(120, TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
        // The deadline is a point in time: what the timestamps say happened before it is what counts, however long
        // reading them afterwards takes.
        long wait = Duration.between(Instant.now(), deadline).toMillis();
        if (wait > 0) {
            ColdStartBenchmark.pause(wait);
        }
        List<Sent> answered = new ArrayList<>(sent);
        List<Sent> accepted = answered.stream().filter(s -> s.orderId().isPresent()).toList();
        List<Orders.Timeline> timelines = timelines(orders, accepted);
        List<Double> confirmed = new ArrayList<>();
        List<Double> notified = new ArrayList<>();
        int notTerminal = 0;
        Instant firstDecided = null;
        Instant lastDecided = null;
        for (Orders.Timeline t : timelines) {
            if (t.placed() == null || t.decided() == null || t.decided().isAfter(deadline)) {
                notTerminal++;
                continue;
            }
            confirmed.add(Duration.between(t.placed(), t.decided()).toNanos() / 1e6);
            if (t.notified() != null) {
                notified.add(Duration.between(t.placed(), t.notified()).toNanos() / 1e6);
            }
            firstDecided = firstDecided == null || t.decided().isBefore(firstDecided) ? t.decided() : firstDecided;
            lastDecided = lastDecided == null || t.decided().isAfter(lastDecided) ? t.decided() : lastDecided;
        }
        // Decided to decided: the pace at which orders finish, without the latency of the first one in it.
        int decided = timelines.size() - notTerminal;
        Double completion = firstDecided == null || decided < 2 || !lastDecided.isAfter(firstDecided) ? null
                : (decided - 1) / (Duration.between(firstDecided, lastDecided).toNanos() / 1e9);
        // Grew: orders still open at the deadline, or finished more slowly than they came (10% slack for the ramp).
        boolean grew = notTerminal > 0 || completion == null || (n > rate && completion < 0.9 * rate);
        List<Double> posts = answered.stream().map(Sent::latencyMs).toList();
        return new Step(rate, n, accepted.size(), n - accepted.size(), Stats.percentile(posts, 50), Stats.percentile(posts, 99),
                Stats.percentile(confirmed, 50), Stats.percentile(confirmed, 99), Stats.percentile(notified, 50),
                Stats.percentile(notified, 99), notTerminal, completion, grew);
    }

    /** Read after the step, two at a time: reading must not load the system the next step measures. */
    private static List<Orders.Timeline> timelines(Orders orders, List<Sent> accepted) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Orders.Timeline>> futures = new ArrayList<>();
            for (Sent s : accepted) {
                futures.add(pool.submit(() -> orders.timeline(s.orderId().orElseThrow(), s.customerId())));
            }
            List<Orders.Timeline> timelines = new ArrayList<>();
            for (Future<Orders.Timeline> f : futures) {
                try {
                    timelines.add(f.get());
                } catch (Exception e) {
                    timelines.add(new Orders.Timeline(null, null, null));
                }
            }
            return timelines;
        } finally {
            pool.shutdownNow();
        }
    }

    static void print(Result result, PrintStream out) {
        TextTable table = new TextTable("End-to-end load, open loop (ms; backlog grew = orders open at the deadline or completion slower than offered)",
                "rate/s", "sent", "failed", "POST p50", "POST p99", "placed->confirmed p50", "p99", "placed->notified p50", "p99",
                "open at deadline", "completed/s", "backlog grew");
        for (Step s : result.steps()) {
            table.row(s.rate(), s.sent(), s.failedPosts(), Stats.show(s.postP50(), "%.0f"), Stats.show(s.postP99(), "%.0f"),
                    Stats.show(s.confirmedP50(), "%.0f"), Stats.show(s.confirmedP99(), "%.0f"), Stats.show(s.notifiedP50(), "%.0f"),
                    Stats.show(s.notifiedP99(), "%.0f"), s.notTerminalAtDeadline(), Stats.show(s.completionPerSecond(), "%.1f"),
                    s.backlogGrew() ? "yes" : "no");
        }
        table.print(out);
        out.println("highest rate sustained without a growing backlog: "
                + (result.highestSustainedRate() == null ? "none of those tried" : result.highestSustainedRate() + " orders/s"));
    }

    static Map<String, Object> json(Result result, BenchmarkOptions options) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("secondsPerRate", options.seconds());
        m.put("drainSeconds", options.drainSeconds());
        m.put("steps", result.steps());
        m.put("highestSustainedRate", result.highestSustainedRate());
        return m;
    }
}
