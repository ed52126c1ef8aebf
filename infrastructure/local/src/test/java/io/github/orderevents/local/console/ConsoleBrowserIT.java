package io.github.orderevents.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.local.Json;
import io.github.orderevents.local.LocalCloud;
import io.github.orderevents.local.LocalCloudOptions;
import io.github.orderevents.local.testing.ConsoleBrowser;
import io.github.orderevents.local.testing.FreePort;
import io.github.orderevents.local.testing.SamApps;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real browser ({@link ConsoleBrowser}: the system's headless Chromium driven by playwright-core):
 * its queues, DLQs, tables and redrive button on a template without functions, and its charts on the ledger SAM
 * application after some invocations. Skipped, visibly, without node, npm or Chromium.
 */
class ConsoleBrowserIT {
    private static final Path SCREENSHOT = ConsoleBrowser.screenshot("console.png");
    private static final Path CHARTS_SCREENSHOT = ConsoleBrowser.screenshot("console-charts.png");

    @Test
    void theConsoleShowsQueuesDeadLettersAndTablesAndItsButtonRedrivesTheDeadLetterQueue() throws Exception {
        ConsoleBrowser.assumeTools();
        try (ConsoleCloud cloud = ConsoleCloud.start().withItems().withParkedMessage()) {
            JsonNode summary = ConsoleBrowser.browse("console-browser.mjs", cloud.console(), SCREENSHOT);

            assertThat(summary.get("offsite")).as("requests off the console's origin").isEmpty();
            assertThat(summary.get("errors")).as("errors in the page").isEmpty();
            JsonNode before = summary.get("before");

            JsonNode jobs = only(before.get("queues"), "name", ConsoleCloud.QUEUE);
            assertThat(jobs.get("logicalId").asText()).isEqualTo("JobsQueue");
            assertThat(jobs.get("visible").asText()).isEqualTo("0");
            assertThat(jobs.get("dlq").asText()).isEqualTo(ConsoleCloud.DLQ);
            assertThat(jobs.get("dlqDepth").asText()).isEqualTo("1");
            assertThat(only(before.get("queues"), "name", ConsoleCloud.DLQ).get("visible").asText()).isEqualTo("1");

            JsonNode dlq = only(before.get("dlqs"), "name", ConsoleCloud.DLQ);
            assertThat(dlq.get("depth").asText()).isEqualTo("1");
            assertThat(dlq.get("messages")).hasSize(1);
            assertThat(dlq.get("messages").get(0).get("body").asText()).isEqualTo(ConsoleCloud.PARKED_BODY);
            assertThat(dlq.get("messages").get(0).get("text").asText()).contains("reason: failed on its first receive");

            JsonNode readings = only(before.get("tables"), "logicalId", "ReadingsTable");
            assertThat(readings.get("open").asBoolean()).isTrue();
            assertThat(readings.get("count").asText()).isEqualTo("3");
            assertThat(texts(readings.get("columns"))).startsWith("sensor", "at");
            assertThat(cells(readings, "sensor", "at", "celsius"))
                    .containsExactlyInAnyOrder("s-1 1 21.5", "s-1 2 22", "s-2 1 null");
            JsonNode notes = only(before.get("tables"), "logicalId", "NotesTable");
            assertThat(notes.get("count").asText()).isEqualTo("2");
            assertThat(cells(notes, "noteId", "text")).containsExactlyInAnyOrder("n-1 hello console", "n-2 second note");

            assertThat(before.get("functions")).isEmpty();
            assertThat(before.get("functionsText").asText()).isEqualTo("no functions in this template");
            assertThat(SCREENSHOT).isRegularFile();
            assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);

            // The click: a move task takes the message back to the jobs queue, and the page says so.
            assertThat(summary.get("clicked").asText()).isEqualTo(ConsoleCloud.DLQ);
            assertThat(summary.get("notice").asText()).startsWith("DLQ redrive of " + ConsoleCloud.DLQ + " started");
            assertThat(only(summary.get("after").get("dlqs"), "name", ConsoleCloud.DLQ).get("messages")).isEmpty();
            assertThat(summary.get("afterText").asText()).contains(ConsoleCloud.DLQ, "0", "empty");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(cloud.depth(ConsoleCloud.DLQ)).isZero();
                assertThat(cloud.depth(ConsoleCloud.QUEUE)).isEqualTo(1);
            });
            var back = cloud.cloud.sqs().receiveMessage(r -> r.queueUrl(cloud.url(ConsoleCloud.QUEUE)).waitTimeSeconds(1))
                    .messages();
            assertThat(back).extracting(m -> m.body()).containsExactly(ConsoleCloud.PARKED_BODY);
        }
    }

    @Test
    void afterSomeInvocationsTheChartsDrawQueueDepthFunctionDurationAndTheFunctionsEmbeddedMetrics() throws Exception {
        ConsoleBrowser.assumeTools();
        SamApps.mavenPackage(SamApps.DIR.resolve("ledger"));
        Path work = Path.of("target", "console-charts").toAbsolutePath();
        LocalCloudOptions options = LocalCloudOptions.defaults(SamApps.DIR.resolve("ledger/template.yaml"))
                .withPorts(FreePort.find(), FreePort.find(), FreePort.find())
                .withLambdaPort(FreePort.find())
                .withSchedules(false)
                .withStatusLine(false)
                .withWorkDir(work)
                .withFunctionLog(Optional.of(work.resolve("functions.log")))
                // Failed messages come back after 1 s: the invalid entry reaches the DLQ in seconds.
                .withVisibilityTimeout(Optional.of(1));
        try (LocalCloud cloud = LocalCloud.start(options)) {
            String queue = cloud.resources().get("EntriesQueue").attributes().get("QueueName");
            String dlq = cloud.resources().get("EntriesDeadLetterQueue").attributes().get("QueueName");
            String recordEntry = cloud.processFunctions().get("RecordEntryFunction").name();
            for (String body : List.of("{\"account\":\"acc-1\",\"amount\":25}", "{\"account\":\"acc-2\",\"amount\":7}",
                    "not an entry")) {
                cloud.sqs().sendMessage(r -> r.queueUrl(cloud.resources().get("EntriesQueue").attributes().get("QueueUrl"))
                        .messageBody(body));
            }
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(cloud.queueDepths())
                    .filteredOn(q -> q.name().equals(dlq)).singleElement().extracting(QueueDepth::visible).isEqualTo(1));
            // The DLQ's depth as the sampler saw it, so the chart has it too.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(cloud.metrics().queues())
                    .hasEntrySatisfying(dlq, sample -> assertThat(sample.visible()).isEqualTo(1)));

            JsonNode summary = ConsoleBrowser.browse("console-charts.mjs", cloud.apiEndpoint().resolve("/_local/"),
                    CHARTS_SCREENSHOT, Json.write(List.of("queue-visible", "queue-in-flight", "dlq-depth", "function-duration",
                            "emf:Ledger:EntriesRecorded", "emf:Ledger:BatchTime")));

            assertThat(summary.get("offsite")).as("requests off the console's origin").isEmpty();
            assertThat(summary.get("errors")).as("errors in the page").isEmpty();
            JsonNode charts = summary.get("charts");
            assertThat(texts(charts, "id")).startsWith("queue-visible", "queue-in-flight", "dlq-depth", "function-duration",
                    "function-invocations").contains("emf:Ledger:EntriesRecorded", "emf:Ledger:EntriesRejected",
                    "emf:Ledger:BatchTime");

            JsonNode visible = only(charts, "id", "queue-visible");
            assertThat(visible.get("caption").asText()).contains("Queue depth: messages visible", "AWS/SQS", "Count", "Maximum");
            assertThat(texts(visible.get("legend"))).containsExactly(queue);
            assertThat(only(visible.get("series"), "label", queue).get("points").asInt()).isPositive();
            JsonNode dlqSeries = only(only(charts, "id", "dlq-depth").get("series"), "label", dlq);
            assertThat(values(dlqSeries)).contains(1.0);

            JsonNode duration = only(charts, "id", "function-duration");
            assertThat(duration.get("caption").asText()).contains("Function duration", "AWS/Lambda", "Milliseconds",
                    "p99 solid", "p50 dashed");
            assertThat(texts(duration.get("axisLabels"))).anySatisfy(label -> assertThat(label).endsWith(" ms"))
                    .contains("now");
            assertThat(duration.get("series")).filteredOn(s -> s.get("label").asText().equals(recordEntry))
                    .extracting(s -> s.get("statistic").asText()).containsExactly("p99", "p50");
            assertThat(duration.get("series")).allSatisfy(s -> assertThat(s.get("points").asInt()).isPositive());

            JsonNode recorded = only(charts, "id", "emf:Ledger:EntriesRecorded");
            assertThat(recorded.get("caption").asText()).contains("EntriesRecorded", "Ledger", "Count", "Sum");
            JsonNode ledger = only(recorded.get("series"), "label", "Service=ledger");
            // At least the two valid entries (a batch that outlasts the 1 s visibility timeout comes again).
            assertThat(values(ledger).stream().mapToDouble(Double::doubleValue).sum()).isGreaterThanOrEqualTo(2);
            assertThat(only(charts, "id", "emf:Ledger:BatchTime").get("series"))
                    .extracting(s -> s.get("label").asText() + " " + s.get("statistic").asText())
                    .containsExactly("Service=ledger p99", "Service=ledger p50");
            assertThat(CHARTS_SCREENSHOT).isRegularFile();
        }
    }

    private static List<String> texts(JsonNode rows, String field) {
        List<String> texts = new ArrayList<>();
        rows.forEach(row -> texts.add(row.get(field).asText()));
        return texts;
    }

    private static List<Double> values(JsonNode series) {
        List<Double> values = new ArrayList<>();
        series.get("values").forEach(v -> values.add(v.asDouble()));
        return values;
    }

    private static JsonNode only(JsonNode rows, String field, String value) {
        List<JsonNode> matching = new ArrayList<>();
        rows.forEach(row -> {
            if (value.equals(row.path(field).asText())) {
                matching.add(row);
            }
        });
        assertThat(matching).as("%s=%s in %s", field, value, rows).hasSize(1);
        return matching.get(0);
    }

    private static List<String> texts(JsonNode values) {
        List<String> texts = new ArrayList<>();
        values.forEach(v -> texts.add(v.asText()));
        return texts;
    }

    /** Each item row's cells for these attributes, joined by spaces ("null" where a row has none). */
    private static List<String> cells(JsonNode table, String... attributes) {
        List<String> rows = new ArrayList<>();
        table.get("items").forEach(item -> {
            List<String> cells = new ArrayList<>();
            for (String attribute : attributes) {
                JsonNode cell = item.get("cells").get(attribute);
                cells.add(cell == null ? "null" : cell.asText());
            }
            rows.add(String.join(" ", cells));
        });
        return rows;
    }
}
