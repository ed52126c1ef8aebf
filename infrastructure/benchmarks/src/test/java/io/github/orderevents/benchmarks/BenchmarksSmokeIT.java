package io.github.orderevents.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every part of the benchmark, at tiny settings: the figures are produced, well-formed and written. Never their size. */
class BenchmarksSmokeIT {
    private static final Path ROOT = Path.of(System.getProperty("project.root", "../.."));

    @Test
    void everyPartProducesItsFiguresAndWritesThemAsJson() throws Exception {
        Path out = Path.of("target", "benchmark-it", "results.json");
        Files.deleteIfExists(out);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        Benchmarks.run(BenchmarkOptions.parse("all", "--template", ROOT.resolve("template.yaml").toString(),
                "--runs", "1", "--functions", "GetOrderFunction", "--prime", "--rates", "4", "--seconds", "3", "--drain", "8",
                "--orders", "3", "--backlog", "50", "--express", "3", "--work-dir", "target/benchmark-it", "--out", out.toString()),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        JsonNode json = new ObjectMapper().readTree(out.toFile());
        JsonNode getOrder = json.path("coldStart").path("GetOrderFunction");
        for (String variant : new String[]{"ours", "naive"}) {
            assertThat(getOrder.path(variant).path("runs").asInt()).isEqualTo(1);
            assertThat(getOrder.path(variant).path("initMs").path("p50").asDouble()).isPositive();
            assertThat(getOrder.path(variant).path("firstInvokeMs").path("p90").asDouble()).isPositive();
            assertThat(getOrder.path(variant).path("wholeMs").path("p50").asDouble()).isPositive();
        }
        assertThat(getOrder.path("ours").path("primedFirstInvokeMs").path("p50").asDouble())
                .as("the first invoke after the function's org.crac hooks ran").isPositive();
        assertThat(getOrder.path("naive").path("primedFirstInvokeMs").isNull()).as("the naive build is not primed").isTrue();
        assertThat(getOrder.path("naiveOverOurs").path("wholeP50").asDouble()).isPositive();

        JsonNode step = json.path("load").path("steps").path(0);
        assertThat(step.path("rate").asInt()).isEqualTo(4);
        assertThat(step.path("sent").asInt()).isEqualTo(12);
        assertThat(step.path("postP50").asDouble()).isPositive();
        assertThat(step.path("postP99").asDouble()).isGreaterThanOrEqualTo(step.path("postP50").asDouble());
        assertThat(step.has("backlogGrew")).isTrue();

        JsonNode cost = json.path("cost");
        assertThat(cost.path("orders").asInt()).isEqualTo(3);
        assertThat(cost.path("requestsPerOrder").path("DynamoDb:TransactWriteItems").asDouble()).isPositive();
        assertThat(cost.path("invocationsPerOrder").path("CreateOrderFunction").path("count").asLong()).isEqualTo(3);
        assertThat(cost.path("gbSecondsPerOrder").asDouble()).isPositive();
        assertThat(cost.path("dollarsPerMillionOrders").path("totalArm64").asDouble())
                .isPositive();
        assertThat(cost.path("naiveFloorDollarsPerMillionOrders").path("totalArm64").asDouble()).isPositive();
        assertThat(json.path("prices").path("date").asText()).isNotBlank();

        JsonNode express = json.path("express").path("result");
        assertThat(express.path("backlog").asInt()).isEqualTo(50);
        assertThat(express.path("express").asInt()).isEqualTo(3);
        assertThat(express.path("expressP50").asDouble()).isPositive();
        assertThat(express.path("expressP99").asDouble()).isGreaterThanOrEqualTo(express.path("expressP50").asDouble());
        assertThat(express.path("backlogDrainSeconds").asDouble()).isPositive();
        assertThat(express.has("standingAtFirstExpress")).isTrue();

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Cold start", "End-to-end load", "AWS requests per order",
                "US$ per million orders", "Express lane behind a standard backlog");
    }
}
