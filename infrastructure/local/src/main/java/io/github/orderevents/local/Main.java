package io.github.orderevents.local;

import io.github.orderevents.local.console.Console;
import io.github.orderevents.local.console.QueueDepth;
import io.github.orderevents.local.console.TableCount;
import io.github.orderevents.local.metrics.MetricsAtAGlance;
import io.github.orderevents.local.template.LocalResource;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code local-cloud}: starts the local cloud, prints what runs where, then a live status line until Ctrl-C. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalCloudOptions options;
        try {
            options = LocalCloudOptions.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(args.length == 1 && (args[0].equals("--help") || args[0].equals("-h")) ? 0 : 2);
            return;
        }
        long started = System.nanoTime();
        PrintStream console = System.out;
        console.println("local cloud: starting " + options.template() + " as stack " + options.stackName());
        LocalCloud cloud;
        try {
            cloud = LocalCloud.start(options);
        } catch (RuntimeException e) {
            System.err.println("local cloud: could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            console.println();
            console.println("local cloud: stopping");
            cloud.close();
            stopped.countDown();
        }));
        printEndpoints(cloud, console);
        printResources(cloud, console);
        console.printf("local cloud ready in %.1f s: API %s  console %s/_local/%n",
                (System.nanoTime() - started) / 1e9, cloud.apiEndpoint(), cloud.apiEndpoint());
        options.functionLog().ifPresent(log -> console.println("function logs: " + log.toAbsolutePath()));
        if (options.statusLine()) {
            statusLoop(cloud, console, stopped);
        } else {
            stopped.await();
        }
    }

    private static void printEndpoints(LocalCloud cloud, PrintStream console) {
        console.println("endpoints:");
        console.println("  API + console   " + cloud.apiEndpoint());
        console.println("  DynamoDB        " + cloud.dynamoEndpoint() + "   (aws dynamodb ... --endpoint-url " + cloud.dynamoEndpoint() + ")");
        console.println("  SQS             " + cloud.sqsEndpoint() + "   (aws sqs ... --endpoint-url " + cloud.sqsEndpoint() + ")");
        console.println("  Lambda          " + cloud.lambdaEndpoint() + "   (aws lambda invoke --function-name NAME ... --endpoint-url "
                + cloud.lambdaEndpoint() + ")");
    }

    private static void printResources(LocalCloud cloud, PrintStream console) {
        List<LocalResource> resources = List.copyOf(cloud.resources().all());
        int idWidth = resources.stream().mapToInt(r -> r.logicalId().length()).max().orElse(10);
        int typeWidth = resources.stream().mapToInt(r -> r.type().length()).max().orElse(10);
        console.println("resources:");
        for (LocalResource resource : resources) {
            String notes = resource.notes().isEmpty() ? "" : "   [" + String.join("; ", resource.notes()) + "]";
            console.printf("  %-" + idWidth + "s  %-" + typeWidth + "s  %s%s%n", resource.logicalId(), resource.type(),
                    resource.address(), notes);
        }
    }

    /** One line, rewritten in place on a terminal (every 2 s), or printed every 30 s into a log. */
    private static void statusLoop(LocalCloud cloud, PrintStream console, CountDownLatch stopped) throws InterruptedException {
        Console pages = new Console(cloud);
        boolean terminal = System.console() != null;
        long every = terminal ? 2_000 : 30_000;
        while (!stopped.await(every, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            try {
                String line = status(cloud, pages);
                if (terminal) {
                    console.print("\r" + line + "   ");
                } else {
                    console.println(line);
                }
                console.flush();
            } catch (RuntimeException e) {
                // the backends are going down: the next tick or the shutdown decides
            }
        }
    }

    /**
     * Whatever the application: its tables' items, its functions' invocations and errors, its queues' messages, then
     * the metrics at a glance (the busiest queues, p99 durations over the last minute).
     */
    static String status(LocalCloud cloud, Console pages) {
        List<QueueDepth> queues = cloud.queueDepths();
        int inFlight = queues.stream().filter(q -> !q.deadLetterQueue()).mapToInt(q -> q.visible() + q.inFlight()).sum();
        int dlq = queues.stream().filter(QueueDepth::deadLetterQueue).mapToInt(q -> q.visible() + q.inFlight()).sum();
        List<TableCount> tables = pages.tableCounts();
        long items = tables.stream().map(TableCount::count).filter(java.util.Objects::nonNull).mapToLong(Long::longValue).sum();
        boolean more = tables.stream().anyMatch(t -> !t.countComplete());
        long invocations = 0;
        long errors = 0;
        int instances = 0;
        for (var function : cloud.processFunctions().values()) {
            var stats = function.stats();
            invocations += stats.invocations();
            errors += stats.errors();
            instances += stats.instances();
        }
        return String.format("items=%d%s in %d table(s)  invocations=%d (errors %d, instances %d)  messages in flight=%d  dlq=%d  %s",
                items, more ? "+" : "", tables.size(), invocations, errors, instances, inFlight, dlq,
                MetricsAtAGlance.of(cloud.metrics(), cloud.options().stackName()));
    }
}
