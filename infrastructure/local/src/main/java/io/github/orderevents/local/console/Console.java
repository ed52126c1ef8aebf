package io.github.orderevents.local.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.orderevents.local.Json;
import io.github.orderevents.local.metrics.MetricStore;
import io.github.orderevents.local.sqs.SqsApiException;
import io.github.orderevents.local.sqs.SqsEndpoint;
import io.github.orderevents.local.template.LocalResource;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local cloud's console under /_local/: a page with the queues (visible, in flight, their DLQ's depth),
 * each DLQ's messages and a "Start DLQ redrive" button (the same message move task as the SQS API), the
 * template's DynamoDB tables with their first items, the move tasks and the functions, refreshing itself;
 * and charts of the metrics over the last minutes; and its JSON: /_local/resources, /_local/status, /_local/tables,
 * /_local/tables/{logicalId}?limit=N, /_local/dlq?queue=Q, /_local/metrics?minutes=N ({@link MetricCharts}),
 * POST /_local/redrive?queue=Q (Q: a queue's logical id or name). It reads the running
 * cloud through {@link ConsoleSource} only and knows nothing of the application.
 */
public final class Console implements HttpHandler {
    private static final int BODY_PREVIEW = 2048;
    private static final String TABLES = "/_local/tables/";
    private final ConsoleSource source;
    private final Tables tables;
    private final MetricCharts charts;

    public Console(ConsoleSource source) {
        this.source = source;
        this.tables = new Tables(source);
        this.charts = new MetricCharts(source.metrics());
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            try {
                switch (path) {
                    case "/_local", "/_local/" -> page(exchange);
                    case "/_local/resources" -> json(exchange, 200, resources());
                    case "/_local/status" -> json(exchange, 200, status());
                    case "/_local/tables" -> json(exchange, 200, tables());
                    case "/_local/dlq" -> json(exchange, 200, deadLetters(required(query, "queue")));
                    case "/_local/metrics" -> json(exchange, 200, charts.view(minutes(query)));
                    case "/_local/redrive" -> {
                        if (!method.equals("POST")) {
                            json(exchange, 405, Map.of("error", "POST to start a DLQ redrive"));
                        } else {
                            json(exchange, 200, redrive(required(query, "queue")));
                        }
                    }
                    default -> {
                        Optional<LocalResource> table = path.startsWith(TABLES)
                                ? tables.find(path.substring(TABLES.length())) : Optional.empty();
                        if (table.isPresent()) {
                            json(exchange, 200, tables.view(table.get(), limit(query)));
                        } else {
                            json(exchange, 404, Map.of("error", path.startsWith(TABLES)
                                    ? "no table " + path.substring(TABLES.length()) : "no console page " + path));
                        }
                    }
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                json(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
            } catch (SqsApiException e) {
                // e.g. a redrive while one runs on that DLQ already: SQS's own answer
                json(exchange, e.httpStatus(), Map.of("error", e.errorCode() + ": " + e.getMessage()));
            }
        }
    }

    /** The resource table: logical id, type, local name, URL or ARN, and what is not emulated. */
    public List<Map<String, Object>> resources() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LocalResource resource : source.resources().all()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("logicalId", resource.logicalId());
            row.put("type", resource.type());
            row.put("name", resource.attributes().getOrDefault("QueueName", resource.ref()));
            row.put("address", resource.address());
            row.put("attributes", resource.attributes());
            row.put("notes", resource.notes());
            rows.add(row);
        }
        return rows;
    }

    /** Every DynamoDB table of the template with its item count (Select COUNT, bounded). */
    public List<TableCount> tableCounts() {
        return tables.counts();
    }

    /** Every DynamoDB table of the template with its key attributes, item count and first 20 items. */
    public List<Map<String, Object>> tables() {
        return tables.all().stream().map(table -> tables.view(table, Tables.DEFAULT_ITEMS)).toList();
    }

    private Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("queues", source.queueDepths());
        status.put("tables", tables.counts());
        status.put("moveTasks", source.sqsFront().map(SqsEndpoint::tasks).orElse(List.of()));
        status.put("functions", source.functions());
        return status;
    }

    /** Up to 10 messages of a DLQ, looked at without hiding them (visibility timeout 0). */
    private Map<String, Object> deadLetters(String logicalId) {
        QueueDepth queue = queue(logicalId);
        List<Message> messages = source.sqs().receiveMessage(r -> r.queueUrl(queue.url()).maxNumberOfMessages(10)
                .visibilityTimeout(0).waitTimeSeconds(0).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Message message : messages) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("messageId", message.messageId());
            row.put("messageGroupId", message.attributesAsStrings().get("MessageGroupId"));
            row.put("receiveCount", message.attributesAsStrings().get("ApproximateReceiveCount"));
            Map<String, String> attributes = new LinkedHashMap<>();
            message.messageAttributes().forEach((name, value) -> attributes.put(name, value.stringValue()));
            attributes.forEach(row::putIfAbsent);
            row.put("attributes", attributes);
            String body = message.body();
            row.put("body", body.length() > BODY_PREVIEW ? body.substring(0, BODY_PREVIEW) + "…" : body);
            rows.add(row);
        }
        return Map.of("queue", queue, "messages", rows);
    }

    private Object redrive(String logicalId) {
        QueueDepth queue = queue(logicalId);
        if (!queue.deadLetterQueue()) {
            throw new IllegalArgumentException(logicalId + " is not a dead-letter queue");
        }
        SqsEndpoint front = source.sqsFront().orElseThrow(() -> new IllegalStateException(
                "DLQ redrive needs the local SQS endpoint (not available with --endpoint)"));
        return front.startMoveTask(queue.arn(), Optional.empty(), Optional.empty());
    }

    /** A queue by its logical id or, failing that, its name. */
    private QueueDepth queue(String idOrName) {
        List<QueueDepth> queues = source.queueDepths();
        return queues.stream().filter(q -> q.logicalId().equals(idOrName)).findFirst()
                .or(() -> queues.stream().filter(q -> idOrName.equals(q.name())).findFirst())
                .orElseThrow(() -> new IllegalArgumentException("no queue " + idOrName));
    }

    private static Duration minutes(Map<String, String> query) {
        String raw = query.getOrDefault("minutes", String.valueOf(MetricStore.WINDOW.toMinutes()));
        try {
            return Duration.ofMinutes(Integer.parseInt(raw.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("minutes must be a number from 1 to " + MetricStore.WINDOW.toMinutes()
                    + ", not " + raw);
        }
    }

    private static int limit(Map<String, String> query) {
        String raw = query.getOrDefault("limit", String.valueOf(Tables.DEFAULT_ITEMS));
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= Tables.MAX_ITEMS) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("limit must be a number from 1 to " + Tables.MAX_ITEMS + ", not " + raw);
    }

    private static void page(HttpExchange exchange) throws IOException {
        try (InputStream html = Console.class.getResourceAsStream("console.html")) {
            byte[] bytes = html.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("query parameter " + name + " is required");
        }
        return value;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
