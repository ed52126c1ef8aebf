package io.github.orderevents.benchmarks;

import io.github.orderevents.local.LocalCloud;
import io.github.orderevents.local.faults.RequestStats;
import io.github.orderevents.local.lambda.InvocationReport;
import io.github.orderevents.local.template.SamTemplate;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Cost per order on the happy path: the AWS requests the functions send, counted by the local cloud (its request
 * counting interceptor, not the application), the Lambda invocations and GB-seconds (billed duration x memory, from
 * the REPORT figures), priced with {@link PriceTable}; beside the floor of a naive dual write (PutItem + SendMessage
 * in one invocation, no outbox), priced the same way.
 */
final class CostBenchmark {
    private final BenchmarkOptions options;
    private final PrintStream out;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    CostBenchmark(BenchmarkOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    record Invocations(long count, double gbSeconds) {
    }

    /** Per order: requests by "Service:Operation", invocations by function, and what they cost. */
    record Result(int orders, Map<String, Double> requestsPerOrder, Map<String, Invocations> invocationsPerOrder,
                  double eventSourceSqsRequestsPerOrder, double writeUnitsPerOrder, double readUnitsPerOrder,
                  double sqsRequestsPerOrder, double lambdaInvocationsPerOrder, double gbSecondsPerOrder,
                  double createOrderGbSecondsPerInvocation, Map<String, Double> dollarsPerMillionOrders,
                  Map<String, Double> naiveFloorDollarsPerMillionOrders) {
    }

    Result run() {
        try (LocalCloud cloud = Clouds.start(options, "cost", true)) {
            Orders orders = new Orders(cloud);
            Map<String, String> memory = new ConcurrentHashMap<>();
            AtomicBoolean counting = new AtomicBoolean();
            Map<String, LongAdder> invocations = new ConcurrentHashMap<>();
            Map<String, DoubleAdder> gbSeconds = new ConcurrentHashMap<>();
            cloud.processFunctions().forEach((id, function) -> function.addListener((InvocationReport report) -> {
                if (counting.get()) {
                    invocations.computeIfAbsent(id, k -> new LongAdder()).increment();
                    gbSeconds.computeIfAbsent(id, k -> new DoubleAdder()).add(report.billedMs() / 1000.0 * report.memorySizeMb() / 1024.0);
                }
            }));
            orders.stock(options.orders() * 2 + 100);
            // Not counted: the first orders start every function's first instance (their init is billed once, not per order).
            placeAndAwait(orders, cloud, 3, "warm");
            Map<String, RequestStats.Count> before = cloud.requestStats().snapshot();
            counting.set(true);
            out.printf("cost: %d orders, their AWS requests counted%n", options.orders());
            placeAndAwait(orders, cloud, options.orders(), "c");
            counting.set(false);
            Map<String, RequestStats.Count> after = cloud.requestStats().snapshot();
            return result(cloud, before, after, invocations, gbSeconds);
        }
    }

    /** Places {@code n} orders (four at a time) and waits until each is decided and both its notifications are recorded, and the cloud is quiet. */
    private void placeAndAwait(Orders orders, LocalCloud cloud, int n, String label) {
        List<String[]> placed = new ArrayList<>();
        for (int i = 0; i < n; i += 4) {
            List<java.util.concurrent.CompletableFuture<Optional<String>>> batch = new ArrayList<>();
            List<String> customers = new ArrayList<>();
            for (int j = i; j < Math.min(n, i + 4); j++) {
                String customer = "cost-" + run + "-" + label + "-" + j;
                customers.add(customer);
                batch.add(orders.place(customer, customer));
            }
            for (int k = 0; k < batch.size(); k++) {
                String orderId = batch.get(k).join().orElseThrow(() -> new IllegalStateException("an order was not accepted"));
                placed.add(new String[]{orderId, customers.get(k)});
            }
        }
        long deadline = System.nanoTime() + 120_000_000_000L;
        List<String[]> open = new ArrayList<>(placed);
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            open.removeIf(o -> orders.terminal(o[0]) && orders.notifications(o[1]) >= 2);
            if (!open.isEmpty()) {
                ColdStartBenchmark.pause(200);
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalStateException(open.size() + " of " + n + " orders did not finish within two minutes");
        }
        // Quiet: the relay marks rows PUBLISHED after the consumers may already have run; wait for the last request.
        long total = -1;
        for (int stable = 0; stable < 5 && System.nanoTime() < deadline; ) {
            long now = cloud.requestStats().snapshot().values().stream().mapToLong(RequestStats.Count::requests).sum();
            stable = now == total ? stable + 1 : 0;
            total = now;
            ColdStartBenchmark.pause(400);
        }
    }

    private Result result(LocalCloud cloud, Map<String, RequestStats.Count> before, Map<String, RequestStats.Count> after,
                          Map<String, LongAdder> invocations, Map<String, DoubleAdder> gbSeconds) {
        int n = options.orders();
        Map<String, Double> perOrder = new TreeMap<>();
        double writeUnits = 0;
        double readUnits = 0;
        double sqsRequests = 0;
        for (var entry : after.entrySet()) {
            RequestStats.Count was = before.getOrDefault(entry.getKey(), new RequestStats.Count(0, 0, 0));
            long requests = entry.getValue().requests() - was.requests();
            long items = entry.getValue().items() - was.items();
            long consistent = entry.getValue().consistentReads() - was.consistentReads();
            if (requests == 0) {
                continue;
            }
            perOrder.put(entry.getKey(), requests / (double) n);
            String operation = entry.getKey().substring(entry.getKey().indexOf(':') + 1);
            if (entry.getKey().startsWith("DynamoDb:")) {
                // Items up to 1 KB written, 4 KB read: one unit each; a transaction's item costs two (DynamoDB pricing).
                switch (operation) {
                    case "PutItem", "UpdateItem", "DeleteItem" -> writeUnits += requests;
                    case "BatchWriteItem" -> writeUnits += items;
                    case "TransactWriteItems" -> writeUnits += 2.0 * items;
                    case "TransactGetItems" -> readUnits += 2.0 * items;
                    case "BatchGetItem" -> readUnits += items;
                    case "GetItem", "Query", "Scan" -> readUnits += consistent + 0.5 * (requests - consistent);
                    default -> {
                    }
                }
            } else if (entry.getKey().startsWith("Sqs:")) {
                sqsRequests += requests; // messages far below 64 KB: one request each call
            }
        }
        Set<String> sqsTriggered = sqsTriggeredFunctions(cloud);
        Map<String, Invocations> perFunction = new TreeMap<>();
        double eventSourceSqs = 0;
        long totalInvocations = 0;
        double totalGbSeconds = 0;
        for (var entry : invocations.entrySet()) {
            long count = entry.getValue().sum();
            double gb = gbSeconds.get(entry.getKey()).sum();
            perFunction.put(entry.getKey(), new Invocations(count, gb / n));
            totalInvocations += count;
            totalGbSeconds += gb;
            if (sqsTriggered.contains(entry.getKey())) {
                // Lambda's SQS poller: a ReceiveMessage and a DeleteMessageBatch per batch, billed to the account.
                eventSourceSqs += 2.0 * count;
            }
        }
        Invocations create = perFunction.get("CreateOrderFunction");
        double createGbPerInvocation = create == null || create.count() == 0 ? 0 : create.gbSeconds() * n / create.count();
        PriceTable p = PriceTable.US_EAST_1;
        double wPer = writeUnits / n, rPer = readUnits / n, sqsPer = (sqsRequests + eventSourceSqs) / n;
        double invPer = totalInvocations / (double) n, gbPer = totalGbSeconds / n;
        Map<String, Double> dollars = dollars(p, wPer, rPer, sqsPer, invPer, gbPer);
        // The floor: one PutItem (1 WRU), one SendMessage (1 request), one invocation as long as CreateOrder's.
        Map<String, Double> floor = dollars(p, 1, 0, 1, 1, createGbPerInvocation);
        return new Result(n, perOrder, perFunction, eventSourceSqs / n, wPer, rPer, sqsPer, invPer, gbPer, createGbPerInvocation,
                dollars, floor);
    }

    private static Map<String, Double> dollars(PriceTable p, double writeUnits, double readUnits, double sqsRequests,
                                               double invocations, double gbSeconds) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("dynamodb", writeUnits * p.dynamoWritePerMillion() + readUnits * p.dynamoReadPerMillion());
        m.put("sqs", sqsRequests * p.sqsFifoPerMillion());
        m.put("lambdaRequests", invocations * p.lambdaRequestsPerMillion());
        m.put("lambdaComputeArm64", gbSeconds * 1_000_000 * p.lambdaGbSecondArm64());
        m.put("lambdaComputeX86", gbSeconds * 1_000_000 * p.lambdaGbSecondX86());
        m.put("apiGateway", p.apiRestPerMillion());
        m.put("totalArm64", m.get("dynamodb") + m.get("sqs") + m.get("lambdaRequests") + m.get("lambdaComputeArm64") + m.get("apiGateway"));
        m.put("totalX86", m.get("dynamodb") + m.get("sqs") + m.get("lambdaRequests") + m.get("lambdaComputeX86") + m.get("apiGateway"));
        return m;
    }

