package io.github.orderevents.local.faults.sdk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.orderevents.local.faults.sdk.TestClients.faultReports;
import static io.github.orderevents.local.faults.sdk.TestClients.getItem;
import static io.github.orderevents.local.faults.sdk.TestClients.putItem;
import static io.github.orderevents.local.faults.sdk.TestClients.sendBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FaultInjectingInterceptorTest {
    private static final String PUT_ITEM_FAULT =
            "LOCAL_CLOUD_FAULT {\"kind\":\"sdk-error\",\"service\":\"DynamoDb\",\"operation\":\"PutItem\"}";

    private final FakeAwsServer server = FakeAwsServer.start().reply("SendMessageBatch", 200, TestClients.SEND_BATCH_REPLY);

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static FaultInjectingInterceptor interceptor(Map<String, String> env) {
        return new FaultInjectingInterceptor(env);
    }

    @Test
    void putItemAtRateOneFailsWithA503AfterTheSdksRetriesAndNeverReachesTheServiceWhileGetItemPasses() {
        var faults = interceptor(Map.of("LOCAL_CLOUD_SDK_FAULTS", "dynamodb:PutItem=1.0"));
        try (DynamoDbClient client = TestClients.dynamoDb(server.endpoint(), faults)) {
            List<SdkServiceException> failure = new ArrayList<>();
            List<String> reports = faultReports(() -> failure.add(
                    catchThrowableOfType(SdkServiceException.class, () -> putItem(client))));

            SdkServiceException e = failure.get(0);
            assertThat(e).isInstanceOf(DynamoDbException.class)
                    .hasMessageContaining("injected fault: service unavailable (DynamoDb PutItem)");
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.numAttempts()).as("the standard retry mode's 3 attempts").isEqualTo(3);
            assertThat(reports).as("one report per failed attempt").containsExactly(PUT_ITEM_FAULT, PUT_ITEM_FAULT, PUT_ITEM_FAULT);
            assertThat(server.requests("PutItem")).as("failed before transmission").isZero();

            assertThat(faultReports(() -> getItem(client))).isEmpty();
            assertThat(server.requests("GetItem")).isEqualTo(1);
        }
    }

    @Test
    void anInjectedFaultIsWhatTheServicesOwn503MakesTheCallerSee() {
        server.reply("PutItem", 503, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ServiceUnavailable\","
                + "\"message\":\"The service is unavailable\"}");
        AwsServiceException real;
        try (DynamoDbClient client = TestClients.dynamoDb(server.endpoint())) {
            real = catchThrowableOfType(AwsServiceException.class, () -> putItem(client));
        }
        server.reply("PutItem", 200, "{}");
        AwsServiceException injected;
        try (DynamoDbClient client = TestClients.dynamoDb(server.endpoint(),
                interceptor(Map.of("LOCAL_CLOUD_SDK_FAULTS", "DynamoDb:PutItem=1")))) {
            List<AwsServiceException> failure = new ArrayList<>();
            faultReports(() -> failure.add(catchThrowableOfType(AwsServiceException.class, () -> putItem(client))));
            injected = failure.get(0);
        }

        assertThat(injected).hasSameClassAs(real);
        assertThat(injected.statusCode()).isEqualTo(real.statusCode()).isEqualTo(503);
        assertThat(injected.awsErrorDetails().errorCode()).isEqualTo(real.awsErrorDetails().errorCode())
                .isEqualTo("ServiceUnavailable");
        assertThat(injected.awsErrorDetails().serviceName()).isEqualTo(real.awsErrorDetails().serviceName());
        assertThat(injected.numAttempts()).isEqualTo(real.numAttempts()).isEqualTo(3);
        assertThat(injected.retryable()).isEqualTo(real.retryable());
        assertThat(injected.isThrottlingException()).isEqualTo(real.isThrottlingException());
    }

    @Test
    void aServiceWideRateFailsEveryCallOfThatServiceAndNoOtherServicesCall() {
        var faults = interceptor(Map.of("LOCAL_CLOUD_SDK_FAULTS", "sqs:*=1"));
        try (SqsClient sqs = TestClients.sqs(server.endpoint(), faults);
             DynamoDbClient dynamoDb = TestClients.dynamoDb(server.endpoint(), faults)) {
            List<String> reports = faultReports(() -> {
                SqsException e = catchThrowableOfType(SqsException.class, () -> sendBatch(sqs));
                assertThat(e.statusCode()).isEqualTo(503);
                assertThat(e).hasMessageContaining("(Sqs SendMessageBatch)");
                assertThatNoException().isThrownBy(() -> putItem(dynamoDb));
            });

            assertThat(reports).hasSize(3).containsOnly(
                    "LOCAL_CLOUD_FAULT {\"kind\":\"sdk-error\",\"service\":\"Sqs\",\"operation\":\"SendMessageBatch\"}");
            assertThat(server.requests("SendMessageBatch")).isZero();
            assertThat(server.requests("PutItem")).isEqualTo(1);
        }
    }

    @Test
    void rateZeroInjectsNothing() {
        var faults = interceptor(Map.of("LOCAL_CLOUD_SDK_FAULTS", "dynamodb:PutItem=0,*=0",
                "LOCAL_CLOUD_SEND_FAILURE_AFTER_SEND", "0"));
        try (DynamoDbClient dynamoDb = TestClients.dynamoDb(server.endpoint(), faults);
             SqsClient sqs = TestClients.sqs(server.endpoint(), faults)) {
            List<String> reports = faultReports(() -> {
                putItem(dynamoDb);
                sendBatch(sqs);
            });

            assertThat(reports).isEmpty();
            assertThat(server.requests("PutItem")).isEqualTo(1);
            assertThat(server.requests("SendMessageBatch")).isEqualTo(1);
        }
    }

    @Test
    void noConfigurationInjectsNothing() {
        var faults = interceptor(Map.of("AWS_LAMBDA_FUNCTION_NAME", "create-order"));
        try (DynamoDbClient dynamoDb = TestClients.dynamoDb(server.endpoint(), faults);
             SqsClient sqs = TestClients.sqs(server.endpoint(), faults)) {
            List<String> reports = faultReports(() -> {
                putItem(dynamoDb);
                getItem(dynamoDb);
                sendBatch(sqs);
            });

            assertThat(reports).isEmpty();
            assertThat(server.requests("PutItem") + server.requests("GetItem") + server.requests("SendMessageBatch")).isEqualTo(3);
        }
    }

    @Test
    void aSendMessageBatchThatSqsAcceptedStillFailsWithAClientErrorOnceWithoutRetry() {
        var faults = interceptor(Map.of("LOCAL_CLOUD_SEND_FAILURE_AFTER_SEND", "1"));
        try (SqsClient sqs = TestClients.sqs(server.endpoint(), faults)) {
            List<SdkException> failure = new ArrayList<>();
            List<String> reports = faultReports(() -> failure.add(
                    catchThrowableOfType(SdkException.class, () -> sendBatch(sqs))));

            assertThat(failure.get(0)).isInstanceOf(SdkClientException.class)
                    .hasMessageContaining("injected fault: failure after SQS accepted the batch");
            assertThat(server.requests("SendMessageBatch")).as("SQS got the batch, once").isEqualTo(1);
            assertThat(reports).containsExactly("LOCAL_CLOUD_FAULT {\"kind\":\"send-failure-after-send\"}");
        }
    }

    @Test
    void sendFailureAfterSendLeavesOtherSqsAndDynamoDbCallsAlone() {
        var faults = interceptor(Map.of("LOCAL_CLOUD_SEND_FAILURE_AFTER_SEND", "1"));
        server.reply("SendMessage", 200, "{\"MessageId\":\"m-2\",\"MD5OfMessageBody\":\"5d41402abc4b2a76b9719d911017c592\"}");
        try (SqsClient sqs = TestClients.sqs(server.endpoint(), faults);
             DynamoDbClient dynamoDb = TestClients.dynamoDb(server.endpoint(), faults)) {
            List<String> reports = faultReports(() -> {
                sqs.sendMessage(m -> m.queueUrl(TestClients.QUEUE_URL).messageBody("hello").messageGroupId("g"));
                putItem(dynamoDb);
            });

            assertThat(reports).isEmpty();
        }
    }

    @Test
    void theSameSeedFunctionAndProcessDrawTheSameFaultsAndAnotherFunctionDrawsOthers() {
        Map<String, String> relay = Map.of("LOCAL_CLOUD_SDK_FAULTS", "*=0.5", "LOCAL_CLOUD_FAULT_SEED", "7",
                "AWS_LAMBDA_FUNCTION_NAME", "outbox-relay");
        Map<String, String> sweeper = Map.of("LOCAL_CLOUD_SDK_FAULTS", "*=0.5", "LOCAL_CLOUD_FAULT_SEED", "7",
                "AWS_LAMBDA_FUNCTION_NAME", "outbox-sweeper");

        List<Boolean> first = getItemFailures(new FaultInjectingInterceptor(relay, 1234));
        List<Boolean> again = getItemFailures(new FaultInjectingInterceptor(relay, 1234));
        List<Boolean> otherFunction = getItemFailures(new FaultInjectingInterceptor(sweeper, 1234));
        List<Boolean> otherProcess = getItemFailures(new FaultInjectingInterceptor(relay, 1235));

        assertThat(first).contains(true, false).isEqualTo(again);
        assertThat(otherFunction).isNotEqualTo(first);
        assertThat(otherProcess).isNotEqualTo(first);
    }

    /** 40 GetItem calls with no retries: which of them failed. */
    private List<Boolean> getItemFailures(FaultInjectingInterceptor faults) {
        List<Boolean> failed = new ArrayList<>();
        try (DynamoDbClient client = TestClients.dynamoDb(server.endpoint(), AwsRetryStrategy.doNotRetry(), faults)) {
            faultReports(() -> {
                for (int i = 0; i < 40; i++) {
                    try {
                        getItem(client);
                        failed.add(false);
                    } catch (DynamoDbException e) {
                        failed.add(true);
                    }
                }
            });
        }
        return failed;
    }
}
