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
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

/**
 * The express lane behind a standard backlog: {@code --backlog} standard orders POSTed as fast as the API takes them
 * (64 at a time, a customer per five orders), then {@code --express} express orders, one every 100 ms, while the
 * backlog drains. From the orders' own history: the express orders' placed -> confirmed, how many standard orders were
 * still open when the first express order was placed, and how long the backlog took to drain.
 */
final class ExpressBenchmark {
    private static final int SKUS = 50;
    private static final Duration SPACING = Duration.ofMillis(100);
    private final BenchmarkOptions options;
    private final PrintStream out;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    ExpressBenchmark(BenchmarkOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** The figures (ms, s); {@code standingAtFirstExpress}: standard orders not yet decided when the first express one was placed. */
    record Result(int backlog, int express, int failedPosts, Double expressP50, Double expressP99, Double expressMax,
                  long standingAtFirstExpress, Double backlogPostSeconds, Double backlogDrainSeconds,
                  Double drainAfterLastPostSeconds, int notDecided) {
    }

    private record Placed(String orderId, String customerId) {
    }

    Result run() {
        try (LocalCloud cloud = Clouds.start(options, "express", false)) {
            Orders orders = new Orders(cloud);
            for (int s = 0; s < SKUS; s++) {
                orders.stock(sku(s), options.backlog() + options.express() + 100);
            }
            out.println("express: warming up both lanes (10 standard and 10 express orders)");
            List<Placed> warm = new ArrayList<>(placeAll(orders, 10, "warm-s", "standard"));
            warm.addAll(placeAll(orders, 10, "warm-x", "express"));
            awaitDecided(orders, warm, Duration.ofSeconds(60));

            out.printf("express: %d standard orders, then %d express orders%n", options.backlog(), options.express());
            Instant postsStarted = Instant.now();
            List<Placed> backlog = placeAll(orders, options.backlog(), "std", "standard");
            Instant backlogPosted = Instant.now();
            List<Placed> express = placeSpaced(orders, options.express());
            int failed = options.backlog() + options.express() - backlog.size() - express.size();
            awaitDecided(orders, express, Duration.ofSeconds(60));
            awaitDecided(orders, backlog, Duration.ofMinutes(5));
            return figures(orders, backlog, express, failed, postsStarted, backlogPosted);
        }
    }

    private Result figures(Orders orders, List<Placed> backlog, List<Placed> express, int failed, Instant postsStarted,
                           Instant backlogPosted) {
        List<Orders.Decision> standard = backlog.stream().map(p -> orders.decision(p.orderId())).toList();
        List<Orders.Decision> fast = express.stream().map(p -> orders.decision(p.orderId())).toList();
        List<Double> latencies = fast.stream().filter(d -> d.placed() != null && d.decided() != null)
                .map(d -> Duration.between(d.placed(), d.decided()).toNanos() / 1e6).toList();
        int notDecided = (int) (standard.stream().filter(d -> d.decided() == null).count()
                + fast.stream().filter(d -> d.decided() == null).count());
        Instant firstExpress = fast.stream().map(Orders.Decision::placed).filter(java.util.Objects::nonNull)
                .min(Instant::compareTo).orElse(null);
        long standing = firstExpress == null ? 0 : standard.stream()
                .filter(d -> d.decided() == null || d.decided().isAfter(firstExpress)).count();
        Instant lastStandard = standard.stream().map(Orders.Decision::decided).filter(java.util.Objects::nonNull)
                .max(Instant::compareTo).orElse(null);
        return new Result(options.backlog(), options.express(), failed, Stats.percentile(latencies, 50),
                Stats.percentile(latencies, 99), latencies.stream().max(Double::compare).orElse(null), standing,
                seconds(postsStarted, backlogPosted), lastStandard == null ? null : seconds(postsStarted, lastStandard),
                lastStandard == null ? null : seconds(backlogPosted, lastStandard), notDecided);
    }

    private List<Placed> placeAll(Orders orders, int n, String label, String priority) {
        Semaphore inFlight = new Semaphore(64);
        List<CompletableFuture<Optional<Placed>>> posts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String customer = "bench-" + run + "-" + label + "-c" + (i / 5);
            inFlight.acquireUninterruptibly();
            posts.add(orders.place(customer, Optional.empty(), sku(i), priority)
                    .thenApply(id -> id.map(orderId -> new Placed(orderId, customer)))
                    .whenComplete((r, e) -> inFlight.release()));
        }
        return posts.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList();
    }

    private List<Placed> placeSpaced(Orders orders, int n) {
        List<CompletableFuture<Optional<Placed>>> posts = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            LockSupport.parkNanos(start + i * SPACING.toNanos() - System.nanoTime());
            String customer = "bench-" + run + "-exp-c" + i;
            posts.add(orders.place(customer, Optional.empty(), sku(i * 7), "express")
                    .thenApply(id -> id.map(orderId -> new Placed(orderId, customer))));
        }
        return posts.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList();
    }

    /** Polls the orders still open until none is, or the patience is spent (what is open then counts as not decided). */
    private static void awaitDecided(Orders orders, List<Placed> placed, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        List<Placed> open = new ArrayList<>(placed);
        while (!open.isEmpty() && Instant.now().isBefore(deadline)) {
            open.removeIf(p -> orders.terminal(p.orderId()));
            if (!open.isEmpty()) {
                ColdStartBenchmark.pause(250);
            }
        }
    }

    private static String sku(int i) {
        return Orders.SKU + "-" + (i % SKUS);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    static void print(Result r, PrintStream out) {
        TextTable table = new TextTable("Express lane behind a standard backlog (placed -> confirmed from each order's history, ms; s)",
                "backlog", "express", "failed", "express p50", "p99", "max", "standard open at 1st express",
                "backlog POSTs s", "backlog drained s", "after last POST s", "not decided");
        table.row(r.backlog(), r.express(), r.failedPosts(), Stats.show(r.expressP50(), "%.0f"), Stats.show(r.expressP99(), "%.0f"),
                Stats.show(r.expressMax(), "%.0f"), r.standingAtFirstExpress(), Stats.show(r.backlogPostSeconds(), "%.1f"),
                Stats.show(r.backlogDrainSeconds(), "%.1f"), Stats.show(r.drainAfterLastPostSeconds(), "%.1f"), r.notDecided());
        table.print(out);
    }

    static Map<String, Object> json(Result result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("result", result);
        m.put("spacingMs", SPACING.toMillis());
        return m;
    }
}
