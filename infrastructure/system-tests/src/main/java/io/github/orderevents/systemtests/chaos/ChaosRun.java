package io.github.orderevents.systemtests.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.Json;
import io.github.orderevents.aws.dynamo.DynamoOrderStore;
import io.github.orderevents.aws.events.EventCodec;
import io.github.orderevents.domain.Priority;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.HistoryEntry;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderItem;
import io.github.orderevents.domain.OrderPlaced;
import io.github.orderevents.domain.OrderStatus;
import io.github.orderevents.local.LocalCloud;
import io.github.orderevents.local.LocalCloudOptions;
import io.github.orderevents.local.faults.FaultPlan;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * The promise, checked under faults: drives orders over customers through a local cloud that injects
 * faults (a mix of SKUs: plenty, short, unknown; a share of client retries with the same
 * Idempotency-Key; poison messages), waits for quiescence, and checks the history: every accepted
 * order reached a terminal status; reserved stock equals the units of CONFIRMED orders and none went
 * negative; one notification per (order, event type); each customer's notifications in sequence order
 * per order; the DLQs hold exactly the injected poison; a fixable poison message, moved back by a move
 * task once its cause is gone, is processed exactly once.
 */
public final class ChaosRun {
    private static final String[] PLENTY = {"A", "B", "C", "D"};
    private static final Duration QUIET = Duration.ofSeconds(4);

    /** What to drive. */
    public record Settings(int orders, int customers, double retryShare, int invalidPoison, int fixablePoison,
                           int concurrency, Duration timeout, long seed) {
        public static Settings of(int orders, int customers) {
            return new Settings(orders, customers, 0.1, 10, 10, 8, Duration.ofMinutes(30), 42);
        }
    }

    /** What the run found; {@link #clean()} when no promise was broken. */
    public record Summary(int orders, int accepted, int lost, int duplicateEffects, int orderViolations,
                          int stockViolations, int dlq, int dlqExpected, int redriven, int redriveExpected,
                          Map<String, Long> faults, Duration elapsed) {
        public boolean clean() {
            return lost == 0 && duplicateEffects == 0 && orderViolations == 0 && stockViolations == 0
                    && dlq == dlqExpected && redriven == redriveExpected && accepted == orders;
        }

        public String line() {
            return String.format("orders=%d accepted=%d lost=%d duplicate_effects=%d order_violations=%d"
                            + " stock_violations=%d dlq=%d redriven=%d", orders, accepted, lost, duplicateEffects,
                    orderViolations, stockViolations, dlq, redriven);
        }
    }

    private final LocalCloud cloud;
    private final Settings settings;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final Map<String, Integer> seeded = new LinkedHashMap<>();

    public ChaosRun(LocalCloud cloud, Settings settings, PrintStream out) {
        this.cloud = cloud;
        this.settings = settings;
        this.out = out;
    }

    private String sku(String suffix) {
        return "CH" + run.toUpperCase().replaceAll("[^A-Z0-9]", "") + "-" + suffix;
    }

    public Summary run() {
        long started = System.nanoTime();
        Random random = new Random(settings.seed());
        for (String plenty : PLENTY) {
            setStock(sku(plenty), settings.orders() * 6);
        }
        setStock(sku("SHORT"), Math.max(1, settings.orders() / 25));
        List<String> customers = new ArrayList<>();
        for (int c = 0; c < settings.customers(); c++) {
            customers.add("chaos-" + run + "-c" + c);
        }
        out.printf("chaos: %d orders over %d customers (run %s)%n", settings.orders(), settings.customers(), run);
        Map<String, List<Map<String, Object>>> accepted = placeOrders(customers, random);
        List<String> invalidPoison = injectInvalidPoison();
        Map<String, OrderEvent> fixable = injectFixablePoison(customers);

        int expectedNotifications = accepted.size() * 2;
        boolean quiet = awaitQuiescence(() -> terminalCount(accepted.keySet()) == accepted.size()
                && mainQueueDepth() == 0
                && notificationCount(customers) >= expectedNotifications
                && depth("NotificationsDeadLetterQueue") >= invalidPoison.size()
                && depth("InventoryDeadLetterQueue") >= fixable.size());
        if (!quiet) {
            out.println("chaos: no quiescence before the timeout; checking what there is");
        }
        int dlqFound = deadLettered(invalidPoison, fixable);

        int redriven = redriveFixable(fixable);
        Map<String, List<Map<String, Object>>> all = new LinkedHashMap<>(accepted);
        fixable.forEach((orderId, event) -> all.put(orderId, List.of(Map.of("sku", sku("A"), "quantity", 1))));
        awaitQuiescence(() -> terminalCount(all.keySet()) == all.size() && mainQueueDepth() == 0
                && notificationCount(customers) >= all.size() * 2);

        Checks checks = new Checks();
        checks.orders(all);
        checks.notifications(customers);
        checks.stock(all);
        return new Summary(settings.orders(), accepted.size(), checks.lost, checks.duplicateEffects, checks.orderViolations,
                checks.stockViolations, dlqFound, invalidPoison.size() + fixable.size(), redriven, fixable.size(),
                cloud.faultStats().snapshot(), Duration.ofNanos(System.nanoTime() - started));
    }

