package io.github.orderevents.notification;

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

/** ListNotificationsHandler's SnapStart hooks on DynamoDB Local: they change nothing, and the first GET after them answers. */
class ListNotificationsPrimingTest {
    @RegisterExtension
    static final EmbeddedDynamo DYNAMO = new EmbeddedDynamo();

    @Test
    void primingChangesNothingAndTheFirstGetAfterTheRestoreAnswers() throws Exception {
        TestTables tables = TestTables.create(DYNAMO.client());
        Map<String, String> variables = new HashMap<>(DYNAMO.environment());
        variables.put("NOTIFICATIONS_TABLE", tables.notifications());
        Env env = Env.of(variables);

        ListNotificationsHandler handler = SnapStartHooks.constructCheckpointAndRestore("list-notifications",
                () -> new ListNotificationsHandler(env, new AwsClients(env)), () -> TableContents.of(DYNAMO.client()));

        var response = handler.handleRequest(EventLoader.loadApiGatewayRestEvent("events/list-notifications.json"),
                FakeContext.withRemainingMillis(10_000));
        assertThat(response.getStatusCode()).isEqualTo(200);
    }
}
