package io.github.orderevents.relay;

import io.github.orderevents.aws.FailedRowsReport;
import io.github.orderevents.domain.testing.Orders;
import io.github.orderevents.aws.metrics.PublishMetrics;
import io.github.orderevents.aws.testing.CapturedMetrics;
import io.github.orderevents.aws.testing.FakeContext;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderItem;
import io.github.orderevents.domain.OrderPlaced;
import io.github.orderevents.domain.outbox.GroupKey;
import io.github.orderevents.domain.outbox.OutboundMessage;
import io.github.orderevents.domain.outbox.OutboxRelay;
import io.github.orderevents.domain.outbox.Route;
import io.github.orderevents.domain.outbox.RoutingTable;
import io.github.orderevents.domain.testing.MutableClock;
import io.github.orderevents.domain.testing.RecordingOutbox;
import io.github.orderevents.domain.testing.RecordingPublisher;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxRelayHandlerTest {
    private static final String INVENTORY = "inventory";
    private static final String NOTIFICATIONS = "notifications";

    // What events/outbox-stream.json holds: INSERT A placed, INSERT B placed, MODIFY, INSERT A confirmed, REMOVE.
    private static final String ORDER_A = "ord-5f0c8a36-1d5e-3c0e-9a3b-7e1f2d4c6b8a";
    private static final String ORDER_B = "ord-0e1d2c3b-4a59-3687-a5b4-c3d2e1f0a9b8";
    private static final String A_PLACED = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final String B_PLACED = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    private static final String A_CONFIRMED = "e4eaaaf2-d142-11e1-b3e4-080027620cdd";
    private static final String SEQ_A_PLACED = "111000000000000000001";
    private static final String SEQ_B_PLACED = "111000000000000000002";

    private static final RoutingTable ROUTES = Orders.routes(INVENTORY, NOTIFICATIONS);

    private static final Map<String, String> RELAY = Map.of("Publisher", "relay");
    private static final Map<String, String> STACK = Map.of("StackName", "orders-test");
    private static final int MAX_ATTEMPTS = 2;
    // The fixture's events occurred at 10:00:01 (A and B placed) and 10:00:02 (A confirmed).
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:03.500Z");

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final RecordingOutbox outbox = new RecordingOutbox();
    private final CapturedMetrics metrics = new CapturedMetrics(new MutableClock(NOW));
    private final OutboxRelayHandler handler = new OutboxRelayHandler(new StreamRelay(
            new OutboxRelay(ROUTES, publisher, outbox, MAX_ATTEMPTS),
            new PublishMetrics(PublishMetrics.RELAY, metrics.metrics()),
            new FailedRowsReport("orders-test", metrics.metrics())));

    private static DynamodbEvent stream() {
        return EventLoader.loadDynamoDbEvent("events/outbox-stream.json");
    }

    private StreamsEventResponse handle(DynamodbEvent event) {
        return handler.handleRequest(event, FakeContext.withRemainingMillis(60_000));
    }

    /** Every message sent to {@code destination}, in the order sent. */
    private List<OutboundMessage> sentTo(String destination) {
        return publisher.callsTo(destination).stream().flatMap(call -> call.batch().stream()).toList();
    }

    private static List<String> eventIds(List<OutboundMessage> messages) {
        return messages.stream().map(m -> m.event().eventId()).toList();
    }

    private static List<String> groupIds(List<OutboundMessage> messages) {
        return messages.stream().map(OutboundMessage::groupId).toList();
    }

    private static List<String> failedItems(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    /** Replaces one attribute of a record's new image. */
    private static DynamodbEvent withImageAttribute(DynamodbEvent event, int record, String name, AttributeValue value) {
        var image = new HashMap<>(event.getRecords().get(record).getDynamodb().getNewImage());
        image.put(name, value);
        event.getRecords().get(record).getDynamodb().setNewImage(image);
        return event;
    }

    @Test
    void publishesTheInsertsOnlyAndIgnoresModifyAndRemove() {
        handle(stream());

        List<String> published = publisher.calls().stream().flatMap(call -> call.eventIds().stream()).toList();
        assertThat(published).containsExactlyInAnyOrder(A_PLACED, A_PLACED, B_PLACED, B_PLACED, A_CONFIRMED);
    }

    @Test
    void sendsOrderPlacedToInventoryGroupedByOrderId() {
        handle(stream());

        List<OutboundMessage> inventory = sentTo(INVENTORY);
        assertThat(eventIds(inventory)).containsExactly(A_PLACED, B_PLACED);
        assertThat(groupIds(inventory)).containsExactly(ORDER_A, ORDER_B);
    }

    @Test
    void sendsEveryEventToNotificationsGroupedByCustomerInStreamOrder() {
        handle(stream());

        List<OutboundMessage> notifications = sentTo(NOTIFICATIONS);
        assertThat(eventIds(notifications)).containsExactly(A_PLACED, B_PLACED, A_CONFIRMED);
        assertThat(groupIds(notifications)).containsExactly("cust-42", "cust-7", "cust-42");
    }

    @Test
    void readsTheWholeEventFromTheStreamImage() {
        handle(stream());

        OrderEvent placed = sentTo(INVENTORY).get(0).event();
        assertThat(placed.eventId()).isEqualTo(A_PLACED);
        assertThat(placed.eventType()).isEqualTo(EventType.OrderPlaced);
        assertThat(placed.aggregateId()).isEqualTo(ORDER_A);
        assertThat(placed.customerId()).isEqualTo("cust-42");
        assertThat(placed.sequence()).isEqualTo(1);
        assertThat(placed.occurredAt()).isEqualTo(Instant.parse("2026-11-21T10:00:01Z"));
        assertThat(placed.correlationId()).isEqualTo("checkout-7f3a");
        assertThat(placed.payload()).isEqualTo(new OrderPlaced("cust-42", "EUR", new BigDecimal("44.98"), List.of(
                new OrderItem("SKU-RED-1", 2, new BigDecimal("19.99")), new OrderItem("SKU-BLUE-7", 1, new BigDecimal("5.00")))));
    }

    @Test
    void marksAllThreeEventsAndReportsNoFailureWhenEverythingIsSent() {
        StreamsEventResponse response = handle(stream());

        assertThat(outbox.marked()).containsExactly(A_PLACED, B_PLACED, A_CONFIRMED);
        assertThat(response.getBatchItemFailures()).isEmpty();
    }

    @Test
    void writesOneMetricsLinePerBatchWithTheEventsPublishedAndTheAgeOfEach() {
        handle(stream());

        assertThat(metrics.lines()).hasSize(1);
        assertThat(metrics.data("EventsPublished", RELAY)).singleElement().satisfies(datum -> {
            assertThat(datum.namespace()).isEqualTo("OrderEvents");
            assertThat(datum.unit()).isEqualTo("Count");
            assertThat(datum.values()).containsExactly(3.0);
        });
        assertThat(metrics.data("RecordAge", RELAY)).singleElement().satisfies(datum -> {
            assertThat(datum.unit()).isEqualTo("Milliseconds");
            assertThat(datum.values()).containsExactly(2500.0, 2500.0, 1500.0);
        });
    }

    @Test
    void reportsTheRecordOfTheFirstUnsentEventAndMarksOnlyTheEventsBeforeIt() {
        publisher.failEvent(B_PLACED, "ThrottlingException");

        StreamsEventResponse response = handle(stream());

        assertThat(failedItems(response)).containsExactly(SEQ_B_PLACED);
        assertThat(outbox.marked()).containsExactly(A_PLACED);
        assertThat(metrics.values("EventsPublished", RELAY)).as("only what reached every destination").containsExactly(1.0);
    }

    @Test
    void aRefusedEventCountsAFailedAttemptOnItsRowAndNothingIsWrittenWhenAllArrive() {
        handle(stream());
        assertThat(outbox.attemptCalls()).isEmpty();

        publisher.failEvent(B_PLACED, "ThrottlingException");
        handle(stream());

        assertThat(outbox.attemptCalls()).singleElement().satisfies(call -> assertThat(call)
                .extracting(attempt -> attempt.event().eventId(), attempt -> attempt.reason())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(B_PLACED, "ThrottlingException")));
        assertThat(metrics.data("OutboxRowsFailed", STACK)).isEmpty();
    }

    @Test
    void theRetryOnWhichARowRunsOutOfAttemptsEmitsOutboxRowsFailed() {
        publisher.failEvent(B_PLACED, "AWS.SimpleQueueService.NonExistentQueue");

        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            assertThat(metrics.data("OutboxRowsFailed", STACK)).as("before attempt %d", attempt).isEmpty();
            assertThat(failedItems(handle(stream()))).containsExactly(SEQ_B_PLACED);
        }

        assertThat(metrics.values("OutboxRowsFailed", STACK)).containsExactly(1.0);
    }

    @Test
    void anInsertWithAnUnknownEventTypeIsReportedAtItsRecordAfterTheEarlierRecordsArePublished() {
        DynamodbEvent event = withImageAttribute(stream(), 1, "eventType", new AttributeValue().withS("Bogus"));

        StreamsEventResponse response = handle(event);

        assertThat(failedItems(response)).containsExactly(SEQ_B_PLACED);
        assertThat(eventIds(sentTo(INVENTORY))).containsExactly(A_PLACED);
        assertThat(eventIds(sentTo(NOTIFICATIONS))).containsExactly(A_PLACED);
        assertThat(outbox.marked()).containsExactly(A_PLACED);
    }

    @Test
    void anInsertWhosePayloadIsNotJsonIsReportedAtItsRecordAfterTheEarlierRecordsArePublished() {
        DynamodbEvent event = withImageAttribute(stream(), 1, "payload", new AttributeValue().withS("{not json"));

        StreamsEventResponse response = handle(event);

        assertThat(failedItems(response)).containsExactly(SEQ_B_PLACED);
        assertThat(eventIds(sentTo(INVENTORY))).containsExactly(A_PLACED);
        assertThat(outbox.marked()).containsExactly(A_PLACED);
    }

    @Test
    void anInsertWithoutANewImageIsReportedAtItsRecord() {
        DynamodbEvent event = stream();
        event.getRecords().get(1).getDynamodb().setNewImage(null);

        StreamsEventResponse response = handle(event);

        assertThat(failedItems(response)).containsExactly(SEQ_B_PLACED);
        assertThat(outbox.marked()).containsExactly(A_PLACED);
    }

    @Test
    void anUnreadableFirstRecordPublishesNothing() {
        DynamodbEvent event = withImageAttribute(stream(), 0, "sequence", new AttributeValue().withS("one"));

        StreamsEventResponse response = handle(event);

        assertThat(failedItems(response)).containsExactly(SEQ_A_PLACED);
        assertThat(publisher.calls()).isEmpty();
        assertThat(outbox.marked()).isEmpty();
    }

    @Test
    void anEmptyBatchGetsAnEmptyResponse() {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(new ArrayList<DynamodbStreamRecord>());

        StreamsEventResponse response = handle(event);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(publisher.calls()).isEmpty();
        assertThat(outbox.calls()).isEmpty();
    }

    @Test
    void aBatchOfOnlyModifyAndRemoveGetsAnEmptyResponse() {
        DynamodbEvent event = stream();
        event.getRecords().removeIf(record -> "INSERT".equals(record.getEventName()));

        StreamsEventResponse response = handle(event);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(publisher.calls()).isEmpty();
    }
}
