package io.github.orderevents.local.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.orderevents.local.Json;
import io.github.orderevents.local.LocalCloud;
import io.github.orderevents.local.LocalCloud.QueueDepth;
import io.github.orderevents.local.sqs.SqsEndpoint;
import io.github.orderevents.local.template.LocalResource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local cloud's console under /_local/: a page with the queues (visible, in flight, DLQ depth),
 * recent orders, each DLQ's messages and a "Start DLQ redrive" button (the same message move task as
 * the SQS API), refreshing itself; and its JSON: /_local/resources, /_local/status, /_local/dlq,
 * POST /_local/redrive.
 */
public final class Console implements HttpHandler {
    static final String ORDERS_TABLE = "OrdersTable";
    private static final int BODY_PREVIEW = 2048;
    private final LocalCloud cloud;

    public Console(LocalCloud cloud) {
        this.cloud = cloud;
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
                    case "/_local/dlq" -> json(exchange, 200, deadLetters(required(query, "queue")));
                    case "/_local/redrive" -> {
                        if (!method.equals("POST")) {
                            json(exchange, 405, Map.of("error", "POST to start a DLQ redrive"));
                        } else {
                            json(exchange, 200, redrive(required(query, "queue")));
                        }
                    }
                    default -> json(exchange, 404, Map.of("error", "no console page " + path));
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                json(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
            }
        }
    }

    /** The resource table: logical id, type, local name, URL or ARN, and what is not emulated. */
    public List<Map<String, Object>> resources() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LocalResource resource : cloud.resources().all()) {
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

    private Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("queues", cloud.queueDepths());
        status.put("orders", recentOrders(20));
        status.put("moveTasks", cloud.sqsFront().map(SqsEndpoint::tasks).orElse(List.of()));
        List<Map<String, Object>> functions = new ArrayList<>();
        cloud.functions().forEach((id, function) -> {
            var stats = function.stats();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("logicalId", id);
            row.put("name", function.name());
            row.put("instances", stats.instances());
            row.put("coldStarts", stats.coldStarts());
            row.put("lastInitDurationMs", stats.lastInitDurationMs());
            row.put("invocations", stats.invocations());
            row.put("errors", stats.errors());
            functions.add(row);
        });
        status.put("functions", functions);
        return status;
    }

    /** The newest orders (by createdAt) of the OrdersTable, if the template has one. */
    public List<Map<String, Object>> recentOrders(int limit) {
        Optional<LocalResource> table = cloud.resources().find(ORDERS_TABLE);
        if (table.isEmpty()) {
            return List.of();
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        cloud.dynamo().scanPaginator(r -> r.tableName(table.get().ref())
                        .projectionExpression("orderId, customerId, #s, #t, currency, createdAt, rejectionReason")
                        .expressionAttributeNames(Map.of("#s", "status", "#t", "total")))
                .items().forEach(items::add);
        return items.stream()
                .sorted(Comparator.comparing((Map<String, AttributeValue> i) -> text(i, "createdAt")).reversed())
                .limit(limit)
                .map(i -> {
                    Map<String, Object> order = new LinkedHashMap<>();
                    for (String field : List.of("orderId", "customerId", "status", "total", "currency", "createdAt", "rejectionReason")) {
                        String value = text(i, field);
                        if (!value.isEmpty()) {
                            order.put(field, value);
                        }
                    }
                    return order;
                }).toList();
    }

    /** Up to 10 messages of a DLQ, looked at without hiding them (visibility timeout 0). */
    private Map<String, Object> deadLetters(String logicalId) {
        QueueDepth queue = queue(logicalId);
        List<Message> messages = cloud.sqs().receiveMessage(r -> r.queueUrl(queue.url()).maxNumberOfMessages(10)
                .visibilityTimeout(0).waitTimeSeconds(0).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Message message : messages) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("messageId", message.messageId());
            row.put("messageGroupId", message.attributesAsStrings().get("MessageGroupId"));
            row.put("receiveCount", message.attributesAsStrings().get("ApproximateReceiveCount"));
            message.messageAttributes().forEach((name, value) -> row.put(name, value.stringValue()));
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
        SqsEndpoint front = cloud.sqsFront().orElseThrow(() -> new IllegalStateException(
                "DLQ redrive needs the local SQS endpoint (not available with --endpoint)"));
        return front.startMoveTask(queue.arn(), Optional.empty(), Optional.empty());
    }

    private QueueDepth queue(String logicalId) {
        return cloud.queueDepths().stream().filter(q -> q.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no queue " + logicalId));
    }

    private static String text(Map<String, AttributeValue> item, String field) {
        AttributeValue value = item.get(field);
        return value == null ? "" : value.s() != null ? value.s() : value.n() != null ? value.n() : "";
    }

    private static void page(HttpExchange exchange) throws IOException {
        try (InputStream html = Console.class.getResourceAsStream("console.html")) {
            byte[] bytes = html.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
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
