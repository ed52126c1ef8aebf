package io.github.orderevents.local.faults.sdk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.List;
import java.util.Map;

import static io.github.orderevents.local.faults.sdk.TestClients.getItem;
import static io.github.orderevents.local.faults.sdk.TestClients.putItem;
import static io.github.orderevents.local.faults.sdk.TestClients.reports;
import static io.github.orderevents.local.faults.sdk.TestClients.sendBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class RequestCountingInterceptorTest {
    private static final String PREFIX = RequestCountingInterceptor.REPORT_PREFIX;
    private static final Map<String, String> ON = Map.of("LOCAL_CLOUD_COUNT_REQUESTS", "1");

    private final FakeAwsServer server = FakeAwsServer.start().reply("SendMessageBatch", 200, TestClients.SEND_BATCH_REPLY);

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void reportsOneLinePerRequestWithItsServiceAndOperation() {
        try (DynamoDbClient client = TestClients.dynamoDb(server.endpoint(), new RequestCountingInterceptor(ON))) {
            List<String> lines = reports(PREFIX, () -> {
                putItem(client);
                getItem(client);
            });

            assertThat(lines).containsExactly(
                    PREFIX + "{\"service\":\"DynamoDb\",\"operation\":\"PutItem\"}",
                    PREFIX + "{\"service\":\"DynamoDb\",\"operation\":\"GetItem\"}");
        }
    }

    @Test
    void reportsTheEntriesOfABatch() {
        try (SqsClient client = TestClients.sqs(server.endpoint(), new RequestCountingInterceptor(ON))) {
            assertThat(reports(PREFIX, () -> sendBatch(client)))
                    .containsExactly(PREFIX + "{\"service\":\"Sqs\",\"operation\":\"SendMessageBatch\",\"items\":1}");
        }
    }

    @Test
    void anAttemptStoppedByAnInjectedFaultIsNotCountedBecauseItNeverReachedTheService() {
        var faults = new FaultInjectingInterceptor(Map.of("LOCAL_CLOUD_SDK_FAULTS", "dynamodb:PutItem=1.0"));
        try (DynamoDbClient client = TestClients.dynamoDb(server.endpoint(), faults, new RequestCountingInterceptor(ON))) {
            List<String> lines = reports(PREFIX, () -> catchThrowable(() -> putItem(client)));

            assertThat(lines).isEmpty();
            assertThat(server.requests("PutItem")).isZero();
        }
    }

    @Test
    void printsNothingUnlessSwitchedOn() {
        try (DynamoDbClient client = TestClients.dynamoDb(server.endpoint(), new RequestCountingInterceptor(Map.of()))) {
            assertThat(reports(PREFIX, () -> putItem(client))).isEmpty();
            assertThat(server.requests("PutItem")).isEqualTo(1);
        }
    }
}
