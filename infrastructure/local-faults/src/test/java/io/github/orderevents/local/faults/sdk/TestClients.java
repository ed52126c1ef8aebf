package io.github.orderevents.local.faults.sdk;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** Real SDK clients pointed at a {@link FakeAwsServer}, and the calls the tests make. */
final class TestClients {
    static final String QUEUE_URL = "http://127.0.0.1/000000000000/orders.fifo";
    /** The SDK checks each accepted message's MD5: this is the MD5 of "hello", the body the tests send. */
    static final String SEND_BATCH_REPLY =
            "{\"Successful\":[{\"Id\":\"1\",\"MessageId\":\"m-1\",\"MD5OfMessageBody\":\"5d41402abc4b2a76b9719d911017c592\"}],"
                    + "\"Failed\":[]}";

    private TestClients() {
    }

    /** The standard retry mode: 3 attempts, short backoff (the SDK's default mode for DynamoDB makes 9). */
    static DynamoDbClient dynamoDb(URI endpoint, ExecutionInterceptor... interceptors) {
        return dynamoDb(endpoint, c -> c.retryStrategy(RetryMode.STANDARD), interceptors);
    }

    static DynamoDbClient dynamoDb(URI endpoint, RetryStrategy retries, ExecutionInterceptor... interceptors) {
        return dynamoDb(endpoint, c -> c.retryStrategy(retries), interceptors);
    }

    private static DynamoDbClient dynamoDb(URI endpoint, Consumer<ClientOverrideConfiguration.Builder> retries,
                                           ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> {
                    retries.accept(c);
                    Arrays.stream(interceptors).forEach(c::addExecutionInterceptor);
                })
                .build();
    }

    static SqsClient sqs(URI endpoint, ExecutionInterceptor... interceptors) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> {
                    c.retryStrategy(RetryMode.STANDARD);
                    Arrays.stream(interceptors).forEach(c::addExecutionInterceptor);
                })
                .build();
    }

    static void putItem(DynamoDbClient client) {
        client.putItem(PutItemRequest.builder().tableName("orders")
                .item(java.util.Map.of("pk", AttributeValue.fromS("order-1"))).build());
    }

    static void getItem(DynamoDbClient client) {
        client.getItem(GetItemRequest.builder().tableName("orders")
                .key(java.util.Map.of("pk", AttributeValue.fromS("order-1"))).build());
    }

    static void sendBatch(SqsClient client) {
        client.sendMessageBatch(SendMessageBatchRequest.builder().queueUrl(QUEUE_URL)
                .entries(SendMessageBatchRequestEntry.builder().id("1").messageBody("hello")
                        .messageGroupId("order-1").messageDeduplicationId("d-1").build())
                .build());
    }

    /** Runs {@code action} with stderr captured, and returns the fault report lines it printed (the rest goes on to stderr). */
    static List<String> faultReports(Runnable action) {
        return reports(FaultInjectingInterceptor.REPORT_PREFIX, action);
    }

    /** Runs {@code action} with stderr captured, and returns the lines it printed that start with {@code prefix}. */
    static List<String> reports(String prefix, Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        lines.stream().filter(line -> !line.startsWith(prefix)).forEach(original::println);
        return lines.stream().filter(line -> line.startsWith(prefix)).toList();
    }
}
