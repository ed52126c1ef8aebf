package io.github.orderevents.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.Json;
import io.github.orderevents.aws.testing.EmbeddedSqs;
import io.github.orderevents.aws.testing.FakeContext;
import io.github.orderevents.aws.testing.QueueContents;
import io.github.orderevents.aws.testing.SnapStartHooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** DlqRedriveHandler's SnapStart hooks on ElasticMQ: they send and receive nothing, and the first peek after them answers. */
class DlqRedrivePrimingTest {
    @RegisterExtension
    static final EmbeddedSqs SQS = new EmbeddedSqs();

    @Test
    void primingChangesNoQueueAndTheFirstPeekAfterTheRestoreAnswers() throws Exception {
        String source = SQS.createFifoQueue("inventory-redrive-priming");
        String deadLetters = SQS.createFifoQueue("inventory-redrive-priming-dlq");
        SQS.client().sendMessage(r -> r.queueUrl(deadLetters).messageBody("parked").messageGroupId("g-1")
                .messageDeduplicationId("d-1"));
        Map<String, String> variables = new HashMap<>(SQS.environment());
        variables.put("OUTBOX_TABLE", "outbox-not-read-by-this-test");
        variables.put("REDRIVE_QUEUES", """
                {"inventory": {"deadLetterQueueUrl": "%s", "sourceQueueUrl": "%s"}}""".formatted(deadLetters, source));
        Env env = Env.of(variables);

        DlqRedriveHandler handler = SnapStartHooks.constructCheckpointAndRestore("dlq-redrive",
                () -> new DlqRedriveHandler(env, new AwsClients(env)), () -> QueueContents.of(SQS.client()));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream("{\"action\": \"peek\", \"queue\": \"inventory\"}"
                .getBytes(StandardCharsets.UTF_8)), out, FakeContext.withRemainingMillis(30_000));
        JsonNode answer = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(answer.isObject()).as("answer %s", answer).isTrue();
        assertThat(answer.toString()).contains("parked");
    }
}
