package io.github.orderevents.local.faults.sdk;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;

/**
 * A stand-in for a function process: builds a DynamoDB client the way a function does, with no
 * interceptor of its own, and reports on stdout what its calls did. Run by {@link GlobalRegistrationTest}
 * in a JVM of its own, configured by environment variables as the local cloud configures a function.
 */
public final class GlobalRegistrationProbe {
    private GlobalRegistrationProbe() {
    }

    public static void main(String[] args) {
        DynamoDbClient client;
        try {
            client = DynamoDbClient.builder()
                    .endpointOverride(URI.create(args[0]))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build();
        } catch (RuntimeException e) {
            System.out.println("build failed: " + e.getClass().getName() + ": " + e.getMessage());
            System.exit(3);
            return;
        }
        try (client) {
            TestClients.getItem(client);
            System.out.println("GetItem passed");
            try {
                TestClients.putItem(client);
                System.out.println("PutItem passed");
            } catch (SdkServiceException e) {
                System.out.println("PutItem failed: " + e.getClass().getSimpleName() + " " + e.statusCode()
                        + " after " + e.numAttempts() + " attempts");
            }
        }
    }
}
