package io.github.orderevents.systemtests.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.Json;
import io.github.orderevents.aws.dynamo.OrderItems;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.HistoryEntry;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderStatus;
import io.github.orderevents.domain.Priority;
import io.github.orderevents.local.LocalCloud;
import io.github.orderevents.systemtests.ProjectCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The express lane under a standard backlog, on the whole template: standard orders are placed as fast as the API
 * takes them, then express orders behind them; the express orders must be confirmed within 2 s (p99, placed ->
 * confirmed from their own history's timestamps) while the backlog drains, and every order of both lanes must be
 * confirmed once, its stock taken once and each of its events notified once.
 */
class ExpressLaneIT {
    private static final int BACKLOG = 1_500;
    private static final int EXPRESS = 30;
    private static final int CUSTOMERS = 300;
    private static final int SKUS = 50;
    private static final int UNITS_PER_SKU = 1_000;
    /** Express orders are placed at this pace, so they sample the drain rather than arrive as one burst. */
    private static final Duration EXPRESS_SPACING = Duration.ofMillis(100);
    private static final Duration EXPRESS_P99_BUDGET = Duration.ofSeconds(2);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    private static LocalCloud cloud;
    private static HttpClient http;
    private static URI api;

    @BeforeAll
    static void startLocalCloud() {
        cloud = LocalCloud.start(ProjectCloud.options("express-lane-it")
                // The sweeper finds nothing to do here; its runs would only add load to what is measured.
                .withSchedules(false));
        api = cloud.apiEndpoint();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopLocalCloud() {
        if (cloud != null) {
            cloud.close();
        }
    }

    /** An order as placed here: what it bought and who it was for. */
    private record Placed(String orderId, String customerId, String sku, Priority priority) {
    }

    @Test
    void expressOrdersBehindAStandardBacklogAreConfirmedWithinTwoSecondsAndEveryOrderOfBothLanesOnce() {
        Instant started = Instant.now();
        IntStream.range(0, SKUS).parallel().forEach(s -> setStock(sku(s), UNITS_PER_SKU));
        // Not measured: the first instances of both lanes' functions start here, not under the first express orders.
        List<Placed> warmUp = placeAll(IntStream.range(0, 20).mapToObj(i ->
                order(i, i % 2 == 0 ? Priority.STANDARD : Priority.EXPRESS)).toList(), 20);
        awaitDecided(warmUp, Duration.ofSeconds(60));

        List<Placed> backlog = placeAll(IntStream.range(0, BACKLOG).mapToObj(i -> order(i, Priority.STANDARD)).toList(), 64);
        Instant backlogPlaced = Instant.now();
        long waitingInInventoryQueue = approximateMessages("InventoryQueue");
        List<Placed> express = placeSpaced(IntStream.range(0, EXPRESS).mapToObj(i -> order(i * 7, Priority.EXPRESS)).toList());

        awaitDecided(express, Duration.ofSeconds(60));
        awaitDecided(backlog, Duration.ofMinutes(4));
        List<Placed> all = new ArrayList<>(warmUp);
        all.addAll(backlog);
        all.addAll(express);
        Map<String, Order> orders = read(all);

        List<Double> expressMs = express.stream().map(p -> placedToConfirmedMs(orders.get(p.orderId()))).toList();
        Instant firstExpressPlaced = express.stream().map(p -> placedAt(orders.get(p.orderId()))).min(Instant::compareTo).orElseThrow();
        long standingAtFirstExpress = backlog.stream().filter(p -> confirmedAt(orders.get(p.orderId())).isAfter(firstExpressPlaced)).count();
        Instant backlogFirstPlaced = backlog.stream().map(p -> placedAt(orders.get(p.orderId()))).min(Instant::compareTo).orElseThrow();
        Instant backlogLastConfirmed = backlog.stream().map(p -> confirmedAt(orders.get(p.orderId()))).max(Instant::compareTo).orElseThrow();
        double p50 = percentile(expressMs, 50);
        double p99 = percentile(expressMs, 99);
        System.out.printf(java.util.Locale.ROOT, "express lane: %d express orders behind %d standard: placed->confirmed p50 %.0f ms, p99 %.0f ms"
                        + " (max %.0f ms); standard orders still open at the first express order: %d (%d messages waiting in the"
                        + " inventory queue when the backlog was placed); backlog placed in %.1f s, drained %.1f s after its first"
                        + " order, %.1f s after the last POST; whole test %.1f s; load average %.2f%n",
                EXPRESS, BACKLOG, p50, p99, expressMs.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                standingAtFirstExpress, waitingInInventoryQueue, seconds(backlogFirstPlaced, backlogPlaced),
                seconds(backlogFirstPlaced, backlogLastConfirmed), seconds(backlogPlaced, backlogLastConfirmed),
                seconds(started, Instant.now()), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        // Every order of both lanes confirmed exactly once, in its lane.
        for (Placed p : all) {
            Order order = orders.get(p.orderId());
            assertThat(order.status()).as(p.orderId()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(order.priority()).as(p.orderId()).isEqualTo(p.priority());
            assertThat(order.history()).as(p.orderId()).extracting(HistoryEntry::eventType)
                    .containsExactly(EventType.OrderPlaced, EventType.OrderConfirmed);
        }
        assertStockAddsUp(all);
        assertEachEventNotifiedOnce(all);
        assertThat(standingAtFirstExpress).as("standard orders still open when the first express order was placed")
                .isGreaterThan(EXPRESS);
        assertThat(p99).as("express placed -> confirmed p99 (ms), behind %d open standard orders", standingAtFirstExpress)
                .isLessThanOrEqualTo((double) EXPRESS_P99_BUDGET.toMillis());
    }

    // ---------------------------------------------------------------- placing

    /** The {@code i}-th order of a lane: one unit of one of the shared SKUs, for one of the shared customers. */
    private static Placed order(int i, Priority priority) {
        return new Placed(null, "lane-" + RUN + "-c" + (i % CUSTOMERS), sku(i), priority);
    }

    private static String sku(int i) {
        return "SKU-LANE-" + (i % SKUS);
    }

    /** POSTs every order, {@code concurrency} at a time; returns them with their order ids. */
    private static List<Placed> placeAll(List<Placed> orders, int concurrency) {
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<Placed>> posts = new ArrayList<>();
        for (Placed order : orders) {
            inFlight.acquireUninterruptibly();
            posts.add(post(order).whenComplete((r, e) -> inFlight.release()));
        }
        return posts.stream().map(CompletableFuture::join).toList();
    }

    /** POSTs the orders one every {@link #EXPRESS_SPACING}, each whatever the earlier ones are doing. */
    private static List<Placed> placeSpaced(List<Placed> orders) {
        List<CompletableFuture<Placed>> posts = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < orders.size(); i++) {
            java.util.concurrent.locks.LockSupport.parkNanos(start + i * EXPRESS_SPACING.toNanos() - System.nanoTime());
            posts.add(post(orders.get(i)));
        }
        return posts.stream().map(CompletableFuture::join).toList();
    }

    private static CompletableFuture<Placed> post(Placed order) {
        String body = "{\"customerId\": \"" + order.customerId() + "\", \"currency\": \"EUR\", \"priority\": \""
                + order.priority().wireName() + "\", \"items\": [{\"sku\": \"" + order.sku() + "\", \"quantity\": 1, \"unitPrice\": \"9.99\"}]}";
        HttpRequest request = HttpRequest.newBuilder(api.resolve("/orders")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            JsonNode json = json(response.body());
            assertThat(json.path("priority").asText()).isEqualTo(order.priority().wireName());
            return new Placed(json.path("orderId").asText(), order.customerId(), order.sku(), order.priority());
        });
    }

    private static void setStock(String sku, int units) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(api.resolve("/inventory/" + sku))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"available\": " + units + "}")).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- reading back

    private static void awaitDecided(List<Placed> orders, Duration patience) {
        await().atMost(patience).pollInterval(Duration.ofMillis(250)).until(() ->
                read(orders).values().stream().allMatch(o -> o.status().isTerminal()));
    }

    /** The orders as stored, read directly (BatchGetItem, consistent): no function is invoked by reading. */
    private static Map<String, Order> read(Collection<Placed> placed) {
        String table = cloud.resources().get("OrdersTable").ref();
        List<String> ids = placed.stream().map(Placed::orderId).toList();
        Map<String, Order> orders = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + 100)).stream()
                    .map(id -> Map.of(OrderItems.KEY, AttributeValue.fromS(id))).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> unread = request;
                var response = cloud.dynamo().batchGetItem(b -> b.requestItems(unread));
                response.responses().getOrDefault(table, List.of()).forEach(item -> {
                    Order order = OrderItems.fromItem(item);
                    orders.put(order.orderId(), order);
                });
                request = response.unprocessedKeys();
            }
        }
        return orders;
    }

    private void assertStockAddsUp(List<Placed> all) {
        Map<String, Long> bought = new HashMap<>();
        all.forEach(p -> bought.merge(p.sku(), 1L, Long::sum));
        String table = cloud.resources().get("StockTable").ref();
        bought.forEach((sku, units) -> {
            var item = cloud.dynamo().getItem(r -> r.tableName(table).consistentRead(true)
                    .key(Map.of("sku", AttributeValue.fromS(sku)))).item();
            assertThat(Long.parseLong(item.get("reserved").n())).as("reserved units of %s", sku).isEqualTo(units);
            assertThat(Long.parseLong(item.get("available").n())).as("available units of %s", sku).isEqualTo(UNITS_PER_SKU - units);
        });
    }

    /** Each order's OrderPlaced and OrderConfirmed notified to its customer exactly once, whichever lane brought them. */
    private void assertEachEventNotifiedOnce(List<Placed> all) {
        Map<String, Long> expected = new HashMap<>();
        all.forEach(p -> {
            expected.put(p.customerId() + "/" + p.orderId() + "/OrderPlaced", 1L);
            expected.put(p.customerId() + "/" + p.orderId() + "/OrderConfirmed", 1L);
        });
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> notificationsOfThisRun().size() >= expected.size());
        Map<String, Long> notified = new HashMap<>();
        notificationsOfThisRun().forEach(n -> notified.merge(
                n.get("customerId").s() + "/" + n.get("orderId").s() + "/" + n.get("eventType").s(), 1L, Long::sum));

        assertThat(notified).as("notifications per customer, order and event type").isEqualTo(expected);
    }

    /** Every notification of this run's customers: one scan (a few pages) instead of a query per customer. */
    private static List<Map<String, AttributeValue>> notificationsOfThisRun() {
        String table = cloud.resources().get("NotificationsTable").ref();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        cloud.dynamo().scanPaginator(r -> r.tableName(table).consistentRead(true)
                .filterExpression("begins_with(customerId, :run)")
                .expressionAttributeValues(Map.of(":run", AttributeValue.fromS("lane-" + RUN + "-")))).items().forEach(items::add);
        return items;
    }

    private static long approximateMessages(String queueLogicalId) {
        String url = cloud.resources().get(queueLogicalId).ref();
        Map<QueueAttributeName, String> attributes = cloud.sqs().getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    // ---------------------------------------------------------------- figures

    private static Instant placedAt(Order order) {
        return entry(order, EventType.OrderPlaced).occurredAt();
    }

    private static Instant confirmedAt(Order order) {
        return entry(order, EventType.OrderConfirmed).occurredAt();
    }

    private static HistoryEntry entry(Order order, EventType type) {
        return order.history().stream().filter(h -> h.eventType() == type).findFirst()
                .orElseThrow(() -> new AssertionError(order.orderId() + " has no " + type + ": " + order.history()));
    }

    private static double placedToConfirmedMs(Order order) {
        return Duration.between(placedAt(order), confirmedAt(order)).toNanos() / 1e6;
    }

    /** Nearest rank. */
    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static JsonNode json(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(request.method() + " " + request.uri() + ": " + e, e);
        }
    }
}
