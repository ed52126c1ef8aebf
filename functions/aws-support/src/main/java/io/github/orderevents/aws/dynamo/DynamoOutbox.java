package io.github.orderevents.aws.dynamo;

import io.github.orderevents.aws.JsonLog;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.outbox.Outbox;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.github.orderevents.aws.dynamo.Attributes.n;
import static io.github.orderevents.aws.dynamo.Attributes.s;

/**
 * {@link Outbox} on the outbox table. Marks rows with PartiQL {@code BatchExecuteStatement}: 25
 * conditional updates per call, each succeeding or failing on its own (unlike a transaction, where one
 * vanished row would cancel the rest). A published row gets a TTL so the table does not grow forever.
 */
public final class DynamoOutbox implements Outbox {
    /** DynamoDB's limit of statements per BatchExecuteStatement call. */
    static final int STATEMENTS_PER_CALL = 25;
    private static final JsonLog LOG = JsonLog.of(DynamoOutbox.class);

    private final DynamoDbClient dynamo;
    private final Clock clock;
    private final Duration retention;
    private final String markStatement;

    public DynamoOutbox(DynamoDbClient dynamo, String table, Clock clock, Duration retention) {
        this.dynamo = dynamo;
        this.clock = clock;
        this.retention = retention;
        // UPDATE only touches an existing item whose eventId matches: a row deleted by TTL is not recreated.
        this.markStatement = "UPDATE \"" + table + "\" SET \"status\" = '" + OutboxItems.STATUS_PUBLISHED + "'"
                + " SET \"publishedAt\" = ? SET \"expiresAt\" = ? REMOVE \"" + OutboxItems.PENDING_SHARD + "\""
                + " WHERE \"" + OutboxItems.HASH_KEY + "\" = ? AND \"" + OutboxItems.RANGE_KEY + "\" = ?"
                + " AND \"eventId\" = ?";
    }

    @Override
    public int markPublished(List<OrderEvent> events) {
        Instant now = clock.instant();
        int marked = 0;
        for (int from = 0; from < events.size(); from += STATEMENTS_PER_CALL) {
            List<OrderEvent> chunk = events.subList(from, Math.min(events.size(), from + STATEMENTS_PER_CALL));
            List<BatchStatementRequest> statements = new ArrayList<>(chunk.size());
            for (OrderEvent event : chunk) {
                statements.add(BatchStatementRequest.builder().statement(markStatement).parameters(
                        s(now.toString()), n(now.plus(retention).getEpochSecond()),
                        s(event.aggregateId()), n(event.sequence()), s(event.eventId())).build());
            }
            try {
                List<BatchStatementResponse> responses = dynamo.batchExecuteStatement(r -> r.statements(statements))
                        .responses();
                for (int i = 0; i < responses.size(); i++) {
                    if (responses.get(i).error() == null) {
                        marked++;
                    } else {
                        LOG.warn("outbox row not marked published; the sweeper will publish it again",
                                "eventId", chunk.get(i).eventId(),
                                "reason", String.valueOf(responses.get(i).error().codeAsString()));
                    }
                }
            } catch (SdkException e) {
                // Leaving rows PENDING is safe: the sweeper re-publishes them and consumers dedupe by eventId.
                LOG.warn("outbox rows not marked published; the sweeper will publish them again",
                        "rows", chunk.size(), "reason", e.getMessage());
            }
        }
        return marked;
    }
}
