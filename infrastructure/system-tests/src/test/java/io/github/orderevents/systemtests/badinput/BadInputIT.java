package io.github.orderevents.systemtests.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.Json;
import io.github.orderevents.local.LocalCloud;
import io.github.orderevents.systemtests.ProjectCloud;
import io.github.orderevents.local.LocalCloudOptions;
import io.github.orderevents.systemtests.badinput.PoisonCases.Kind;
import io.github.orderevents.systemtests.badinput.PoisonCases.Target;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bad-input suite, on one local cloud running the whole template: malformed API requests are refused
 * with a 4xx JSON error and write nothing; poison queue bodies are parked in their DLQ at once, with the
 * reason, and have no effect. docs/api.md, "Bad input"; docs/how-it-works.md, "How the consumers earn exactly-once effect".
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String CUSTOMER = "cust-bad-input";
    private static final String SKU = "SKU-BAD-INPUT";

    private static LocalCloud cloud;
    private static HttpClient http;
    private static URI api;
    private static String seededOrderId;
    private static TableSnapshot beforeApiCases;
    private static TableSnapshot beforePoison;

    @BeforeAll
    static void startLocalCloudWithOneConfirmedOrder() {
        LocalCloudOptions options = ProjectCloud.options("bad-input-it")
                // Failed messages come back after 2 s instead of 180 s: one that is retried instead of parked
                // reaches its DLQ (without a park reason) within the suite's patience.
                .withVisibilityTimeout(Optional.of(2))
                // The sweeper's minute schedule is not under test; without it nothing runs between snapshots.
                .withSchedules(false);
        cloud = LocalCloud.start(options);
        api = cloud.apiEndpoint();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        // Tables with something in them: a stock row, a confirmed order, its outbox rows, notifications,
        // a checkpoint and idempotency records, so that a refused request that wrote would show.
        assertThat(send(ApiCase.put("seed stock", "/inventory/" + SKU, "{\"available\": 50}")).statusCode()).isEqualTo(200);
        HttpResponse<String> placed = send(ApiCase.post("seed order", ApiCases.validOrder(CUSTOMER, SKU))
                .header("Idempotency-Key", "bad-input-seed").header("X-Correlation-Id", "bad-input-seed"));
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        seededOrderId = json(placed.body()).get("orderId").asText();
        await("seeded order confirmed").atMost(PATIENCE).until(() ->
                "CONFIRMED".equals(json(send(ApiCase.get("seed", "/orders/" + seededOrderId)).body()).path("status").asText()));
        await("seeded order's two notifications").atMost(PATIENCE).until(() ->
                json(send(ApiCase.get("seed", "/customers/" + CUSTOMER + "/notifications")).body()).path("notifications").size() == 2);
        beforeApiCases = awaitStackAtRest();
        assertThat(beforeApiCases.tables()).containsKeys(TableSnapshot.EXPECTED_TABLES.toArray(String[]::new));
        TableSnapshot.EXPECTED_TABLES.forEach(table -> assertThat(beforeApiCases.items(table)).as(table).isNotEmpty());
    }

    @AfterAll
    static void stopLocalCloud() {
        if (cloud != null) {
            cloud.close();
        }
    }

    // ---------------------------------------------------------------- the API

    @Order(1)
    @TestFactory
    @DisplayName("every malformed request is refused with a 4xx and a JSON error naming the problem")
    Stream<DynamicTest> malformedRequestsAreRefusedWithAJsonError() {
        List<ApiCase> cases = new ApiCases(CUSTOMER, SKU, seededOrderId).all();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(50);
        assertThat(cases.stream().map(ApiCase::displayName).distinct()).hasSameSizeAs(cases);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.displayName(), () -> assertRefused(c, send(c))));
    }

    @Order(2)
    @Test
    @DisplayName("the refused requests wrote nothing to any table")
    void refusedRequestsWroteNothing() {
        TableSnapshot after = awaitStackAtRest();

        assertThat(after.changesSince(beforeApiCases)).as("changes to the tables").isEmpty();
    }

    private static void assertRefused(ApiCase c, HttpResponse<String> response) {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(response.statusCode()).as("%s: status; body %s", c, response.body()).isEqualTo(c.status());
        soft.assertThat(response.headers().firstValue("Content-Type")).as("%s: Content-Type", c)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode body = null;
        try {
            body = Json.MAPPER.readTree(response.body());
        } catch (Exception e) {
            soft.fail(c + ": body is not JSON: " + response.body());
        }
        if (body != null) {
            String key = c.gateway() ? "message" : "error";
            soft.assertThat(body.path(key).isTextual() && !body.path(key).asText().isBlank())
                    .as("%s: a non-empty \"%s\" string in %s", c, key, response.body()).isTrue();
            if (c.field() != null) {
                soft.assertThat(body.path("field").asText(null)).as("%s: field in %s", c, response.body()).isEqualTo(c.field());
            }
        }
        soft.assertAll();
    }

    // ---------------------------------------------------------------- the queues

    /** One poison message as sent: its own message group, so the group is how it is found in the DLQ. */
    private record Sent(Kind kind, Target target, String groupId, String messageId) {
        String displayName() {
            return target.name().toLowerCase(java.util.Locale.ROOT) + " parks \"" + kind.name()
                    + "\" at once, with a reason naming " + kind.reasonNames();
        }
    }

    /** A message drained from a DLQ. */
    private record Parked(Target dlqOf, Message message) {
        Optional<String> attribute(String name) {
            return Optional.ofNullable(message.messageAttributes().get(name)).map(MessageAttributeValue::stringValue);
        }
    }

    @Order(3)
    @TestFactory
    @DisplayName("every poison message is parked in its DLQ at once with the reason")
    Stream<DynamicTest> poisonMessagesAreParkedAtOnceWithTheReason() {
        List<Kind> kinds = PoisonCases.all();
        assertThat(kinds).hasSizeGreaterThanOrEqualTo(20);
        beforePoison = awaitStackAtRest();

        List<Sent> sent = new ArrayList<>();
        for (Kind kind : kinds) {
            for (Target target : kind.sentTo()) {
                String group = "poison-" + UUID.randomUUID();
                String messageId = cloud.sqs().sendMessage(r -> r.queueUrl(queueUrl(target.queue)).messageBody(kind.body())
                        .messageGroupId(group).messageDeduplicationId(UUID.randomUUID().toString())).messageId();
                sent.add(new Sent(kind, target, group, messageId));
            }
        }
        Map<String, Parked> parkedByGroup = drainDeadLetterQueuesUntilAllArrive(sent);

        return sent.stream().map(s -> DynamicTest.dynamicTest(s.displayName(), () -> assertParked(s, parkedByGroup.get(s.groupId()))));
    }

    @Order(4)
    @Test
    @DisplayName("the poison messages had no effect on any table")
    void poisonMessagesHadNoEffect() {
        assertThat(beforePoison).as("the poison messages were sent").isNotNull();
        TableSnapshot after = awaitStackAtRest();

        assertThat(after.changesSince(beforePoison)).as("changes to the tables").isEmpty();
    }

    /**
     * Receives and deletes every DLQ message until each sent one has arrived (parked at once, or, if a
     * consumer failed it instead, dead-lettered after maxReceiveCount tries), or the patience runs out:
     * what never arrived fails its own dynamic test.
     */
    private static Map<String, Parked> drainDeadLetterQueuesUntilAllArrive(List<Sent> sent) {
        Map<String, Parked> byGroup = new ConcurrentHashMap<>();
        try {
            await("all poison messages in their DLQs").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        for (Target target : Target.values()) {
                            drain(target).forEach(parked -> byGroup.put(groupOf(parked.message()), parked));
                        }
                        return sent.stream().allMatch(s -> byGroup.containsKey(s.groupId()));
                    });
        } catch (ConditionTimeoutException e) {
            // Reported per message below.
        }
        return byGroup;
    }

    private static List<Parked> drain(Target target) {
        String dlq = queueUrl(target.deadLetterQueue);
        List<Parked> drained = new ArrayList<>();
        List<Message> batch;
        do {
            batch = cloud.sqs().receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .visibilityTimeout(30).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            for (Message message : batch) {
                drained.add(new Parked(target, message));
                cloud.sqs().deleteMessage(r -> r.queueUrl(dlq).receiptHandle(message.receiptHandle()));
            }
        } while (!batch.isEmpty());
        return drained;
    }

    private static String groupOf(Message message) {
        return message.attributes().getOrDefault(MessageSystemAttributeName.MESSAGE_GROUP_ID, message.messageId());
    }

    private static void assertParked(Sent sent, Parked parked) {
        String what = sent.displayName();
        assertThat(parked).as("%s: the message never reached a DLQ", what).isNotNull();
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(parked.dlqOf()).as("%s: the DLQ it is in", what).isEqualTo(sent.target());
        soft.assertThat(parked.attribute("parkReason"))
                .as("%s: parkReason (without it the message was retried and dead-lettered, not parked); attributes %s",
                        what, parked.message().messageAttributes())
                .hasValueSatisfying(reason -> assertThat(reason).containsIgnoringCase(sent.kind().reasonNames()));
        soft.assertThat(parked.attribute("parkedFrom")).as("%s: parkedFrom", what)
                .contains(cloud.resources().get(sent.target().queue).attributes().get("Arn"));
        soft.assertThat(parked.attribute("parkedAt")).as("%s: parkedAt", what)
                .hasValueSatisfying(at -> assertThat(Instant.parse(at)).isBefore(Instant.now().plusSeconds(1)));
        soft.assertThat(parked.attribute("originalMessageId")).as("%s: originalMessageId", what).contains(sent.messageId());
        soft.assertThat(parked.message().body()).as("%s: the body, as sent", what).isEqualTo(sent.kind().body());
        soft.assertAll();
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Waits until nothing moves: every source queue empty, no outbox row still PENDING, and the tables the
     * same as a second earlier. Returns that snapshot.
     */
    private static TableSnapshot awaitStackAtRest() {
        AtomicReference<TableSnapshot> last = new AtomicReference<>();
        await("the stack at rest").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            boolean queuesEmpty = cloud.queueDepths().stream().filter(q -> !q.deadLetterQueue())
                    .allMatch(q -> q.visible() + q.inFlight() == 0);
            TableSnapshot now = TableSnapshot.take(cloud);
            boolean unchanged = now.equals(last.getAndSet(now));
            boolean published = now.items("OutboxTable").stream()
                    .noneMatch(row -> row.get("status") != null && "PENDING".equals(row.get("status").s()));
            return queuesEmpty && unchanged && published;
        });
        return last.get();
    }

    private static String queueUrl(String logicalId) {
        return cloud.resources().get(logicalId).attributes().get("QueueUrl");
    }

    private static HttpResponse<String> send(ApiCase c) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + c.path())).timeout(Duration.ofSeconds(30))
                .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        c.headers().forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(c.displayName() + ": request failed", e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
