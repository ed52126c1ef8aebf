package io.github.orderevents.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that builds AWS clients. Region and credentials come straight from the environment
 * Lambda sets (no provider-chain probing at cold start), HTTP goes through the small
 * {@link UrlConnectionHttpClient}, and the SDK's own endpoint settings ({@code AWS_ENDPOINT_URL},
 * {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL_SQS}) point clients at local emulators.
 * Build it once per process (in a handler's constructor); each client is built on first use.
 */
public final class AwsClients {
    private final Env env;
    private final SdkHttpClient http;
    private DynamoDbClient dynamoDb;
    private final Map<String, Object> built = new HashMap<>();

    public AwsClients(Env env) {
        this.env = env;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .build();
    }

    public static AwsClients fromEnvironment() {
        return new AwsClients(Env.current());
    }

    /** The DynamoDB client of this process, shared by all its users (every function uses DynamoDB). */
    public synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = build(DynamoDbClient.builder(), "DYNAMODB");
        }
        return dynamoDb;
    }

    /**
     * Builds a client of any service from its builder, e.g. {@code build(SqsClient.builder(), "SQS")}.
     * Taking the builder keeps this class free of service classes, so a function's jar carries only
     * the SDK modules that function uses. {@code serviceId} names the endpoint variable
     * {@code AWS_ENDPOINT_URL_<serviceId>}, as the SDK does. A second call for the same {@code serviceId}
     * returns the client the first one built.
     */
    @SuppressWarnings("unchecked")
    public synchronized <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, String serviceId) {
        // One client per service, so a function's SnapStart priming warms the very client its handler calls.
        return (C) built.computeIfAbsent(serviceId, id -> configure(builder, id));
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder, String serviceId) {
        builder.httpClient(http)
                .region(region())
                .credentialsProvider(credentials());
        env.get("AWS_ENDPOINT_URL_" + serviceId).or(() -> env.get("AWS_ENDPOINT_URL"))
                .ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
        return builder.build();
    }

    private Region region() {
        return Region.of(env.get("AWS_REGION").or(() -> env.get("AWS_DEFAULT_REGION"))
                .orElseThrow(() -> new IllegalStateException("AWS_REGION is not set")));
    }

    private AwsCredentialsProvider credentials() {
        var accessKey = env.get("AWS_ACCESS_KEY_ID");
        var secretKey = env.get("AWS_SECRET_ACCESS_KEY");
        // Under SnapStart Lambda sets none of the key variables: it serves the execution role's credentials
        // from a container endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI), which the default chain reads and
        // refreshes after a restore. Without SnapStart the variables hold them for the sandbox's lifetime.
        if (accessKey.isEmpty() || secretKey.isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(env.get("AWS_SESSION_TOKEN")
                .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                        token -> AwsSessionCredentials.create(accessKey.get(), secretKey.get(), token))
                .orElseGet(() -> AwsBasicCredentials.create(accessKey.get(), secretKey.get())));
    }
}
