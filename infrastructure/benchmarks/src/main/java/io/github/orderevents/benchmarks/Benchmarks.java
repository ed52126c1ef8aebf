package io.github.orderevents.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's benchmark, on the local cloud: {@code benchmarks [cold-start|load|cost|express|all] [options]}. Prints a table
 * per part and writes every figure as JSON (see docs/benchmarks.md for what each one means).
 */
public final class Benchmarks {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Benchmarks() {
    }

    public static void main(String[] args) {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            Path written = run(options, System.out);
            System.out.println();
            System.out.println("figures written to " + written);
            System.exit(0);
        } catch (RuntimeException e) {
            System.err.println("benchmark failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Runs the parts {@code options} asks for, prints their tables to {@code out}, and writes the JSON; returns its path. */
    static Path run(BenchmarkOptions options, PrintStream out) {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("startedAt", Instant.now().toString());
        results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "java", Runtime.version().toString(),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.arch")));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("parts", List.copyOf(options.parts()));
        settings.put("runs", options.runs());
        settings.put("prime", options.prime());
        settings.put("rates", options.rates());
        settings.put("seconds", options.seconds());
        settings.put("drainSeconds", options.drainSeconds());
        settings.put("orders", options.orders());
        settings.put("backlog", options.backlog());
        settings.put("express", options.express());
        results.put("settings", settings);
        if (options.parts().contains("cold-start")) {
            List<ColdStartBenchmark.Result> coldStart = new ColdStartBenchmark(options, out).run();
            ColdStartBenchmark.print(coldStart, out);
            results.put("coldStart", ColdStartBenchmark.json(coldStart));
        }
        if (options.parts().contains("load")) {
            LoadBenchmark.Result load = new LoadBenchmark(options, out).run();
            LoadBenchmark.print(load, out);
            results.put("load", LoadBenchmark.json(load, options));
        }
        if (options.parts().contains("cost")) {
            CostBenchmark.Result cost = new CostBenchmark(options, out).run();
            CostBenchmark.print(cost, out);
            results.put("cost", cost);
            results.put("prices", PriceTable.US_EAST_1.json());
        }
        if (options.parts().contains("express")) {
            ExpressBenchmark.Result express = new ExpressBenchmark(options, out).run();
            ExpressBenchmark.print(express, out);
            results.put("express", ExpressBenchmark.json(express));
        }
        try {
            Path file = options.out().toAbsolutePath();
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), results);
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + options.out(), e);
        }
    }
}
