package io.github.orderevents.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.local.console.ConsoleCloud.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The console's JSON and page on a generic template: tables, queues and a DLQ, and no functions. */
class ConsoleIT {
    private static ConsoleCloud cloud;

    @BeforeAll
    static void start() {
        cloud = ConsoleCloud.start().withItems();
    }

    @AfterAll
    static void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void tablesListEveryTableOfTheTemplateWithItsCountAndItemsAsPlainJson() {
        Response answer = cloud.get("/_local/tables");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("application/json");
        JsonNode tables = answer.json();
        assertThat(ids(tables)).containsExactly("ReadingsTable", "NotesTable");

        JsonNode readings = tables.get(0);
        assertThat(readings.get("type").asText()).isEqualTo("AWS::DynamoDB::Table");
        assertThat(readings.get("name").asText()).isEqualTo("console-it-ReadingsTable");
        assertThat(strings(readings.get("keys"))).containsExactly("sensor", "at");
        assertThat(readings.get("count").asLong()).isEqualTo(3);
        assertThat(readings.get("countComplete").asBoolean()).isTrue();
        assertThat(readings.get("items")).hasSize(3);
        JsonNode first = item(readings, "s-1", 1);
        // Keys first, then the other attributes by name; every kind of value as the plain JSON it holds.
        assertThat(fieldNames(first)).containsExactly("sensor", "at", "calibration", "celsius", "note", "ok", "raw", "tags");
        assertThat(first.get("at").isIntegralNumber()).isTrue();
        assertThat(first.get("celsius").decimalValue()).isEqualByComparingTo("21.5");
        assertThat(first.get("ok").isBoolean()).isTrue();
        assertThat(first.get("note").isNull()).isTrue();
        assertThat(first.get("raw").asText()).isEqualTo("aGk=");
        assertThat(strings(first.get("tags"))).containsExactlyInAnyOrder("indoor", "north");
        assertThat(first.get("calibration").get("unit").asText()).isEqualTo("C");
        assertThat(first.get("calibration").get("limits").toString()).isEqualTo("[-10,50]");
        assertThat(item(readings, "s-2", 1).get("samples").toString()).satisfiesAnyOf(
                s -> assertThat(s).isEqualTo("[3,4.25]"), s -> assertThat(s).isEqualTo("[4.25,3]"));

        JsonNode notes = tables.get(1);
        assertThat(notes.get("type").asText()).isEqualTo("AWS::Serverless::SimpleTable");
        assertThat(notes.get("count").asLong()).isEqualTo(2);
        assertThat(strings(notes.get("keys"))).containsExactly("noteId");
        List<String> texts = new ArrayList<>();
        notes.get("items").forEach(i -> texts.add(i.get("noteId").asText() + "=" + i.get("text").asText()));
        assertThat(texts).containsExactlyInAnyOrder("n-1=hello console", "n-2=second note");
    }

    @Test
    void oneTableTakesALimitOnItsItems() {
        JsonNode readings = cloud.get("/_local/tables/ReadingsTable?limit=2").json();

        assertThat(readings.get("logicalId").asText()).isEqualTo("ReadingsTable");
        assertThat(readings.get("count").asLong()).isEqualTo(3);
        assertThat(readings.get("items")).hasSize(2);
        assertThat(cloud.get("/_local/tables/NotesTable").json().get("items")).hasSize(2);
    }

