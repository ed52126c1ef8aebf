package io.github.orderevents.consumer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.JsonLog;
import io.github.orderevents.aws.events.EventCodec;
import io.github.orderevents.aws.metrics.Lanes;
import io.github.orderevents.aws.metrics.Metrics;
import io.github.orderevents.consumer.ConsumerMetrics.Outcome;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.consumer.ConsumeResult;
import io.github.orderevents.domain.consumer.EventConsumer;
import io.github.orderevents.domain.consumer.FifoBatch;
import io.github.orderevents.domain.consumer.InvalidMessageException;
import io.github.orderevents.domain.consumer.SequenceGapException;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The SQS FIFO side of every consumer: parses each message, parks the invalid ones in the DLQ,
 * hands the rest to the consumer, and answers with the failed message ids so that Lambda deletes
 * only what succeeded. Needs {@code FunctionResponseTypes: [ReportBatchItemFailures]} on the event
 * source, or Lambda ignores the answer.
 *
 * <p>It keeps no idempotency records: a repeated event (redelivered, re-published, redriven, or a
 * copy running at the same moment) reaches the consumer again, whose effect is one DynamoDB
 * transaction with a per-aggregate sequence check that cancels it and answers DUPLICATE (see
 * {@link io.github.orderevents.domain.inventory.InventoryStore},
 * {@link io.github.orderevents.domain.notification.NotificationSender}). A consumer whose effect
 * cannot join such a transaction (a call to another service, say) needs a record per event id
 * instead: Powertools idempotency keyed on the eventId, never the SQS messageId.
 *
 * <p>What became of each message is counted in {@link ConsumerMetrics}, written once per invocation.
 */
public final class FifoEventConsumer {
    private static final JsonLog LOG = JsonLog.of(FifoEventConsumer.class);

    private final String name;
    private final EventConsumer consumer;
    private final MessageParking parking;
    private final ConsumerMetrics metrics;

    /** @param name the consumer's name in logs and the value of its metrics' dimension Consumer */
    public FifoEventConsumer(String name, EventConsumer consumer, MessageParking parking, ConsumerMetrics metrics) {
        this.name = name;
        this.consumer = consumer;
        this.parking = parking;
        this.metrics = metrics;
    }

    /** The consumer as deployed: parking in {@code DEAD_LETTER_QUEUE_URL}, metrics on stdout. */
    public static FifoEventConsumer fromEnvironment(String name, EventConsumer consumer, Env env, AwsClients aws) {
        SqsClient sqs = aws.build(SqsClient.builder(), "SQS");
        return new FifoEventConsumer(name, consumer,
                new MessageParking(sqs, env.require("DEAD_LETTER_QUEUE_URL"), Clock.systemUTC()),
                new ConsumerMetrics(name, Metrics.forLambda()));
    }

    public SQSBatchResponse handle(SQSEvent event, Context context) {
        List<SQSMessage> messages = event.getRecords() == null ? List.of() : event.getRecords();
        List<String> failed;
        try {
            failed = FifoBatch.process(messages, FifoEventConsumer::groupOf, SQSMessage::getMessageId,
                    this::handle, (message, error) -> LOG.warn("message failed; it and the rest of its group come back",
                            "consumer", name, "messageId", message.getMessageId(), "messageGroupId", groupOf(message),
                            "reason", error.getClass().getSimpleName() + ": " + error.getMessage()));
        } finally {
            metrics.flush();
        }
        return SQSBatchResponse.builder()
                .withBatchItemFailures(failed.stream()
                        .map(id -> SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(id).build())
                        .toList())
                .build();
    }

    private void handle(SQSMessage message) {
        Instant started = metrics.now();
        OrderEvent event;
        try {
            event = EventCodec.decodeStrict(message.getBody(), this::requireHandled);
        } catch (InvalidMessageException e) {
            park(message, e, Lanes.STANDARD, started);
            return;
        }
        String lane = Lanes.of(event);
        ConsumeResult result;
        try {
            result = consumer.consume(event);
        } catch (InvalidMessageException e) {
            park(message, e, lane, started);
            return;
        } catch (SequenceGapException e) {
            metrics.handled(lane, started, Outcome.GAP_RETRIED, event.occurredAt());
            throw e;
        } catch (RuntimeException e) {
            metrics.handled(lane, started, Outcome.FAILED, event.occurredAt());
            throw e;
        }
        metrics.handled(lane, started, switch (result) {
            case APPLIED -> Outcome.APPLIED;
            case DUPLICATE -> Outcome.DUPLICATE;
        }, event.occurredAt());
        LOG.info("event consumed", "consumer", name, "result", result.name(), "eventId", event.eventId(),
                "eventType", event.eventType().name(), "orderId", event.aggregateId(), "sequence", event.sequence(),
                "correlationId", event.correlationId(), "messageId", message.getMessageId(),
                "receiveCount", attribute(message, "ApproximateReceiveCount"));
    }

    /** Parks an invalid message; one the DLQ did not take fails (and counts as FAILED), so it comes back. */
    private void park(SQSMessage message, InvalidMessageException invalid, String lane, Instant started) {
        try {
            parking.park(message, invalid.getMessage());
        } catch (RuntimeException e) {
            metrics.handled(lane, started, Outcome.FAILED, null);
            throw e;
        }
        metrics.handled(lane, started, Outcome.PARKED, null);
    }

    private void requireHandled(EventType type) {
        if (!consumer.handledTypes().contains(type)) {
            throw new InvalidMessageException("eventType " + type + " is not handled by " + name);
        }
    }

    private static String groupOf(SQSMessage message) {
        String group = attribute(message, "MessageGroupId");
        // A standard queue has no groups: each message is its own.
        return group != null ? group : message.getMessageId();
    }

    private static String attribute(SQSMessage message, String name) {
        Map<String, String> attributes = message.getAttributes();
        return attributes == null ? null : attributes.get(name);
    }
}
