package io.github.orderevents.redrive;

import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedriveQueuesTest {
    private static final String DLQ = "https://sqs.eu-west-1.amazonaws.com/123456789012/s-inventory-dlq.fifo";
    private static final String SOURCE = "https://sqs.eu-west-1.amazonaws.com/123456789012/s-inventory.fifo";

    @Test
    void readsEachNameWithItsDeadLetterAndSourceQueue() {
        RedriveQueues queues = RedriveQueues.parse("""
                {"inventory": {"deadLetterQueueUrl": "%s", "sourceQueueUrl": "%s"},
                 "notifications": {"sourceQueueUrl": "http://127.0.0.1:9324/000000000000/n.fifo",
                                   "deadLetterQueueUrl": "http://127.0.0.1:9324/000000000000/n-dlq.fifo"}}"""
                .formatted(DLQ, SOURCE));

        assertThat(queues.names()).containsExactly("inventory", "notifications");
        assertThat(queues.route("inventory")).contains(new RedriveQueues.Route(DLQ, SOURCE));
        assertThat(queues.route("billing")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not json                                                                            | not valid JSON",
            "{}                                                                                  | non-empty JSON object",
            "[]                                                                                  | non-empty JSON object",
            "{\"inventory\": \"url\"}                                                            | \"inventory\" must be an object",
            "{\"inventory\": {\"sourceQueueUrl\": \"https://q/s.fifo\"}}                         | \"inventory\".deadLetterQueueUrl must be a queue URL",
            "{\"inventory\": {\"deadLetterQueueUrl\": \"https://q/d.fifo\", \"sourceQueueUrl\": 1}} | \"inventory\".sourceQueueUrl must be a queue URL",
            "{\"inventory\": {\"deadLetterQueueUrl\": \"q/d.fifo\", \"sourceQueueUrl\": \"https://q/s.fifo\"}} | is not an http(s) queue URL",
            "{\"inventory\": {\"deadLetterQueueUrl\": \"https://q/d\", \"sourceQueueUrl\": \"https://q/s.fifo\"}} | is not a FIFO queue",
            "{\"inventory\": {\"deadLetterQueueUrl\": \"https://q/d.fifo\", \"sourceQueueUrl\": \"https://q/d.fifo\"}} | are the same queue",
            "{\"inventory\": {\"deadLetterQueueUrl\": \"https://q/d.fifo\", \"sourceQueueUrl\": \"https://q/s.fifo\", \"x\": 1}} | unknown field \"x\"",
    })
    void invalidConfigurationFailsNamingTheVariable(String json, String problem) {
        assertThatThrownBy(() -> RedriveQueues.parse(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("environment variable REDRIVE_QUEUES is invalid: ")
                .hasMessageContaining(problem);
    }

    @Test
    void theToolWithoutTheVariableFailsAtConstruction() {
        Env env = Env.of(Map.of("AWS_REGION", "eu-west-1"));

        assertThatThrownBy(() -> RedriveService.fromEnvironment(env, new AwsClients(env)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REDRIVE_QUEUES is not set");
    }
}
