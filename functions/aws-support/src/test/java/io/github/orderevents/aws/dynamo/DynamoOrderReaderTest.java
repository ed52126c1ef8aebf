package io.github.orderevents.aws.dynamo;

import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.TestTables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import io.github.orderevents.domain.OrderReader;
import io.github.orderevents.domain.OrderReaderContract;
import io.github.orderevents.domain.OrderStore;

/** The orders table read back through {@link DynamoOrderReader}, written by {@link DynamoOrderStore}. */
class DynamoOrderReaderTest extends OrderReaderContract {
    @RegisterExtension
    static final EmbeddedDynamo DYNAMO_LOCAL = new EmbeddedDynamo();
    private final DynamoDbClient dynamo = DYNAMO_LOCAL.client();
    private TestTables tables;

    @BeforeEach
    void freshTables() {
        tables = TestTables.create(dynamo);
    }

    @Override
    protected OrderReader reader() {
        return new DynamoOrderReader(dynamo, tables.orders());
    }

    @Override
    protected OrderStore writer() {
        return new DynamoOrderStore(dynamo, tables.orders(), tables.outbox());
    }
}
