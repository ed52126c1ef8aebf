package io.github.orderevents.aws.dynamo;

import io.github.orderevents.aws.testing.FreshTables;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import io.github.orderevents.domain.OrderReader;
import io.github.orderevents.domain.OrderReaderContract;
import io.github.orderevents.domain.OrderStore;

/** The orders table read back through {@link DynamoOrderReader}, written by {@link DynamoOrderStore}. */
class DynamoOrderReaderTest extends OrderReaderContract {
    @RegisterExtension
    static final FreshTables DYNAMO = new FreshTables();
    private final DynamoDbClient dynamo = DYNAMO.client();


    @Override
    protected OrderReader reader() {
        return new DynamoOrderReader(dynamo, DYNAMO.tables().orders());
    }

    @Override
    protected OrderStore writer() {
        return new DynamoOrderStore(dynamo, DYNAMO.tables().orders(), DYNAMO.tables().outbox());
    }
}
