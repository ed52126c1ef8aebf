package io.github.orderevents.redrive;

import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.JsonLog;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The redrive tool behind its handler: reads an operator's request, runs it, and answers the report, or
 * {@code {"error", "field"}} for a request it refuses before touching any queue.
 */
final class RedriveService {
    private static final JsonLog LOG = JsonLog.of(RedriveService.class);

    private final RedriveQueues queues;
    private final Redrive redrive;

    RedriveService(RedriveQueues queues, FifoQueues fifo, Clock clock) {
        this.queues = queues;
        this.redrive = new Redrive(queues, fifo, clock);
    }

    /** The tool on SQS, with the queues of {@value RedriveQueues#VARIABLE}. */
    static RedriveService fromEnvironment(Env env, AwsClients aws) {
        return new RedriveService(RedriveQueues.parse(env.require(RedriveQueues.VARIABLE)),
                new SqsFifoQueues(aws.build(SqsClient.builder(), "SQS")), Clock.systemUTC());
    }

    /** The answer to {@code request} (JSON bytes), as JSON-ready maps; {@code remaining} is the invocation's time left. */
    Map<String, Object> answer(byte[] request, Duration remaining) {
        try {
            RedriveRequest parsed = RedriveRequest.parse(request, queues.names());
            return redrive.run(parsed, Redrive.visibilityFor(remaining)).toJson();
        } catch (BadRequest e) {
            LOG.warn("redrive request refused", "reason", e.getMessage(), "field", e.field());
            return e.answer();
        }
    }
}
