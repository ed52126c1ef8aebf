package io.github.orderevents.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.local.Json;
import io.github.orderevents.local.sqs.SqsTestbed.Redrive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The preinstalled aws CLI v1 (botocore: the JSON protocol) against the endpoint; skipped without one. */
class AwsCliTest {
    private static SqsTestbed bed;

    @BeforeAll
    static void start() {
        assumeTrue(awsOnPath(), "no aws CLI on the PATH");
        bed = SqsTestbed.start();
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void movesFifoDeadLettersBackWithTheAwsCli() throws Exception {
        Redrive redrive = bed.redrive(SqsTestbed.unique("cli"), true);
        List.of("c1", "c2", "c3").forEach(body -> bed.send(redrive.source(), body, "order-c"));
        bed.failIntoDlq(redrive, 3);

        Result started = aws("sqs", "start-message-move-task", "--source-arn", redrive.dlq().arn());
        bed.awaitEnd(redrive.dlq());
        Result listed = aws("sqs", "list-message-move-tasks", "--source-arn", redrive.dlq().arn(), "--max-results", "10");
        List<Message> back = bed.drain(redrive.source(), 3);

        assertThat(started.exitCode()).as(started.stderr()).isZero();
        assertThat(started.json().path("TaskHandle").asText()).isNotBlank();
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        JsonNode task = listed.json().path("Results").path(0);
        assertThat(task.path("Status").asText()).isEqualTo("COMPLETED");
        assertThat(task.path("ApproximateNumberOfMessagesMoved").asLong()).isEqualTo(3);
        assertThat(back).extracting(Message::body).containsExactly("c1", "c2", "c3");
        assertThat(back).allSatisfy(message -> assertThat(message.attributes())
                .containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "order-c"));
        assertThat(bed.allMessages(redrive.dlq())).isZero();
    }

    @Test
    void showsSqsErrorCodesInTheAwsCli() throws Exception {
        Redrive redrive = bed.redrive(SqsTestbed.unique("cli-plain"), false);

        Result rejected = aws("sqs", "start-message-move-task", "--source-arn", redrive.source().arn());

        assertThat(rejected.exitCode()).isNotZero();
        assertThat(rejected.stderr()).contains("(InvalidParameterValue)")
                .contains("Source queue must be configured as a Dead Letter Queue.");
    }

    @Test
    void listsQueueUrlsOfTheEndpointInTheAwsCli() throws Exception {
        String name = SqsTestbed.unique("cli-list");
        bed.sqs.createQueue(r -> r.queueName(name));

        Result listed = aws("sqs", "list-queues", "--queue-name-prefix", name);

        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.json().path("QueueUrls").path(0).asText())
                .isEqualTo(bed.endpoint.endpoint() + "/000000000000/" + name);
    }

    private record Result(int exitCode, String stdout, String stderr) {
        JsonNode json() throws IOException {
            return Json.MAPPER.readTree(stdout);
        }
    }

    private static Result aws(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(Arrays.asList(arguments));
        command.addAll(List.of("--endpoint-url", bed.endpoint.endpoint().toString(), "--region", "us-east-1", "--output", "json"));
        Path out = Files.createTempFile("aws-cli", ".out");
        Path err = Files.createTempFile("aws-cli", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("AWS_"));
            environment.put("AWS_ACCESS_KEY_ID", "x");
            environment.put("AWS_SECRET_ACCESS_KEY", "y");
            // Nobody's profile or credentials file changes what this test sends.
            environment.put("AWS_CONFIG_FILE", out.resolveSibling("aws-cli-no-config").toString());
            environment.put("AWS_SHARED_CREDENTIALS_FILE", out.resolveSibling("aws-cli-no-credentials").toString());
            environment.put("AWS_EC2_METADATA_DISABLED", "true");
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("aws " + String.join(" ", arguments) + " did not finish in 60 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static boolean awsOnPath() {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, "aws")));
    }
}
