package io.github.orderevents.local.provision;

import io.github.orderevents.local.template.LocalResource;
import io.github.orderevents.local.template.SamTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the provisioner asks DynamoDB for, per resource type of the template, and what Ref gives for each. */
class ProvisionerTest {
    @TempDir
    Path dir;

    private final List<CreateTableRequest> created = new ArrayList<>();

    @Test
    void simpleTableWithoutPrimaryKeyIsAnOnDemandTableKeyedByStringId() throws IOException {
        LocalResources resources = provision("""
                Resources:
                  Things:
                    Type: AWS::Serverless::SimpleTable
                """);

        assertThat(created).singleElement().satisfies(table -> {
            assertThat(table.tableName()).isEqualTo("ledger-Things");
            assertThat(table.keySchema()).containsExactly(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build());
            assertThat(table.attributeDefinitions()).containsExactly(
                    AttributeDefinition.builder().attributeName("id").attributeType("S").build());
            assertThat(table.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        });
        LocalResource things = resources.get("Things");
        assertThat(things.type()).isEqualTo("AWS::Serverless::SimpleTable");
        assertThat(things.ref()).isEqualTo("ledger-Things");
        assertThat(things.attributes()).containsEntry("Arn", "arn:aws:dynamodb:us-east-1:000000000000:table/ledger-Things");
    }

    @Test
    void simpleTableTakesItsPrimaryKeyNameTableNameAndThroughputFromTheTemplate() throws IOException {
        LocalResources resources = provision("""
                Parameters:
                  Env:
                    Type: String
                    Default: dev
                Resources:
                  Counters:
                    Type: AWS::Serverless::SimpleTable
                    Properties:
                      TableName: !Sub counters-${Env}
                      PrimaryKey:
                        Name: counter
                        Type: Number
                      ProvisionedThroughput:
                        ReadCapacityUnits: 5
                        WriteCapacityUnits: 2
                """);

        CreateTableRequest table = created.getFirst();
        assertThat(table.tableName()).isEqualTo("counters-dev");
        assertThat(table.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("counter");
        assertThat(table.attributeDefinitions()).extracting(AttributeDefinition::attributeTypeAsString).containsExactly("N");
        assertThat(table.billingMode()).isEqualTo(BillingMode.PROVISIONED);
        assertThat(table.provisionedThroughput().readCapacityUnits()).isEqualTo(5);
        assertThat(table.provisionedThroughput().writeCapacityUnits()).isEqualTo(2);
        assertThat(resources.intrinsics().resolve(Map.of("Ref", "Counters"))).isEqualTo("counters-dev");
    }

    @Test
    void simpleTableWithAnUnknownKeyTypeIsRefused() {
        assertThatThrownBy(() -> provision("""
                Resources:
                  Bad:
                    Type: AWS::Serverless::SimpleTable
                    Properties:
                      PrimaryKey: {Name: id, Type: Boolean}
                """)).hasMessageContaining("String, Number or Binary");
    }

    @Test
    void eachRestApiHasAnIdOfItsOwn() throws IOException {
        LocalResources resources = provision("""
                Resources:
                  PublicApi:
                    Type: AWS::Serverless::Api
                    Properties: {StageName: Prod}
                  AdminApi:
                    Type: AWS::Serverless::Api
                    Properties: {StageName: admin}
                """);

        assertThat(resources.get("PublicApi").ref()).isEqualTo("publicapi");
        assertThat(resources.get("AdminApi").ref()).isEqualTo("adminapi");
    }

    private LocalResources provision(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("template.yaml"), yaml);
        return new Provisioner(SamTemplate.read(file), "ledger", "us-east-1", Map.of(), dynamo(created::add), noSqs()).provision();
    }

    /** A DynamoDB without tables that records each CreateTable. */
    private static DynamoDbClient dynamo(Consumer<CreateTableRequest> onCreate) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "describeTable" -> throw ResourceNotFoundException.builder().message("no such table").build();
                    case "createTable" -> {
                        CreateTableRequest request = args[0] instanceof CreateTableRequest r ? r
                                : CreateTableRequest.builder().applyMutation(castConsumer(args[0])).build();
                        onCreate.accept(request);
                        yield CreateTableResponse.builder().tableDescription(TableDescription.builder()
                                .tableName(request.tableName()).build()).build();
                    }
                    case "close" -> null;
                    case "serviceName" -> "dynamodb";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @SuppressWarnings("unchecked")
    private static Consumer<CreateTableRequest.Builder> castConsumer(Object consumer) {
        return (Consumer<CreateTableRequest.Builder>) consumer;
    }

    private static SqsClient noSqs() {
        return (SqsClient) Proxy.newProxyInstance(SqsClient.class.getClassLoader(), new Class<?>[] {SqsClient.class},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException("no queues in these templates: " + method.getName());
                });
    }
}