    /** The functions the template triggers from SQS: Lambda's poller calls SQS for them. */
    private static Set<String> sqsTriggeredFunctions(LocalCloud cloud) {
        try {
            SamTemplate template = SamTemplate.read(Clouds.template(cloud));
            Set<String> ids = new java.util.HashSet<>();
            template.resources("AWS::Serverless::Function").forEach((id, function) ->
                    SamTemplate.map(function.properties().get("Events")).values().forEach(event -> {
                        if ("SQS".equals(String.valueOf(SamTemplate.map(event).get("Type")))) {
                            ids.add(id);
                        }
                    }));
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void print(Result r, PrintStream out) {
        TextTable requests = new TextTable("AWS requests per order, happy path (" + r.orders() + " orders, counted by the local cloud)",
                "service:operation", "per order");
        r.requestsPerOrder().forEach((k, v) -> requests.row(k, String.format("%.2f", v)));
        requests.row("Sqs (Lambda's SQS pollers, estimated)", String.format("%.2f", r.eventSourceSqsRequestsPerOrder()));
        requests.print(out);
        TextTable lambda = new TextTable("Lambda per order", "function", "invocations", "GB-s");
        r.invocationsPerOrder().forEach((k, v) -> lambda.row(k, String.format("%.2f", v.count() / (double) r.orders()),
                String.format("%.4f", v.gbSeconds())));
        lambda.row("total", String.format("%.2f", r.lambdaInvocationsPerOrder()), String.format("%.4f", r.gbSecondsPerOrder()));
        lambda.print(out);
        TextTable dollars = new TextTable("US$ per million orders (us-east-1 list prices of " + PriceTable.US_EAST_1.date()
                + ", docs/benchmarks.md)", "item", "this design", "naive dual write (floor)");
        r.dollarsPerMillionOrders().forEach((k, v) -> dollars.row(k, String.format("%.2f", v),
                String.format("%.2f", r.naiveFloorDollarsPerMillionOrders().get(k))));
        dollars.row("DynamoDB WRU / RRU per order", String.format("%.2f / %.2f", r.writeUnitsPerOrder(), r.readUnitsPerOrder()), "1.00 / 0.00");
        dollars.print(out);
    }
}
