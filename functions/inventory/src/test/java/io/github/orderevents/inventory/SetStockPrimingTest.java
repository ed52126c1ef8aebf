package io.github.orderevents.inventory;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.testing.EmbeddedDynamo;
import io.github.orderevents.aws.testing.FakeContext;
import io.github.orderevents.aws.testing.SnapStartHooks;
import io.github.orderevents.aws.testing.TableContents;
import io.github.orderevents.aws.testing.TestTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SetStockHandler's SnapStart hooks on DynamoDB Local: they write nothing, and the first PUT after them sets the stock. */
class SetStockPrimingTest {
    @RegisterExtension
    static final EmbeddedDynamo DYNAMO = new EmbeddedDynamo();

    @Test
    void primingWritesNothingAndTheFirstPutAfterTheRestoreSetsTheStock() throws Exception {
        TestTables tables = TestTables.create(DYNAMO.client());
        Map<String, String> variables = new HashMap<>(DYNAMO.environment());
        variables.put("STOCK_TABLE", tables.stock());
        Env env = Env.of(variables);

        SetStockHandler handler = SnapStartHooks.constructCheckpointAndRestore("set-stock",
                () -> new SetStockHandler(env, new AwsClients(env)), () -> TableContents.of(DYNAMO.client()));

        var response = handler.handleRequest(EventLoader.loadApiGatewayRestEvent("events/set-stock.json"),
                FakeContext.withRemainingMillis(10_000));
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(DYNAMO.client().scan(r -> r.tableName(tables.stock())).count()).isEqualTo(1);
    }
}
