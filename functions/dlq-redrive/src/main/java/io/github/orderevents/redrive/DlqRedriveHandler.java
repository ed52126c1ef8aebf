package io.github.orderevents.redrive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.Json;
import io.github.orderevents.aws.JsonLog;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * The operator's tool for FIFO dead-letter queues, invoked directly ({@code sam remote invoke}, {@code aws
 * lambda invoke}): {@code peek} lists messages without consuming them, {@code redrive} fixes and re-sends
 * them to their source queue in group order. A refused request is answered {@code {"error", "field"}}.
 * Environment: REDRIVE_QUEUES (see {@link RedriveQueues}).
 */
public final class DlqRedriveHandler implements RequestStreamHandler {
    private static final JsonLog LOG = JsonLog.of(DlqRedriveHandler.class);

    private final RedriveQueues queues;
    private final Redrive redrive;

    public DlqRedriveHandler() {
        this(Env.current(), AwsClients.fromEnvironment());
    }

    DlqRedriveHandler(Env env, AwsClients aws) {
        this(RedriveQueues.parse(env.require(RedriveQueues.VARIABLE)), aws.build(SqsClient.builder(), "SQS"),
                Clock.systemUTC());
    }

    DlqRedriveHandler(RedriveQueues queues, SqsClient sqs, Clock clock) {
        this.queues = queues;
        this.redrive = new Redrive(queues, sqs, clock);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Object answer;
        try {
            RedriveRequest request = RedriveRequest.parse(input.readAllBytes(), queues.names());
            answer = redrive.run(request, Redrive.visibilityFor(Duration.ofMillis(context.getRemainingTimeInMillis())))
                    .toJson();
        } catch (BadRequest e) {
            LOG.warn("redrive request refused", "reason", e.getMessage(), "field", e.field());
            answer = e.answer();
        }
        output.write(Json.write(answer).getBytes(StandardCharsets.UTF_8));
    }
}