    // ---------------------------------------------------------------- driving

    /** Places the orders (a share twice, with the same key); retries like a careful client. */
    private Map<String, List<Map<String, Object>>> placeOrders(List<String> customers, Random random) {
        Map<String, List<Map<String, Object>>> accepted = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency());
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < settings.orders(); i++) {
            List<Map<String, Object>> lines = new ArrayList<>();
            int lineCount = 1 + random.nextInt(2);
            for (int l = 0; l < lineCount; l++) {
                double pick = random.nextDouble();
                String sku = pick < 0.80 ? sku(PLENTY[random.nextInt(PLENTY.length)]) : pick < 0.92 ? sku("SHORT") : sku("UNKNOWN");
                lines.add(Map.of("sku", sku, "quantity", 1 + random.nextInt(3), "unitPrice", "9.99"));
            }
            String body = Json.write(Map.of("customerId", customers.get(i % customers.size()), "currency", "EUR", "items", lines));
            String key = "chaos-" + run + "-" + i;
            boolean twice = random.nextDouble() < settings.retryShare();
            work.add(pool.submit(() -> {
                String orderId = post(body, key);
                if (twice) {
                    String again = post(body, key);
                    if (!again.equals(orderId)) {
                        throw new IllegalStateException("the same Idempotency-Key gave two orders: " + orderId + ", " + again);
                    }
                }
                accepted.put(orderId, lines);
            }));
        }
        for (Future<?> future : work) {
            try {
                future.get();
            } catch (Exception e) {
                out.println("chaos: an order was not accepted: " + e.getMessage());
            }
        }
        pool.shutdown();
        return accepted;
    }

    /**
     * POSTs with the order's key until it is accepted, like a careful client: 5xx and 409 ("still in
     * progress", e.g. while an interrupted attempt's idempotency record has not expired yet, up to the
     * function's timeout) are retried with capped backoff for up to a minute; any other 4xx is final.
     */
    private String post(String body, String key) {
        Exception last = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(api("/orders"))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    return Json.MAPPER.readTree(response.body()).get("orderId").asText();
                }
                if (response.statusCode() < 500 && response.statusCode() != 409) {
                    throw new IllegalStateException("POST /orders answered " + response.statusCode() + ": " + response.body());
                }
                last = new IllegalStateException(response.statusCode() + " " + response.body());
            } catch (IllegalStateException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            sleep(Duration.ofMillis(Math.min(2000, 50L << Math.min(attempt, 6))));
        }
        throw new IllegalStateException("POST /orders kept failing for a minute: " + last);
    }

    private List<String> injectInvalidPoison() {
        String queue = url("NotificationsQueue");
        String[] bodies = {"not json at all", "[1,2,3]", "{\"eventType\":\"OrderShipped\",\"schemaVersion\":1}",
                "{\"schemaVersion\":9}", "{}", "{\"eventId\":\"x\",\"schemaVersion\":1,\"eventType\":\"OrderPlaced\"}"};
        List<String> messageIds = new ArrayList<>();
        for (int p = 0; p < settings.invalidPoison(); p++) {
            String body = bodies[p % bodies.length];
            int n = p;
            messageIds.add(cloud.sqs().sendMessage(r -> r.queueUrl(queue).messageGroupId("chaos-poison-" + run + "-" + n)
                    .messageDeduplicationId("chaos-poison-" + run + "-" + n).messageBody(body)).messageId());
        }
        return messageIds;
    }

    /** OrderPlaced events of orders that do not exist yet: they fail until the order is written. */
    private Map<String, OrderEvent> injectFixablePoison(List<String> customers) {
        String queue = url("InventoryQueue");
        Map<String, OrderEvent> events = new LinkedHashMap<>();
        for (int p = 0; p < settings.fixablePoison(); p++) {
            String customer = customers.get(p % customers.size());
            BigDecimal price = new BigDecimal("9.99");
            OrderEvent event = new OrderEvent(UUID.randomUUID().toString(), "ord-chaos-" + run + "-fix-" + p, customer, 1,
                    Instant.now(), "chaos-fix-" + p, Priority.STANDARD,
                    new OrderPlaced(customer, "EUR", price, List.of(new OrderItem(sku("A"), 1, price))));
            cloud.sqs().sendMessage(r -> r.queueUrl(queue).messageGroupId(event.aggregateId())
                    .messageDeduplicationId(event.eventId()).messageBody(EventCodec.encode(event)));
            events.put(event.aggregateId(), event);
        }
        return events;
    }

    /** The messages in the DLQs that are exactly the injected ones (by id); prints any other. */
    private int deadLettered(List<String> invalidPoison, Map<String, OrderEvent> fixable) {
        int matched = 0;
        Set<String> parked = new HashSet<>();
        for (Message message : peek(url("NotificationsDeadLetterQueue"))) {
            var id = message.messageAttributes().get("originalMessageId");
            if (id != null && invalidPoison.contains(id.stringValue()) && message.messageAttributes().containsKey("parkReason")) {
                parked.add(id.stringValue());
            } else {
                out.println("chaos: unexpected message in the notifications DLQ: " + message.body());
            }
        }
        matched += parked.size();
        Set<String> dead = new HashSet<>();
        Set<String> expected = new HashSet<>();
        fixable.values().forEach(e -> expected.add(e.eventId()));
        for (Message message : peek(url("InventoryDeadLetterQueue"))) {
            String eventId = eventIdOf(message.body());
            if (expected.contains(eventId)) {
                dead.add(eventId);
            } else {
                out.println("chaos: unexpected message in the inventory DLQ: " + message.body());
                matched--;
            }
        }
        return matched + dead.size();
    }

    /** Writes each missing order (with its outbox row) and moves the inventory DLQ back: processed once? */
    private int redriveFixable(Map<String, OrderEvent> fixable) {
        if (fixable.isEmpty()) {
            return 0;
        }
        DynamoOrderStore store = new DynamoOrderStore(cloud.dynamo(), table("OrdersTable"), table("OutboxTable"));
        fixable.values().forEach(event -> store.create(new Order(event.aggregateId(), event.customerId(), OrderStatus.PENDING,
                List.of(new OrderItem(sku("A"), 1, new BigDecimal("9.99"))), "EUR", new BigDecimal("9.99"), 1,
                List.of(new HistoryEntry(1, EventType.OrderPlaced, event.eventId(), event.occurredAt(), OrderStatus.PENDING)),
                event.occurredAt(), event.occurredAt(), null, event.correlationId(), event.priority()), event));
        String dlqArn = cloud.resources().get("InventoryDeadLetterQueue").attributes().get("Arn");
        cloud.sqs().startMessageMoveTask(r -> r.sourceArn(dlqArn));
        awaitQuiescence(() -> {
            List<ListMessageMoveTasksResultEntry> tasks = cloud.sqs().listMessageMoveTasks(r -> r.sourceArn(dlqArn)).results();
            return !tasks.isEmpty() && !tasks.get(0).status().equals("RUNNING") && depth("InventoryDeadLetterQueue") == 0
                    && terminalCount(fixable.keySet()) == fixable.size();
        });
        int processedOnce = 0;
        for (String orderId : fixable.keySet()) {
            Map<String, AttributeValue> order = order(orderId);
            if (order != null && order.get("history").l().size() == 2 && !"PENDING".equals(order.get("status").s())) {
                processedOnce++;
            }
        }
        return processedOnce;
    }

    // ---------------------------------------------------------------- checking

    /** The checks of the history, counting each broken promise. */
    private final class Checks {
        int lost;
        int duplicateEffects;
        int orderViolations;
        int stockViolations;
        final Map<String, String> statuses = new HashMap<>();

        void orders(Map<String, List<Map<String, Object>>> orders) {
            for (String orderId : orders.keySet()) {
                Map<String, AttributeValue> order = order(orderId);
                if (order == null || "PENDING".equals(order.get("status").s())) {
                    lost++;
                    out.println("chaos: LOST " + orderId + (order == null ? " (no such order)" : " (still PENDING)"));
                    continue;
                }
                statuses.put(orderId, order.get("status").s());
                int history = order.get("history").l().size();
                if (history != 2) {
                    duplicateEffects++;
                    out.println("chaos: order " + orderId + " has " + history + " history entries");
                }
                int outboxRows = cloud.dynamo().query(r -> r.tableName(table("OutboxTable"))
                        .keyConditionExpression("aggregateId = :id").consistentRead(true)
                        .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(orderId)))).count();
                if (outboxRows != 2) {
                    duplicateEffects++;
                    out.println("chaos: order " + orderId + " has " + outboxRows + " outbox rows");
                }
            }
        }

        void notifications(List<String> customers) {
            Set<String> seen = new HashSet<>();
            for (String customer : customers) {
                List<Map<String, AttributeValue>> items = notificationItems(customer);
                for (Map<String, AttributeValue> n : items) {
                    if (!seen.add(n.get("orderId").s() + "/" + n.get("eventType").s())) {
                        duplicateEffects++;
                        out.println("chaos: notified twice: " + n.get("orderId").s() + " " + n.get("eventType").s());
                    }
                }
                items.sort(Comparator.comparing(n -> n.get("recordedAt").s()));
                Map<String, Long> last = new HashMap<>();
                for (Map<String, AttributeValue> n : items) {
                    long sequence = Long.parseLong(n.get("sequence").n());
                    Long previous = last.put(n.get("orderId").s(), sequence);
                    if (sequence != (previous == null ? 1 : previous + 1)) {
                        orderViolations++;
                        out.println("chaos: out of order for " + customer + ": " + n.get("orderId").s() + " " + sequence
                                + " after " + previous);
                    }
                }
            }
            for (String orderId : statuses.keySet()) {
                String decided = statuses.get(orderId).equals("CONFIRMED") ? "OrderConfirmed" : "OrderRejected";
                for (String type : List.of("OrderPlaced", decided)) {
                    if (!seen.contains(orderId + "/" + type)) {
                        lost++;
                        out.println("chaos: no " + type + " notification for " + orderId);
                    }
                }
            }
        }

        void stock(Map<String, List<Map<String, Object>>> orders) {
            Map<String, Long> reservedByOrders = new HashMap<>();
            orders.forEach((orderId, lines) -> {
                if ("CONFIRMED".equals(statuses.get(orderId))) {
                    lines.forEach(line -> reservedByOrders.merge(String.valueOf(line.get("sku")),
                            ((Number) line.get("quantity")).longValue(), Long::sum));
                }
            });
            seeded.forEach((sku, units) -> {
                var item = cloud.dynamo().getItem(r -> r.tableName(table("StockTable"))
                        .key(Map.of("sku", AttributeValue.fromS(sku))).consistentRead(true)).item();
                long available = Long.parseLong(item.get("available").n());
                long reserved = Long.parseLong(item.get("reserved").n());
                long expected = reservedByOrders.getOrDefault(sku, 0L);
                if (available < 0 || reserved != expected || available + reserved != units) {
                    stockViolations++;
                    out.printf("chaos: stock of %s: available %d, reserved %d, confirmed orders hold %d, seeded %d%n",
                            sku, available, reserved, expected, units);
                }
            });
        }
    }

    // ---------------------------------------------------------------- plumbing

    private boolean awaitQuiescence(BooleanSupplier done) {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        long quietSince = -1;
        while (System.nanoTime() < deadline) {
            boolean now;
            try {
                now = done.getAsBoolean();
            } catch (RuntimeException e) {
                now = false;
            }
            if (now) {
                quietSince = quietSince < 0 ? System.nanoTime() : quietSince;
                if (System.nanoTime() - quietSince >= QUIET.toNanos()) {
                    return true;
                }
            } else {
                quietSince = -1;
            }
            sleep(Duration.ofMillis(500));
        }
        return false;
    }

    private int terminalCount(Set<String> orderIds) {
        int terminal = 0;
        for (String orderId : orderIds) {
            Map<String, AttributeValue> order = order(orderId);
            if (order != null && !"PENDING".equals(order.get("status").s())) {
                terminal++;
            }
        }
        return terminal;
    }

    private int notificationCount(List<String> customers) {
        return customers.stream().mapToInt(c -> notificationItems(c).size()).sum();
    }

    private List<Map<String, AttributeValue>> notificationItems(String customer) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        cloud.dynamo().queryPaginator(r -> r.tableName(table("NotificationsTable")).keyConditionExpression("customerId = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customer))).consistentRead(true)).items().forEach(items::add);
        return items;
    }

    private Map<String, AttributeValue> order(String orderId) {
        var response = cloud.dynamo().getItem(r -> r.tableName(table("OrdersTable"))
                .key(Map.of("orderId", AttributeValue.fromS(orderId))).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
    }

    private int mainQueueDepth() {
        return depth("InventoryQueue") + depth("NotificationsQueue");
    }

    private int depth(String logicalId) {
        var attributes = cloud.sqs().getQueueAttributes(r -> r.queueUrl(url(logicalId)).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Every message of a queue, seen without consuming it (received, then made visible again). */
    private List<Message> peek(String queueUrl) {
        List<Message> all = new ArrayList<>();
        List<Message> batch;
        do {
            batch = cloud.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(30)
                    .waitTimeSeconds(0).messageAttributeNames("All")).messages();
            all.addAll(batch);
        } while (!batch.isEmpty());
        for (Message message : all) {
            cloud.sqs().changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
        }
        return all;
    }

    private static String eventIdOf(String body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node.path("eventId").asText("");
        } catch (Exception e) {
            return "";
        }
    }

    private void setStock(String sku, int units) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(api("/inventory/" + sku))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"available\": " + units + "}")).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("PUT /inventory/" + sku + ": " + response.statusCode() + " " + response.body());
            }
            seeded.put(sku, units);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI api(String path) {
        return cloud.apiEndpoint().resolve(path);
    }

    private String url(String logicalId) {
        return cloud.resources().get(logicalId).attributes().get("QueueUrl");
    }

    private String table(String logicalId) {
        return cloud.resources().get(logicalId).ref();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The chaos run as a command: {@code chaos [--orders N] [--customers G] [--faults SPEC] [local cloud options]}. */
    public static void main(String[] args) {
        int orders = 1000;
        int customers = 20;
        List<String> cloudArgs = new ArrayList<>(Arrays.asList(args));
        for (int i = 0; i < cloudArgs.size() - 1; i++) {
            if (cloudArgs.get(i).equals("--orders")) {
                orders = Integer.parseInt(cloudArgs.remove(i + 1));
                cloudArgs.remove(i--);
            } else if (cloudArgs.get(i).equals("--customers")) {
                customers = Integer.parseInt(cloudArgs.remove(i + 1));
                cloudArgs.remove(i--);
            }
        }
        LocalCloudOptions options = LocalCloudOptions.parse(cloudArgs).withStatusLine(false);
        if (!options.faults().any()) {
            options = options.withFaults(FaultPlan.chaos(42));
        }
        if (options.visibilityTimeout().isEmpty()) {
            options = options.withVisibilityTimeout(Optional.of(2));
        }
        Map<String, String> parameters = new HashMap<>(options.parameters());
        parameters.putIfAbsent("SweepAfterMinutes", "1");
        options = options.withParameters(parameters);
        PrintStream console = System.out;
        try (LocalCloud cloud = LocalCloud.start(options)) {
            console.printf("chaos: local cloud ready in %.1f s; faults %s%n", cloud.startMillis() / 1000.0, options.faults());
            Summary summary = new ChaosRun(cloud, Settings.of(orders, customers), console).run();
            console.println("chaos: faults fired " + summary.faults());
            console.printf("chaos: %s in %.1f s%n", summary.clean() ? "PASSED" : "FAILED", summary.elapsed().toMillis() / 1000.0);
            console.println(summary.line());
            System.exit(summary.clean() ? 0 : 1);
        } catch (RuntimeException e) {
            console.println("chaos: could not run: " + e);
            System.exit(2);
        }
    }
}
