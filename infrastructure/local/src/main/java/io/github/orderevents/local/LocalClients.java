package io.github.orderevents.local;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.time.Duration;

/**
 * The SDK clients the local cloud itself uses to provision and drive its backends: fixed local
 * credentials, one region, an explicit endpoint. Never the user's credentials or configuration.
 */
public final class LocalClients {
    /** The credentials the local cloud uses and hands to its functions: any value works locally. */
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";

    private final String region;
    private final SdkHttpClient http = UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(2))
            .socketTimeout(Duration.ofSeconds(30))
            .build();

    public LocalClients(String region) {
        this.region = region;
    }

    /** A client of any service, e.g. {@code build(SqsClient.builder(), endpoint)}. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, URI endpoint) {
        return builder.httpClient(http)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .endpointOverride(endpoint)
                .build();
    }
}
