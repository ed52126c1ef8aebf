package io.github.orderevents.redrive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The operator's tool for FIFO dead-letter queues, invoked directly ({@code sam remote invoke}, {@code aws
 * lambda invoke}): {@code peek} lists messages without consuming them, {@code redrive} fixes and re-sends
 * them to their source queue in group order. Environment: REDRIVE_QUEUES (see {@link RedriveQueues}).
 */
public final class DlqRedriveHandler implements RequestStreamHandler {
    private final RedriveService redrive;

    public DlqRedriveHandler() {
        this(Env.current(), AwsClients.fromEnvironment());
    }

    DlqRedriveHandler(Env env, AwsClients aws) {
        this(RedriveService.fromEnvironment(env, aws));
        DlqRedrivePriming.register(env, aws);
    }

    DlqRedriveHandler(RedriveService redrive) {
        this.redrive = redrive;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Object answer = redrive.answer(input.readAllBytes(), Duration.ofMillis(context.getRemainingTimeInMillis()));
        output.write(Json.write(answer).getBytes(StandardCharsets.UTF_8));
    }
}
