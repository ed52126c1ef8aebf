package io.github.orderevents.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.github.orderevents.local.Json;
import io.github.orderevents.local.metrics.LocalMetrics;
import io.github.orderevents.local.provision.LocalResources;
import io.github.orderevents.local.sqs.SqsEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** /_local/metrics over HTTP, on a console whose source has metrics and nothing else. */
class MetricsEndpointTest {
    private final LocalMetrics metrics = new LocalMetrics(Clock.systemUTC());
    private HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/_local", new Console(new MetricsOnly(metrics)));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        http.close();
    }

    @Test
    void chartsQueueDepthsDlqDepthAndFunctionDurationsUnderCloudWatchsNames() throws Exception {
        metrics.recordQueueDepth(new LocalMetrics.QueueSample("app-jobs.fifo", 7, 2, false));
        metrics.recordQueueDepth(new LocalMetrics.QueueSample("app-jobs-dlq.fifo", 1, 0, true));
        metrics.recordInvocation("app-Worker", 120, false);
        metrics.recordInvocation("app-Worker", 80, true);

        JsonNode view = get("/_local/metrics?minutes=5").json();

        assertThat(view.get("bucketSeconds").asInt()).isEqualTo(10);
        assertThat(view.get("to").asLong() - view.get("from").asLong()).isEqualTo(5 * 60_000);
        assertThat(ids(view)).startsWith("queue-visible", "queue-in-flight", "dlq-depth", "function-duration",
                "function-invocations");
        JsonNode visible = chart(view, "queue-visible");
        assertThat(visible.get("namespace").asText()).isEqualTo("AWS/SQS");
        assertThat(visible.get("metric").asText()).isEqualTo("ApproximateNumberOfMessagesVisible");
        assertThat(visible.get("series")).singleElement().satisfies(series -> {
            assertThat(series.get("label").asText()).isEqualTo("app-jobs.fifo");
            assertThat(series.get("statistic").asText()).isEqualTo("Maximum");
            assertThat(series.get("points")).singleElement().satisfies(p -> assertThat(p.get("v").asDouble()).isEqualTo(7));
        });
        assertThat(chart(view, "queue-in-flight").get("series").get(0).get("points").get(0).get("v").asDouble()).isEqualTo(2);
        assertThat(chart(view, "dlq-depth").get("series")).singleElement()
                .satisfies(series -> assertThat(series.get("label").asText()).isEqualTo("app-jobs-dlq.fifo"));
        JsonNode duration = chart(view, "function-duration");
        assertThat(duration.get("unit").asText()).isEqualTo("Milliseconds");
        assertThat(duration.get("series")).extracting(s -> s.get("label").asText() + " " + s.get("statistic").asText())
                .containsExactly("app-Worker p99", "app-Worker p50");
        assertThat(duration.get("series").get(0).get("points").get(0).get("v").asDouble()).isEqualTo(120);
        assertThat(chart(view, "function-invocations").get("series").get(0).get("points").get(0).get("v").asDouble())
                .isEqualTo(2);
    }

    @Test
    void everyEmfMetricIsAChartWithASeriesPerDimensionCombination() throws Exception {
        long now = System.currentTimeMillis();
        for (String tier : List.of("gold", "basic")) {
            metrics.readLogLine(("{\"_aws\":{\"Timestamp\":" + now + ",\"CloudWatchMetrics\":[{\"Namespace\":\"Media\","
                    + "\"Dimensions\":[[\"Tier\"]],\"Metrics\":[{\"Name\":\"QueueAge\",\"Unit\":\"Milliseconds\"},"
                    + "{\"Name\":\"Renders\",\"Unit\":\"Count\"}]}]},\"Tier\":\"" + tier + "\",\"QueueAge\":[40,60],\"Renders\":1}"));
        }
        metrics.readLogLine("{\"_aws\":{\"Timestamp\":\"yesterday\"}}");
        metrics.readLogLine("stored greeting g-1");

        JsonNode view = get("/_local/metrics").json();

        JsonNode age = chart(view, "emf:Media:QueueAge");
        assertThat(age.get("title").asText()).isEqualTo("QueueAge");
        assertThat(age.get("unit").asText()).isEqualTo("Milliseconds");
        assertThat(age.get("series")).extracting(s -> s.get("label").asText() + " " + s.get("statistic").asText())
                .containsExactly("Tier=basic p99", "Tier=basic p50", "Tier=gold p99", "Tier=gold p50");
        assertThat(age.get("series").get(0).get("dimensions").get("Tier").asText()).isEqualTo("basic");
        assertThat(age.get("series").get(0).get("points").get(0).get("v").asDouble()).isEqualTo(60);
        JsonNode renders = chart(view, "emf:Media:Renders");
        assertThat(renders.get("statistics")).extracting(JsonNode::asText).containsExactly("Sum");
        assertThat(view.get("emf").get("lines").asLong()).isEqualTo(2);
        assertThat(view.get("emf").get("invalidLines").asLong()).isEqualTo(1);
        assertThat(view.get("emf").get("lastInvalidReason").asText()).contains("Timestamp");
    }

    @Test
    void minutesOutsideTheWindowAreABadRequest() throws Exception {
        assertThat(get("/_local/metrics?minutes=16").status()).isEqualTo(400);
        assertThat(get("/_local/metrics?minutes=soon").status()).isEqualTo(400);
        assertThat(get("/_local/metrics?minutes=0").status()).isEqualTo(400);
    }

    private record Answer(int status, String body) {
        JsonNode json() throws IOException {
            return Json.MAPPER.readTree(body);
        }
    }

    private Answer get(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        return new Answer(response.statusCode(), response.body());
    }

    private static List<String> ids(JsonNode view) {
        List<String> ids = new ArrayList<>();
        view.get("charts").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    private static JsonNode chart(JsonNode view, String id) {
        for (JsonNode chart : view.get("charts")) {
            if (chart.get("id").asText().equals(id)) {
                return chart;
            }
        }
        throw new AssertionError("no chart " + id + " in " + ids(view));
    }

    /** A console source with metrics only: the metrics endpoint must need nothing else. */
    private record MetricsOnly(LocalMetrics metrics) implements ConsoleSource {
        @Override
        public LocalResources resources() {
            throw new UnsupportedOperationException();
        }

        @Override
        public DynamoDbClient dynamo() {
            throw new UnsupportedOperationException();
        }

        @Override
        public SqsClient sqs() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<SqsEndpoint> sqsFront() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<QueueDepth> queueDepths() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<FunctionSummary> functions() {
            throw new UnsupportedOperationException();
        }
    }
}
