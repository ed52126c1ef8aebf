package io.github.orderevents.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.local.testing.FreePort;
import io.github.orderevents.local.Json;
import io.github.orderevents.local.LocalCloud;
import io.github.orderevents.local.LocalCloudOptions;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A local cloud on templates/console.yaml (two tables, a FIFO queue with its FIFO DLQ, no functions) on free
 * loopback ports, with items in both tables and a message in the DLQ: what the console tests look at.
 */
final class ConsoleCloud implements AutoCloseable {
    static final Path TEMPLATE = Path.of("src/test/resources/templates/console.yaml").toAbsolutePath();
    static final String STACK = "console-it";
    static final String QUEUE = STACK + "-jobs.fifo";
    static final String DLQ = STACK + "-jobs-dlq.fifo";
    static final String PARKED_BODY = "{\"job\":\"j-1\",\"step\":\"render\"}";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final LocalCloud cloud;

    private ConsoleCloud(LocalCloud cloud) {
        this.cloud = cloud;
    }

    static ConsoleCloud start() {
        LocalCloudOptions options = LocalCloudOptions.defaults(TEMPLATE)
                .withStackName(STACK)
                .withHost("127.0.0.1")
                .withPorts(FreePort.find(), FreePort.find(), FreePort.find())
                .withFunctionLog(Optional.empty())
                .withSchedules(false)
                .withStatusLine(false);
        return new ConsoleCloud(LocalCloud.start(options));
    }

    /** Three readings (every kind of attribute value among them) and two notes. */
    ConsoleCloud withItems() {
        String readings = cloud.resources().get("ReadingsTable").ref();
        cloud.dynamo().putItem(r -> r.tableName(readings).item(Map.of(
                "sensor", s("s-1"), "at", n("1"), "celsius", n("21.5"), "ok", AttributeValue.fromBool(true),
                "tags", AttributeValue.fromSs(java.util.List.of("indoor", "north")),
                "raw", AttributeValue.fromB(SdkBytes.fromUtf8String("hi")),
                "calibration", AttributeValue.fromM(Map.of("unit", s("C"),
                        "limits", AttributeValue.fromL(java.util.List.of(n("-10"), n("50"))))),
                "note", AttributeValue.fromNul(true))));
        cloud.dynamo().putItem(r -> r.tableName(readings).item(Map.of("sensor", s("s-1"), "at", n("2"), "celsius", n("22"))));
        cloud.dynamo().putItem(r -> r.tableName(readings).item(Map.of("sensor", s("s-2"), "at", n("1"),
                "samples", AttributeValue.fromNs(java.util.List.of("3", "4.25")))));
        String notes = cloud.resources().get("NotesTable").ref();
        cloud.dynamo().putItem(r -> r.tableName(notes).item(Map.of("noteId", s("n-1"), "text", s("hello console"))));
        cloud.dynamo().putItem(r -> r.tableName(notes).item(Map.of("noteId", s("n-2"), "text", s("second note"))));
        return this;
    }

    /** A message sent straight into the DLQ, as if it had failed on the jobs queue. */
    ConsoleCloud withParkedMessage() {
        cloud.sqs().sendMessage(r -> r.queueUrl(url(DLQ)).messageBody(PARKED_BODY).messageGroupId("g-1")
                .messageDeduplicationId("parked-1").messageAttributes(Map.of("reason",
                        MessageAttributeValue.builder().dataType("String").stringValue("failed on its first receive").build())));
        return this;
    }

    String url(String queueName) {
        return cloud.sqs().getQueueUrl(r -> r.queueName(queueName)).queueUrl();
    }

    /** Visible plus in-flight messages of a queue, as SQS counts them. */
    int depth(String queueName) {
        Map<QueueAttributeName, String> attributes = cloud.sqs().getQueueAttributes(r -> r.queueUrl(url(queueName))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    URI console() {
        return cloud.apiEndpoint().resolve("/_local/");
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(cloud.apiEndpoint().resolve(path)).GET());
    }

    Response post(String path) {
        return send(HttpRequest.newBuilder(cloud.apiEndpoint().resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    @Override
    public void close() {
        cloud.close();
    }
}
