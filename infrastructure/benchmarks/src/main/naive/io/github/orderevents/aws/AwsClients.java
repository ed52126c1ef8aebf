package io.github.orderevents.aws;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The benchmark's naive baseline of the function's client factory: what a handler gets from the SDK's defaults.
 * The same public API as the real one, so the handler runs unchanged; built into a copy of a function's jar by the
 * benchmark (NaiveBuild), never shipped. The Apache HTTP client (the SDK's default sync client), the default
 * credentials and region provider chains (probing in order), and the DynamoDB client built eagerly, in the
 * constructor. The SDK reads the endpoint variables (AWS_ENDPOINT_URL_DYNAMODB, ...) itself.
 */
public final class AwsClients {
    private final DynamoDbClient dynamoDb;

    public AwsClients(Env env) {
        this.dynamoDb = build(DynamoDbClient.builder(), "DYNAMODB");
    }

    public static AwsClients fromEnvironment() {
        return new AwsClients(Env.current());
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, String serviceId) {
        builder.httpClientBuilder(ApacheHttpClient.builder())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .region(new DefaultAwsRegionProviderChain().getRegion());
        return builder.build();
    }
}
