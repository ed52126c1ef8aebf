package io.github.orderevents.redrive;

import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.JsonLog;
import io.github.orderevents.aws.OutboxWiring;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The redrive tool behind its handler: reads an operator's request, runs it (on a dead-letter queue, or on
 * the FAILED outbox rows), and answers the report, or {@code {"error", "field"}} for a request it refuses
 * before touching any queue or row.
 */
final class RedriveService {
    private static final JsonLog LOG = JsonLog.of(RedriveService.class);

    private final RedriveQueues queues;
    private final Redrive redrive;
    private final OutboxRepair outbox;

    RedriveService(RedriveQueues queues, FifoQueues fifo, OutboxRepair outbox, Clock clock) {
        this.queues = queues;
        this.redrive = new Redrive(queues, fifo, clock);
        this.outbox = outbox;
    }

    /** The tool on SQS, with the queues of {@value RedriveQueues#VARIABLE}, and on the rows of OUTBOX_TABLE. */
    static RedriveService fromEnvironment(Env env, AwsClients aws) {
        Clock clock = Clock.systemUTC();
        return new RedriveService(RedriveQueues.parse(env.require(RedriveQueues.VARIABLE)),
                new SqsFifoQueues(aws.build(SqsClient.builder(), "SQS")),
                new OutboxRepair(OutboxWiring.pendingOutbox(env, aws), OutboxWiring.outbox(env, aws, clock)), clock);
    }

    /** The answer to {@code request} (JSON bytes), as JSON-ready maps; {@code remaining} is the invocation's time left. */
    Map<String, Object> answer(byte[] request, Duration remaining) {
        try {
            JsonNode root = RedriveRequest.readTree(request);
            if (OutboxRequest.isOutboxAction(root)) {
                return outbox.run(OutboxRequest.parse(root));
            }
            RedriveRequest parsed = RedriveRequest.parse(root, queues.names());
            return redrive.run(parsed, Redrive.visibilityFor(remaining)).toJson();
        } catch (BadRequest e) {
            LOG.warn("redrive request refused", "reason", e.getMessage(), "field", e.field());
            return e.answer();
        }
    }
}
