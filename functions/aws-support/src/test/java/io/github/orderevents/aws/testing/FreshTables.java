package io.github.orderevents.aws.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local for a test class and a fresh set of this app's tables for each of its tests:
 * {@code @RegisterExtension static final FreshTables DYNAMO = new FreshTables();}, then
 * {@code DYNAMO.client()} and {@code DYNAMO.tables()}.
 */
public final class FreshTables implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private final EmbeddedDynamo dynamo = new EmbeddedDynamo();
    private TestTables tables;

    @Override
    public void beforeAll(ExtensionContext context) {
        dynamo.beforeAll(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        dynamo.afterAll(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        tables = TestTables.create(dynamo.client());
    }

    public DynamoDbClient client() {
        return dynamo.client();
    }

    /** The tables of the running test. */
    public TestTables tables() {
        return tables;
    }

    public EmbeddedDynamo dynamo() {
        return dynamo;
    }
}
