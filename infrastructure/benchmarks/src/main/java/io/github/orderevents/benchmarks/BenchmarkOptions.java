package io.github.orderevents.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What to measure and how much: the command line of {@code benchmarks [cold-start|load|cost|all] [options]}. */
record BenchmarkOptions(Set<String> parts, Optional<Path> template, int runs, List<String> functions, boolean prime,
                        List<Integer> rates, int seconds, int drainSeconds, int orders, int backlog, int express, Path out,
                        Path workDir) {

    static final String USAGE = """
            usage: benchmarks [cold-start|load|cost|express|all] [options]     (default: all)
              --template FILE     the SAM template (default: template.yaml, searched upwards)
              --runs N            cold start: fresh processes per function and variant (default 10)
              --functions A,B     cold start: only these logical ids (default: every function with a fixture)
              --prime             cold start: also the first invoke after the org.crac checkpoint hooks (n/a
                                  for a function that registers no org.crac resource)
              --rates R1,R2,..    load: orders per second, one open-loop step each (default 20,40,60)
              --seconds N         load: how long each step sends (default 20)
              --drain N           load: seconds after the last send by which an order must be terminal (default 10)
              --orders N          cost: orders counted on the happy path (default 100)
              --backlog N         express: standard orders placed before the express ones (default 1500)
              --express N         express: express orders placed behind the backlog (default 30)
              --out FILE          the JSON results (default target/benchmark/results.json)
              --work-dir DIR      function logs, task roots, naive jars (default target/benchmark)
              --help
            """;
    static final Set<String> ALL = Set.of("cold-start", "load", "cost", "express");

    static BenchmarkOptions parse(String... args) {
        Set<String> parts = new java.util.LinkedHashSet<>();
        Optional<Path> template = Optional.empty();
        int runs = 10;
        List<String> functions = List.of();
        boolean prime = false;
        List<Integer> rates = List.of(20, 40, 60);
        int seconds = 20;
        int drain = 10;
        int orders = 100;
        int backlog = 1500;
        int express = 30;
        Path out = null;
        Path workDir = Path.of("target", "benchmark");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "cold-start", "load", "cost", "express" -> parts.add(arg);
                case "all" -> parts.addAll(List.of("cold-start", "load", "cost", "express"));
                case "--prime" -> prime = true;
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> {
                    if (!arg.startsWith("--") || i + 1 >= args.length) {
                        throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
                    }
                    String value = args[++i];
                    switch (arg) {
                        case "--template" -> template = Optional.of(Path.of(value));
                        case "--runs" -> runs = positive(arg, value);
                        case "--functions" -> functions = List.of(value.split(","));
                        case "--rates" -> rates = Arrays.stream(value.split(",")).map(r -> positive(arg, r.trim())).toList();
                        case "--seconds" -> seconds = positive(arg, value);
                        case "--drain" -> drain = positive(arg, value);
                        case "--orders" -> orders = positive(arg, value);
                        case "--backlog" -> backlog = positive(arg, value);
                        case "--express" -> express = positive(arg, value);
                        case "--out" -> out = Path.of(value);
                        case "--work-dir" -> workDir = Path.of(value);
                        default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
                    }
                }
            }
        }
        if (parts.isEmpty()) {
            parts.addAll(List.of("cold-start", "load", "cost", "express"));
        }
        return new BenchmarkOptions(Set.copyOf(new ArrayList<>(parts)), template, runs, functions, prime, rates, seconds, drain,
                orders, backlog, express, out == null ? workDir.resolve("results.json") : out, workDir);
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number above 0, not " + value);
        }
    }
}
