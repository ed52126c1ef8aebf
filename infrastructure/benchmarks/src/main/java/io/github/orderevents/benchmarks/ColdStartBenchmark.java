package io.github.orderevents.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.orderevents.local.LocalCloud;
import io.github.orderevents.local.console.QueueDepth;
import io.github.orderevents.local.functions.FunctionErrorException;
import io.github.orderevents.local.lambda.FunctionConfig;
import io.github.orderevents.local.lambda.InvocationReport;
import io.github.orderevents.local.lambda.ProcessFunction;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipFile;

/**
 * Cold start per function: each run a fresh instance (a new JVM process) of the function as the local cloud runs it,
 * fed its events/ fixture against the cloud's tables and queues; the same beside the naive build of the same handler.
 * Figures per run: Init Duration and Duration of the REPORT line, and the whole process (spawn to response) as the
 * caller waits for it.
 */
final class ColdStartBenchmark {
    /** Each function's fixture in events/ (a function without one is not measured). */
    static final Map<String, String> FIXTURES = Map.of(
            "CreateOrderFunction", "create-order.json",
            "GetOrderFunction", "get-order.json",
            "OutboxRelayFunction", "outbox-stream.json",
            "InventoryFunction", "inventory-batch.json",
            "NotificationFunction", "notifications-mixed-groups.json",
            "SetStockFunction", "set-stock.json",
            "ListNotificationsFunction", "list-notifications.json",
            "OutboxSweeperFunction", "scheduled-sweep.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One process: its REPORT figures and the wait of its caller, in ms; whether the invocation failed. */
    record Run(double initMs, double firstInvokeMs, double wholeMs, boolean failed) {
    }

    /**
     * @param primed runs with SnapStart's init (the runtime hooks run between init and the first invocation, the
     *               local stand-in for a snapshot and its restore); empty when not asked or not applicable
     */
    record Variant(List<Run> runs, List<Run> primed, String primeNote) {
        Double primedFirstInvokeMs(double percentile) {
            return Stats.percentile(primed.stream().filter(r -> !r.failed()).map(Run::firstInvokeMs).toList(), percentile);
        }

        Double p(String figure, double percentile) {
            return Stats.percentile(runs.stream().filter(r -> !r.failed()).map(r -> switch (figure) {
                case "init" -> r.initMs();
                case "invoke" -> r.firstInvokeMs();
                default -> r.wholeMs();
            }).toList(), percentile);
        }

        long failures() {
            return runs.stream().filter(Run::failed).count();
        }
    }

    record Result(String function, Variant ours, Variant naive) {
    }

    private final BenchmarkOptions options;
    private final PrintStream out;

    ColdStartBenchmark(BenchmarkOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    List<Result> run() {
        List<Result> results = new ArrayList<>();
        try (LocalCloud cloud = Clouds.start(options, "cold-start", false)) {
            Path events = Clouds.template(cloud).getParent().resolve("events");
            NaiveBuild naive = new NaiveBuild(options.workDir().resolve("naive"));
            Path workDir = options.workDir().resolve("work").toAbsolutePath();
            List<String> ids = cloud.processFunctions().keySet().stream().sorted()
                    .filter(id -> FIXTURES.containsKey(id) && (options.functions().isEmpty() || options.functions().contains(id)))
                    .toList();
            for (String id : ids) {
                FunctionConfig config = cloud.processFunctions().get(id).config().withMaxConcurrency(1);
                JsonNode fixture = read(events.resolve(FIXTURES.get(id)));
                FunctionConfig naiveConfig = config.withArtifact(naive.of(config.artifact()));
                out.printf("cold start: %s, %d runs each of ours and the naive build%n", id, options.runs());
                List<Run> ours = new ArrayList<>();
                List<Run> primed = new ArrayList<>();
                List<Run> naives = new ArrayList<>();
                boolean primes = options.prime() && carriesCrac(config.artifact());
                for (int i = 0; i < options.runs(); i++) {
                    // Interleaved, so that a noisy moment of a shared machine falls on every variant.
                    ours.add(once(config, fixture, workDir, cloud));
                    if (primes) {
                        primed.add(once(config.withSnapStart(true), fixture, workDir, cloud));
                    }
                    naives.add(once(naiveConfig, fixture, workDir, cloud));
                }
                results.add(new Result(id, new Variant(ours, primed, primeNote(primes, config)),
                        new Variant(naives, List.of(), "the naive build is not primed")));
            }
        }
        return results;
    }

    private String primeNote(boolean primes, FunctionConfig config) {
        if (!options.prime()) {
            return "not asked (--prime)";
        }
        return primes ? "SnapStart init: the org.crac hooks ran before the first invocation"
                : "registers no org.crac resource (no org.crac in its jar)";
    }

    /** Whether the jar holds org.crac (the API a handler registers checkpoint hooks with), itself or in lib/. */
    static boolean carriesCrac(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().anyMatch(e -> e.getName().equals("org/crac/Resource.class")
                    || (e.getName().startsWith("lib/") && e.getName().contains("crac")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One fresh process: started by the invocation (a cold start), then shut down. */
    private Run once(FunctionConfig config, JsonNode fixture, Path workDir, LocalCloud cloud) {
        AtomicReference<InvocationReport> report = new AtomicReference<>();
        byte[] event = withFreshIdempotencyKey(fixture);
        boolean failed = false;
        long started;
        long answered;
        try (ProcessFunction function = ProcessFunction.create(config, workDir)) {
            function.addListener(report::set);
            started = System.nanoTime();
            try {
                function.invokeBytes(event);
            } catch (FunctionErrorException e) {
                failed = true;
            }
            answered = System.nanoTime();
        }
        settle(cloud);
        InvocationReport r = report.get();
        if (r == null || r.initDurationMs() == null) {
            return new Run(0, 0, (answered - started) / 1e6, true);
        }
        return new Run(r.initDurationMs(), r.durationMs(), (answered - started) / 1e6, failed);
    }

    /** A repeated Idempotency-Key would answer from the idempotency table: each run places an order of its own. */
    private static byte[] withFreshIdempotencyKey(JsonNode fixture) {
        JsonNode copy = fixture.deepCopy();
        String key = UUID.randomUUID().toString();
        if (copy.path("headers").has("Idempotency-Key")) {
            ((ObjectNode) copy.get("headers")).put("Idempotency-Key", key);
        }
        if (copy.path("multiValueHeaders").has("Idempotency-Key")) {
            ((ObjectNode) copy.get("multiValueHeaders")).set("Idempotency-Key", JSON.createArrayNode().add(key));
        }
        try {
            return JSON.writeValueAsBytes(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets the cloud finish what a run started (an order's relay and consumers) before the next process starts. */
    private static void settle(LocalCloud cloud) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline
                && cloud.queueDepths().stream().mapToInt(q -> q.visible() + q.inFlight()).sum() > 0) {
            pause(50);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fixture " + file, e);
        }
    }

    static void print(List<Result> results, PrintStream out) {
        TextTable table = new TextTable("Cold start (ms, p50 / p90; naive = SDK defaults: Apache client, provider chains, eager clients)",
                "function", "variant", "init p50", "init p90", "1st invoke p50", "1st invoke p90", "whole p50", "whole p90",
                "primed 1st invoke p50", "failed");
        for (Result r : results) {
            for (var v : List.of(Map.entry("ours", r.ours()), Map.entry("naive", r.naive()))) {
                Variant x = v.getValue();
                table.row(r.function(), v.getKey(), Stats.show(x.p("init", 50), "%.0f"), Stats.show(x.p("init", 90), "%.0f"),
                        Stats.show(x.p("invoke", 50), "%.0f"), Stats.show(x.p("invoke", 90), "%.0f"),
                        Stats.show(x.p("whole", 50), "%.0f"), Stats.show(x.p("whole", 90), "%.0f"),
                        Stats.show(x.primedFirstInvokeMs(50), "%.0f"), x.failures() + "/" + x.runs().size());
            }
            table.row(r.function(), "naive/ours", ratio(r, "init"), "", ratio(r, "invoke"), "", ratio(r, "whole"), "", "", "");
        }
        table.print(out);
    }

    private static String ratio(Result r, String figure) {
        return Stats.show(Stats.ratio(r.naive().p(figure, 50), r.ours().p(figure, 50)), "%.2fx");
    }

    static Map<String, Object> json(List<Result> results) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (Result r : results) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("ours", variantJson(r.ours()));
            f.put("naive", variantJson(r.naive()));
            Map<String, Object> ratio = new LinkedHashMap<>();
            for (String figure : List.of("init", "invoke", "whole")) {
                ratio.put(figure + "P50", Stats.ratio(r.naive().p(figure, 50), r.ours().p(figure, 50)));
            }
            f.put("naiveOverOurs", ratio);
            all.put(r.function(), f);
        }
        return all;
    }

    private static Map<String, Object> variantJson(Variant v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runs", v.runs().size());
        m.put("failed", v.failures());
        for (String figure : List.of("init", "invoke", "whole")) {
            String name = figure.equals("invoke") ? "firstInvokeMs" : figure + "Ms";
            m.put(name, Map.of("p50", nullable(v.p(figure, 50)), "p90", nullable(v.p(figure, 90))));
        }
        m.put("primedFirstInvokeMs", v.primed().isEmpty() ? null
                : Map.of("p50", nullable(v.primedFirstInvokeMs(50)), "p90", nullable(v.primedFirstInvokeMs(90)),
                "runs", v.primed().size()));
        m.put("primedNote", v.primeNote());
        m.put("samples", v.runs().stream().map(r -> Map.of("initMs", r.initMs(), "firstInvokeMs", r.firstInvokeMs(),
                "wholeMs", r.wholeMs(), "failed", r.failed())).toList());
        return m;
    }

    /** Map.of takes no null: a missing percentile is written as JSON null. */
    private static Object nullable(Double value) {
        return value == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : value;
    }
}