    @Test
    void unknownTablesAndBadLimitsAreAnswered() {
        assertThat(cloud.get("/_local/tables/NoSuchTable").status()).isEqualTo(404);
        assertThat(cloud.get("/_local/tables/JobsQueue").status()).as("a queue is no table").isEqualTo(404);
        Response zero = cloud.get("/_local/tables/ReadingsTable?limit=0");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().get("error").asText()).contains("limit");
        assertThat(cloud.get("/_local/tables/ReadingsTable?limit=lots").status()).isEqualTo(400);
    }

    @Test
    void statusShowsQueuesWithTheirDeadLetterQueueTablesAndNoFunctions() {
        JsonNode status = cloud.get("/_local/status").json();

        assertThat(fieldNames(status)).containsExactly("queues", "tables", "moveTasks", "functions");
        Map<String, JsonNode> queues = new java.util.HashMap<>();
        status.get("queues").forEach(q -> queues.put(q.get("name").asText(), q));
        assertThat(queues).containsOnlyKeys(ConsoleCloud.QUEUE, ConsoleCloud.DLQ);
        JsonNode jobs = queues.get(ConsoleCloud.QUEUE);
        JsonNode dlq = queues.get(ConsoleCloud.DLQ);
        assertThat(jobs.get("logicalId").asText()).isEqualTo("JobsQueue");
        assertThat(jobs.get("deadLetterQueue").asBoolean()).isFalse();
        assertThat(jobs.get("deadLetterTargetArn").asText()).isEqualTo(dlq.get("arn").asText());
        assertThat(dlq.get("deadLetterQueue").asBoolean()).isTrue();
        assertThat(dlq.get("deadLetterTargetArn").isNull()).isTrue();

        List<String> tables = new ArrayList<>();
        status.get("tables").forEach(t -> tables.add(t.get("logicalId").asText() + " " + t.get("name").asText()
                + " " + t.get("count").asLong()));
        assertThat(tables).containsExactly("ReadingsTable console-it-ReadingsTable 3", "NotesTable console-it-NotesTable 2");
        assertThat(status.get("functions")).isEmpty();
        assertThat(status.has("orders")).isFalse();
    }

    @Test
    void aParkedMessageShowsInItsDeadLetterQueueUntilItIsRedriven() {
        cloud.withParkedMessage();

        JsonNode dlq = cloud.get("/_local/dlq?queue=JobsDeadLetterQueue").json();
        assertThat(dlq.get("queue").get("name").asText()).isEqualTo(ConsoleCloud.DLQ);
        assertThat(dlq.get("messages")).hasSize(1);
        JsonNode message = dlq.get("messages").get(0);
        assertThat(message.get("body").asText()).isEqualTo(ConsoleCloud.PARKED_BODY);
        assertThat(message.get("messageGroupId").asText()).isEqualTo("g-1");
        assertThat(message.get("reason").asText()).isEqualTo("failed on its first receive");
        assertThat(message.get("attributes").get("reason").asText()).isEqualTo("failed on its first receive");
        // By name too, as the page's buttons give it; looking does not hide the message.
        assertThat(cloud.get("/_local/dlq?queue=" + ConsoleCloud.DLQ).json().get("messages")).hasSize(1);
        assertThat(cloud.get("/_local/status").json().get("queues").findValues("visible").stream()
                .mapToInt(JsonNode::asInt).sum()).isEqualTo(1);
        // The queues' depths are sampled every few seconds into the charts, the DLQ's apart from the others.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode charts = cloud.get("/_local/metrics?minutes=1").json().get("charts");
            assertThat(charts.findValues("id").stream().map(JsonNode::asText)).contains("queue-visible", "dlq-depth");
            for (JsonNode chart : charts) {
                if (chart.get("id").asText().equals("dlq-depth")) {
                    assertThat(chart.get("series")).singleElement().satisfies(series -> {
                        assertThat(series.get("label").asText()).isEqualTo(ConsoleCloud.DLQ);
                        assertThat(series.get("points").findValues("v")).extracting(JsonNode::asInt).contains(1);
                    });
                }
            }
        });

        assertThat(cloud.get("/_local/redrive?queue=JobsDeadLetterQueue").status()).as("GET").isEqualTo(405);
        assertThat(cloud.post("/_local/redrive?queue=JobsQueue").status()).as("not a DLQ").isEqualTo(400);
        Response redrive = cloud.post("/_local/redrive?queue=JobsDeadLetterQueue");
        assertThat(redrive.status()).as(redrive.body()).isEqualTo(200);
        assertThat(redrive.json().get("sourceArn").asText()).endsWith(":" + ConsoleCloud.DLQ);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(cloud.depth(ConsoleCloud.DLQ)).isZero();
            assertThat(cloud.depth(ConsoleCloud.QUEUE)).isEqualTo(1);
        });
        var back = cloud.cloud.sqs().receiveMessage(r -> r.queueUrl(cloud.url(ConsoleCloud.QUEUE)).waitTimeSeconds(1)).messages();
        assertThat(back).extracting(m -> m.body()).containsExactly(ConsoleCloud.PARKED_BODY);
        cloud.cloud.sqs().deleteMessage(r -> r.queueUrl(cloud.url(ConsoleCloud.QUEUE)).receiptHandle(back.get(0).receiptHandle()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                cloud.get("/_local/status").json().get("moveTasks").get(0).get("status").asText()).isEqualTo("COMPLETED"));
    }

    @Test
    void resourcesListTheSimpleTableAsProvisioned() {
        JsonNode resources = cloud.get("/_local/resources").json();

        Map<String, JsonNode> byId = new java.util.HashMap<>();
        resources.forEach(r -> byId.put(r.get("logicalId").asText(), r));
        assertThat(byId).containsOnlyKeys("ReadingsTable", "NotesTable", "JobsQueue", "JobsDeadLetterQueue");
        assertThat(byId.get("NotesTable").get("name").asText()).isEqualTo("console-it-NotesTable");
        assertThat(byId.get("NotesTable").get("notes")).isEmpty();
        assertThat(byId.get("JobsDeadLetterQueue").get("notes").toString()).contains("RedriveAllowPolicy not emulated");
    }

    @Test
    void thePageIsSelfContainedAndNamesNoApplication() {
        Response page = cloud.get("/_local/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("Start DLQ redrive", "data-redrive", "data-queue", "data-table", "data-function",
                "setInterval(refresh, 2000)");
        // Nothing loads from the network: no absolute URL in a src, href, url() or fetch.
        assertThat(page.body()).doesNotContainPattern("(src|href)=\"(https?:)?//")
                .doesNotContainPattern("url\\(")
                .doesNotContainPattern("fetch\\(['\"`]https?:")
                .doesNotContain("order-events", "OrdersTable", "Recent orders");
        assertThat(cloud.get("/_local").status()).isEqualTo(200);
        assertThat(cloud.get("/_local/nothing").status()).isEqualTo(404);
    }

    private static List<String> ids(JsonNode tables) {
        List<String> ids = new ArrayList<>();
        tables.forEach(t -> ids.add(t.get("logicalId").asText()));
        return ids;
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(value -> strings.add(value.asText()));
        return strings;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode item(JsonNode table, String sensor, int at) {
        for (JsonNode item : table.get("items")) {
            if (item.get("sensor").asText().equals(sensor) && item.get("at").asInt() == at) {
                return item;
            }
        }
        throw new AssertionError("no item " + sensor + "/" + at + " in " + table);
    }
}
