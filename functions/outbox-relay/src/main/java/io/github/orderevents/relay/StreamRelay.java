package io.github.orderevents.relay;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.FailedRowsReport;
import io.github.orderevents.aws.JsonLog;
import io.github.orderevents.aws.dynamo.OutboxItems;
import io.github.orderevents.aws.OutboxWiring;
import io.github.orderevents.aws.metrics.Metrics;
import io.github.orderevents.aws.metrics.PublishMetrics;
import io.github.orderevents.aws.stream.StreamImages;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.outbox.OutboxRelay;
import io.github.orderevents.domain.outbox.RelayResult;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a stream batch to outbox events, relays them, and answers with the first record that did not
 * reach every destination. Lambda then retries from that record, so nothing later overtakes it. Each batch
 * writes the publisher's metrics ({@link PublishMetrics}, Publisher relay); rows whose last publish attempt
 * this was are reported ({@link FailedRowsReport}).
 */
final class StreamRelay {
    private static final JsonLog LOG = JsonLog.of(StreamRelay.class);

    private final OutboxRelay relay;
    private final PublishMetrics metrics;
    private final FailedRowsReport failedRows;

    StreamRelay(OutboxRelay relay, PublishMetrics metrics, FailedRowsReport failedRows) {
        this.relay = relay;
        this.metrics = metrics;
        this.failedRows = failedRows;
    }

    /** The relay as deployed: {@link OutboxWiring#relay}'s environment, and STACK_NAME for the failed rows' metric. */
    static StreamRelay fromEnvironment(Env env, AwsClients aws, Metrics metrics) {
        PublishMetrics publishing = new PublishMetrics(PublishMetrics.RELAY, metrics);
        return new StreamRelay(OutboxWiring.relay(env, aws, Clock.systemUTC(), publishing), publishing,
                FailedRowsReport.fromEnvironment(env, metrics));
    }

    StreamsEventResponse relay(List<DynamodbStreamRecord> records) {
        List<OrderEvent> events = new ArrayList<>();
        Map<String, String> sequenceNumbers = new HashMap<>();
        String unreadable = null;
        for (DynamodbStreamRecord record : records == null ? List.<DynamodbStreamRecord>of() : records) {
            // The mapping's FilterCriteria passes new PENDING rows only; MODIFY (marked published) and REMOVE (TTL)
            // are checked here again, in case the filter is ever changed or missing.
            if (!"INSERT".equals(record.getEventName())) {
                continue;
            }
            String sequenceNumber = record.getDynamodb().getSequenceNumber();
            try {
                OrderEvent event = OutboxItems.fromRow(StreamImages.toSdk(record.getDynamodb().getNewImage()));
                events.add(event);
                sequenceNumbers.put(event.eventId(), sequenceNumber);
            } catch (RuntimeException e) {
                // Stop here: Lambda retries from this record, bisects, and finally sends it to the
                // on-failure destination; the records after it wait behind it.
                LOG.error("outbox row unreadable", e, "sequenceNumber", sequenceNumber);
                unreadable = sequenceNumber;
                break;
            }
        }
        RelayResult result = events.isEmpty() ? RelayResult.nothing() : relay.relay(events);
        failedRows.report(result.nowFailed());
        for (OrderEvent published : result.published()) {
            LOG.info("event published", "correlationId", published.correlationId(), "orderId", published.aggregateId(),
                    "eventId", published.eventId(), "eventType", published.eventType().name(),
                    "sequence", published.sequence());
        }
        LOG.info("outbox batch relayed", "records", records == null ? 0 : records.size(), "events", events.size(),
                "published", result.published().size());
        metrics.published(result.published());
        String failedAt = result.firstUnpublished()
                .map(failure -> {
                    LOG.warn("outbox event not published; retrying from it", "eventId", failure.eventId(),
                            "reason", failure.reason());
                    return sequenceNumbers.get(failure.eventId());
                })
                .orElse(unreadable);
        List<StreamsEventResponse.BatchItemFailure> failures = failedAt == null ? List.of()
                : List.of(StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(failedAt).build());
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }
}
