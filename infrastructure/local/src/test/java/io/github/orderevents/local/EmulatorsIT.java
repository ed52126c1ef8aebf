package io.github.orderevents.local;

import io.github.orderevents.local.testing.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** DynamoDB Local, on its own Jetty server, keeps the CLI's meaning of -sharedDb, -dbPath and -inMemory. */
class EmulatorsIT {

    @Test
    void tablesInTheDataDirOutliveARestartAndEveryCredentialSeesThem(@TempDir Path dataDir) {
        int port = FreePort.find();
        try (Emulators emulators = Emulators.start("127.0.0.1", port, FreePort.find(), Optional.of(dataDir))) {
            client(emulators.dynamoEndpoint(), "alice", "eu-west-1").createTable(r -> r.tableName("Kept")
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
        }
        try (Emulators emulators = Emulators.start("127.0.0.1", port, FreePort.find(), Optional.of(dataDir))) {
            assertThat(client(emulators.dynamoEndpoint(), "bob", "us-east-1").listTables().tableNames()).containsExactly("Kept");
        }
        assertThat(dataDir.resolve("shared-local-instance.db")).exists();
    }

    @Test
    void inMemoryTablesAreGoneAfterARestart() {
        int port = FreePort.find();
        try (Emulators emulators = Emulators.start("127.0.0.1", port, FreePort.find(), Optional.empty())) {
            client(emulators.dynamoEndpoint(), "alice", "us-east-1").createTable(r -> r.tableName("Fleeting")
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
        }
        try (Emulators emulators = Emulators.start("127.0.0.1", port, FreePort.find(), Optional.empty())) {
            assertThat(client(emulators.dynamoEndpoint(), "alice", "us-east-1").listTables().tableNames()).isEmpty();
        }
    }

    private static DynamoDbClient client(URI endpoint, String accessKey, String region) {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
                .endpointOverride(endpoint).build();
    }
}
