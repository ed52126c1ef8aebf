package io.github.orderevents.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.outbox.FailedAttempt;
import io.github.orderevents.domain.outbox.FailedOutboxRow;
import io.github.orderevents.domain.outbox.Outbox;
import io.github.orderevents.domain.testing.InMemoryPendingOutbox;
import io.github.orderevents.domain.testing.InMemoryPendingOutbox.Status;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The tool's peekOutbox and requeueOutbox on in-memory outbox rows (which pass the outbox port contracts). */
class OutboxRepairTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private final InMemoryPendingOutbox rows = new InMemoryPendingOutbox(Clock.fixed(NOW, ZoneOffset.UTC));
    private final List<String> requeueCalls = new ArrayList<>();
    private RuntimeException requeueFailure;
    private String failRequeueOf;
    private Runnable beforeRequeue = () -> { };
    /** The rows' outbox, recording each requeue and failing the one it is told to. */
    private final Outbox outbox = new Outbox() {
        @Override
        public int markPublished(List<OrderEvent> events) {
            return rows.markPublished(events);
        }

        @Override
        public List<FailedOutboxRow> recordFailedAttempts(List<FailedAttempt> attempts, int maxAttempts) {
            return rows.recordFailedAttempts(attempts, maxAttempts);
        }

        @Override
        public boolean requeue(FailedOutboxRow row) {
            requeueCalls.add(row.eventId());
            beforeRequeue.run();
            if (row.eventId().equals(failRequeueOf)) {
                throw requeueFailure;
            }
            return rows.requeue(row);
        }
    };
    private final DlqRedriveHandler handler = new DlqRedriveHandler(new RedriveService(
            new RedriveQueues(Map.of("inventory", new RedriveQueues.Route("https://sqs.local/dlq.fifo", "https://sqs.local/src.fifo"))),
            new InMemoryFifoQueues(), new OutboxRepair(rows, outbox), Clock.fixed(NOW, ZoneOffset.UTC)));

    private static OrderEvent event(EventType type, String orderId, long sequence, long secondsAfterT0) {
        return Orders.at(Orders.event(type, orderId, "cust-" + orderId, sequence), sequence,
                Orders.T0.plusSeconds(secondsAfterT0));
    }

    private static final OrderEvent A1 = event(EventType.OrderPlaced, "ord-A", 1, 0);
    private static final OrderEvent A2 = event(EventType.OrderConfirmed, "ord-A", 2, 10);
    private static final OrderEvent B1 = event(EventType.OrderPlaced, "ord-B", 1, 5);

    private void failed(OrderEvent... events) {
        for (OrderEvent event : events) {
            rows.addFailed(event, 20, "AWS.SimpleQueueService.NonExistentQueue: " + event.eventId());
        }
    }

    private JsonNode invoke(String request) throws IOException {
        return DlqRedriveHandlerTest.invoke(handler, request);
    }

    private static List<String> field(JsonNode answer, String name) {
        return StreamSupport.stream(answer.get("rows").spliterator(), false).map(row -> row.path(name).asText()).toList();
    }

    @Test
    void peekOutboxListsEveryFailedRowWithWhatAnOperatorNeedsAndChangesNothing() throws IOException {
        failed(A1, B1);
        rows.add(A2);

        JsonNode answer = invoke("{\"action\": \"peekOutbox\"}");

        assertThat(answer.get("action").asText()).isEqualTo("peekOutbox");
        assertThat(answer.get("examined").asInt()).isEqualTo(2);
        JsonNode first = answer.get("rows").get(0);
        assertThat(first.get("eventId").asText()).isEqualTo(A1.eventId());
        assertThat(first.get("eventType").asText()).isEqualTo("OrderPlaced");
        assertThat(first.get("aggregateId").asText()).isEqualTo("ord-A");
        assertThat(first.get("sequence").asLong()).isEqualTo(1);
        assertThat(first.get("attempts").asInt()).isEqualTo(20);
        assertThat(first.get("lastError").asText()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue: " + A1.eventId());
        assertThat(first.get("failedAt").asText()).isEqualTo(NOW.toString());
        assertThat(first.get("result").asText()).isEqualTo("listed");
        assertThat(field(answer, "eventId")).containsExactly(A1.eventId(), B1.eventId());
        assertThat(rows.status(A1.eventId())).contains(Status.FAILED);
        assertThat(requeueCalls).isEmpty();
    }

    @Test
    void requeueOutboxPutsEveryFailedRowBackPendingWithNoAttemptsInSequenceOrderPerOrder() throws IOException {
        failed(A2, B1, A1);

        JsonNode answer = invoke("{\"action\": \"requeueOutbox\"}");

        assertThat(answer.get("requeued").asInt()).isEqualTo(3);
        assertThat(answer.get("dryRun").asBoolean()).isFalse();
        assertThat(requeueCalls).containsExactly(A1.eventId(), A2.eventId(), B1.eventId());
        for (OrderEvent event : List.of(A1, A2, B1)) {
            assertThat(rows.isPending(event.eventId())).as(event.eventId()).isTrue();
            assertThat(rows.attempts(event.eventId())).isZero();
        }
        assertThat(rows.pendingSince(NOW, 10)).hasSize(3);
    }

    @Test
    void requeuesOnlyTheSelectedRowsAndNamesTheIdsThatAreNotFailedRows() throws IOException {
        failed(A1, B1);

        JsonNode answer = invoke("{\"action\": \"requeueOutbox\", \"eventIds\": [\"" + B1.eventId() + "\", \"evt-unknown\"]}");

        assertThat(answer.get("requeued").asInt()).isEqualTo(1);
        assertThat(answer.get("notFound").toString()).isEqualTo("[\"evt-unknown\"]");
        assertThat(field(answer, "result")).containsExactly("notSelected", "requeued");
        assertThat(rows.status(A1.eventId())).contains(Status.FAILED);
        assertThat(rows.isPending(B1.eventId())).isTrue();
    }

    @Test
    void aLaterRowWaitsWhileAnEarlierRowOfItsOrderStaysFailed() throws IOException {
        failed(A1, A2);

        JsonNode answer = invoke("{\"action\": \"requeueOutbox\", \"eventIds\": [\"" + A2.eventId() + "\"]}");

        assertThat(answer.get("requeued").asInt()).isZero();
        assertThat(answer.get("skipped").asInt()).isEqualTo(1);
        assertThat(answer.get("rows").get(1).get("reason").asText()).contains("an earlier row of order ord-A stays FAILED");
        assertThat(rows.status(A2.eventId())).contains(Status.FAILED);
        assertThat(requeueCalls).isEmpty();
    }

    @Test
    void aRowThatCannotBeRequeuedKeepsTheLaterRowsOfItsOrderBackButNotOtherOrders() throws IOException {
        failed(A1, A2, B1);
        failRequeueOf = A1.eventId();
        requeueFailure = new IllegalStateException("ProvisionedThroughputExceeded");

        JsonNode answer = invoke("{\"action\": \"requeueOutbox\"}");

        assertThat(answer.get("failed").asInt()).isEqualTo(1);
        assertThat(answer.get("skipped").asInt()).isEqualTo(1);
        assertThat(answer.get("requeued").asInt()).isEqualTo(1);
        assertThat(field(answer, "result")).containsExactly("failed", "skipped", "requeued");
        assertThat(answer.get("rows").get(0).get("reason").asText()).contains("ProvisionedThroughputExceeded");
        assertThat(rows.status(A2.eventId())).contains(Status.FAILED);
        assertThat(rows.isPending(B1.eventId())).isTrue();
    }

    @Test
    void aDryRunSaysWhatWouldBeRequeuedAndRequeuesNothing() throws IOException {
        failed(A1, B1);

        JsonNode answer = invoke("{\"action\": \"requeueOutbox\", \"dryRun\": true}");

        assertThat(answer.get("wouldRequeue").asInt()).isEqualTo(2);
        assertThat(answer.has("requeued")).isFalse();
        assertThat(field(answer, "result")).containsOnly("wouldRequeue");
        assertThat(requeueCalls).isEmpty();
        assertThat(rows.failed(10)).hasSize(2);
    }

    @Test
    void aRowPublishedMeanwhileIsReportedNotFailedAndLeftPublished() throws IOException {
        failed(A1, B1);
        beforeRequeue = () -> rows.markPublished(List.of(A1));

        JsonNode answer = invoke("{\"action\": \"requeueOutbox\"}");

        assertThat(field(answer, "result")).containsExactly("notFailed", "requeued");
        assertThat(answer.get("rows").get(0).get("reason").asText()).contains("no longer FAILED");
        assertThat(rows.status(A1.eventId())).contains(Status.PUBLISHED);
        assertThat(rows.isPending(B1.eventId())).isTrue();
    }

    @Test
    void examinesAtMostMaxRowsOldestFirst() throws IOException {
        failed(A1, B1, A2);

        JsonNode answer = invoke("{\"action\": \"peekOutbox\", \"max\": 2}");

        assertThat(answer.get("examined").asInt()).isEqualTo(2);
        assertThat(field(answer, "eventId")).containsExactly(A1.eventId(), B1.eventId());
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                arguments("{\"action\": \"peekOutbox\", \"queue\": \"inventory\"}", "queue",
                        "queue does not apply to peekOutbox: FAILED outbox rows are in the outbox table"),
                arguments("{\"action\": \"requeueOutbox\", \"eventId\": [\"e\"]}", "eventId",
                        "unknown field \"eventId\" for requeueOutbox; allowed: action, eventIds, dryRun, max"),
                arguments("{\"action\": \"peekOutbox\", \"eventIds\": [\"e\"]}", "eventIds", "eventIds only applies to requeueOutbox"),
                arguments("{\"action\": \"requeueOutbox\", \"eventIds\": []}", "eventIds", "eventIds must be a non-empty array"),
                arguments("{\"action\": \"requeueOutbox\", \"eventIds\": [\"\"]}", "eventIds[0]", "eventIds[0] must be a non-blank string"),
                arguments("{\"action\": \"requeueOutbox\", \"eventIds\": \"e\"}", "eventIds", "eventIds must be a non-empty array"),
                arguments("{\"action\": \"peekOutbox\", \"dryRun\": true}", "dryRun", "dryRun only applies to requeueOutbox"),
                arguments("{\"action\": \"requeueOutbox\", \"dryRun\": \"yes\"}", "dryRun", "dryRun must be true or false"),
                arguments("{\"action\": \"peekOutbox\", \"max\": 0}", "max", "max must be a whole number from 1 to 1000"),
                arguments("{\"action\": \"requeueOutboxes\"}", "action", "\"peekOutbox\" or \"requeueOutbox\" (FAILED outbox rows)"));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void refusesABadRequestNamingTheFieldAndTouchesNoRow(String request, String field, String error) throws IOException {
        failed(A1);

        JsonNode answer = invoke(request);

        assertThat(answer.get("error").asText()).contains(error);
        assertThat(answer.path("field").asText()).isEqualTo(field);
        assertThat(answer.has("rows")).isFalse();
        assertThat(rows.status(A1.eventId())).contains(Status.FAILED);
        assertThat(requeueCalls).isEmpty();
    }
}
