package io.github.orderevents.systemtests.template;

import io.github.orderevents.local.template.SamTemplate;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.orderevents.aws.RoutingConfig;
import io.github.orderevents.aws.dynamo.DynamoInventory;
import io.github.orderevents.aws.dynamo.OrderItems;
import io.github.orderevents.aws.OutboxWiring;
import io.github.orderevents.aws.dynamo.OutboxItems;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.Priority;
import io.github.orderevents.domain.outbox.Route;
import io.github.orderevents.domain.outbox.RoutingTable;
import io.github.orderevents.local.template.SamTemplate.Resource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.orderevents.local.template.SamTemplate.list;
import static io.github.orderevents.local.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

/** template.yaml and the code must agree: names, keys, handlers, trigger settings. */
class TemplateMatchesCodeTest {
    private final SamTemplate template = ProjectFiles.template();

    @Test
    void everyHandlerIsARequestHandlerClassOfItsModule() throws Exception {
        for (Resource function : template.resources("AWS::Serverless::Function").values()) {
            String handler = (String) function.properties().get("Handler");
            String codeUri = (String) template.functionProperty(function, "CodeUri").orElseThrow();

            assertThat(handler).as(function.logicalId()).endsWith("::handleRequest");
            Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
            assertThat(RequestHandler.class.isAssignableFrom(type) || RequestStreamHandler.class.isAssignableFrom(type))
                    .as("%s is a RequestHandler or RequestStreamHandler", function.logicalId()).isTrue();
            assertThat(type.getConstructor()).as("%s needs a public no-argument constructor", type).isNotNull();
            assertThat(codeUri).as(function.logicalId()).matches("functions/[a-z-]+/target/function\\.jar");
            assertThat(Files.exists(ProjectFiles.root().resolve(codeUri).getParent().getParent().resolve("pom.xml")))
                    .as("%s: CodeUri %s names a Maven module", function.logicalId(), codeUri).isTrue();
        }
    }

    @Test
    void tableKeysAreTheOnesTheCodeUses() {
        Map<String, Resource> tables = template.resources("AWS::DynamoDB::Table");

        assertThat(keys(tables.get("OrdersTable").properties())).containsExactly(OrderItems.KEY + ":HASH");
        Map<String, Object> outbox = tables.get("OutboxTable").properties();
        assertThat(keys(outbox)).containsExactly(OutboxItems.HASH_KEY + ":HASH", OutboxItems.RANGE_KEY + ":RANGE");
        Map<String, Object> index = map(list(outbox.get("GlobalSecondaryIndexes")).get(0));
        assertThat(index.get("IndexName")).isEqualTo(OutboxItems.PENDING_INDEX);
        assertThat(keys(index)).containsExactly(OutboxItems.PENDING_SHARD + ":HASH", "occurredAt:RANGE");
        Map<String, Object> failedIndex = map(list(outbox.get("GlobalSecondaryIndexes")).get(1));
        assertThat(failedIndex.get("IndexName")).isEqualTo(OutboxItems.FAILED_INDEX);
        assertThat(keys(failedIndex)).containsExactly(OutboxItems.FAILED_PARTITION + ":HASH", "occurredAt:RANGE");
        assertThat(map(failedIndex.get("Projection")).get("ProjectionType")).isEqualTo("INCLUDE");
        assertThat(list(map(failedIndex.get("Projection")).get("NonKeyAttributes")))
                .containsExactlyInAnyOrderElementsOf(OutboxItems.FAILED_INDEX_ATTRIBUTES);
        assertThat(map(outbox.get("StreamSpecification")).get("StreamViewType")).isEqualTo("NEW_IMAGE");
        assertThat(map(outbox.get("TimeToLiveSpecification")).get("AttributeName")).isEqualTo("expiresAt");
        // Powertools idempotency's table layout: key "id", TTL "expiration".
        Map<String, Object> idempotency = tables.get("IdempotencyTable").properties();
        assertThat(keys(idempotency)).containsExactly("id:HASH");
        assertThat(map(idempotency.get("TimeToLiveSpecification")).get("AttributeName")).isEqualTo("expiration");
        assertThat(keys(tables.get("StockTable").properties())).containsExactly(DynamoInventory.KEY + ":HASH");
        assertThat(keys(tables.get("NotificationsTable").properties()))
                .containsExactly("customerId:HASH", "notificationId:RANGE");
        Map<String, Object> checkpoints = tables.get("CheckpointsTable").properties();
        assertThat(keys(checkpoints)).containsExactly("checkpointId:HASH");
        assertThat(map(checkpoints.get("TimeToLiveSpecification")).get("AttributeName")).isEqualTo("expiresAt");
    }

    @Test
    void onlyCreateOrderKeepsIdempotencyRecordsTheConsumersRelyOnTheirTransactions() {
        List<String> withIdempotencyTable = template.resources("AWS::Serverless::Function").values().stream()
                .filter(function -> variable(function, "IDEMPOTENCY_TABLE") != null)
                .map(Resource::logicalId).toList();

        assertThat(withIdempotencyTable).containsExactly("CreateOrderFunction");
        assertThat(variable(template.resources("AWS::Serverless::Function").get("CreateOrderFunction"), "IDEMPOTENCY_TABLE"))
                .isEqualTo(Map.of("Ref", "IdempotencyTable"));
    }

    @Test
    void relayRoutesEveryLaneAndEventTypeToQueuesOfTheTemplate() {
        RoutingTable table = RoutingConfig.parse(resolvedRoutes());

        for (Priority lane : Priority.values()) {
            for (EventType type : EventType.values()) {
                assertThat(table.routesFor(lane, type)).as(lane + " " + type).isNotEmpty();
            }
        }
        assertThat(table.destinations()).containsExactlyInAnyOrder(
                "https://sqs.local/InventoryQueue", "https://sqs.local/NotificationsQueue",
                "https://sqs.local/InventoryExpressQueue", "https://sqs.local/NotificationsExpressQueue");
    }

    @Test
    void theLanesShareNoQueueSoAStandardBacklogNeverHoldsAnExpressEvent() {
        RoutingTable table = RoutingConfig.parse(resolvedRoutes());

        for (EventType type : EventType.values()) {
            List<String> standard = table.routesFor(Priority.STANDARD, type).stream().map(Route::destination).toList();
            List<String> express = table.routesFor(Priority.EXPRESS, type).stream().map(Route::destination).toList();
            assertThat(express).as(type.name()).allSatisfy(queue -> assertThat(queue).contains("Express"))
                    .doesNotContainAnyElementsOf(standard);
            assertThat(express).as(type.name()).hasSameSizeAs(standard);
        }
    }

    @Test
    void eachLanesQueueIsConsumedByAFunctionOfItsOwnRunningTheSameCode() {
        Map<String, Resource> functions = template.resources("AWS::Serverless::Function");
        Map<String, String> consumers = Map.of("InventoryQueue", "InventoryFunction",
                "InventoryExpressQueue", "InventoryExpressFunction", "NotificationsQueue", "NotificationFunction",
                "NotificationsExpressQueue", "NotificationExpressFunction");
        consumers.forEach((queue, function) -> assertThat(consumersOf(queue)).as(queue).containsExactly(function));
        for (String[] pair : new String[][]{{"InventoryFunction", "InventoryExpressFunction"},
                {"NotificationFunction", "NotificationExpressFunction"}}) {
            Map<String, Object> standard = functions.get(pair[0]).properties();
            Map<String, Object> express = functions.get(pair[1]).properties();
            assertThat(express.get("CodeUri")).as(pair[1]).isEqualTo(standard.get("CodeUri"));
            assertThat(express.get("Handler")).as(pair[1]).isEqualTo(standard.get("Handler"));
            assertThat(express.get("Role")).as(pair[1]).isNotEqualTo(standard.get("Role"));
            assertThat(map(express.get("LoggingConfig"))).as(pair[1]).isNotEqualTo(map(standard.get("LoggingConfig")));
        }
    }

    @Test
    void eachConsumerParksInTheDeadLetterQueueOfTheQueueItReads() {
        Map<String, Resource> queues = template.resources("AWS::SQS::Queue");
        template.resources("AWS::Serverless::Function").forEach((id, function) ->
                map(function.properties().get("Events")).values().stream().map(SamTemplate::map)
                        .filter(e -> "SQS".equals(e.get("Type")))
                        .map(e -> (String) list(map(map(e.get("Properties")).get("Queue")).get("Fn::GetAtt")).get(0))
                        .forEach(queue -> {
                            Object dlq = list(map(map(queues.get(queue).properties().get("RedrivePolicy"))
                                    .get("deadLetterTargetArn")).get("Fn::GetAtt")).get(0);
                            assertThat(variable(function, "DEAD_LETTER_QUEUE_URL")).as(id).isEqualTo(Map.of("Ref", dlq));
                        }));
    }

    @Test
    void theRedriveToolKnowsEveryDeadLetterQueueAndSendsItsMessagesBackToItsSource() throws Exception {
        Resource redrive = template.resources("AWS::Serverless::Function").get("DlqRedriveFunction");
        String queues = (String) map(variable(redrive, "REDRIVE_QUEUES")).get("Fn::Sub");
        Map<String, Object> configured = map(io.github.orderevents.aws.Json.MAPPER.readValue(queues, Map.class));
        Map<String, String> configuredDlqToSource = new java.util.TreeMap<>();
        configured.values().stream().map(SamTemplate::map).forEach(route -> configuredDlqToSource.put(
                unwrap((String) route.get("deadLetterQueueUrl")), unwrap((String) route.get("sourceQueueUrl"))));

        Map<String, String> templateDlqToSource = new java.util.TreeMap<>();
        template.resources("AWS::SQS::Queue").forEach((id, queue) -> {
            Map<String, Object> policy = map(queue.properties().get("RedrivePolicy"));
            if (!policy.isEmpty()) {
                templateDlqToSource.put((String) list(map(policy.get("deadLetterTargetArn")).get("Fn::GetAtt")).get(0), id);
            }
        });

        assertThat(configuredDlqToSource).isEqualTo(templateDlqToSource);
        assertThat(configured.keySet()).containsExactlyInAnyOrder("inventory", "notifications", "inventory-express",
                "notifications-express");
    }

    private static String unwrap(String sub) {
        assertThat(sub).startsWith("${").endsWith("}");
        return sub.substring(2, sub.length() - 1);
    }

    /** The relay's OUTBOX_ROUTES with each ${Queue} replaced by a URL naming the queue's logical id. */
    private String resolvedRoutes() {
        Resource relay = template.resources("AWS::Serverless::Function").get("OutboxRelayFunction");
        Map<String, Object> variables = map(map(relay.properties().get("Environment")).get("Variables"));
        String routes = (String) map(variables.get(RoutingConfig.VARIABLE)).get("Fn::Sub");

        // ${Queue} in Fn::Sub is the queue's URL; the routes must name queues that exist.
        String resolved = routes;
        for (String queue : template.resources("AWS::SQS::Queue").keySet()) {
            resolved = resolved.replace("${" + queue + "}", "https://sqs.local/" + queue);
        }
        assertThat(resolved).doesNotContain("${");
        return resolved;
    }

    private List<String> consumersOf(String queueId) {
        List<String> consumers = new ArrayList<>();
        template.resources("AWS::Serverless::Function").forEach((id, function) ->
                map(function.properties().get("Events")).values().stream().map(SamTemplate::map)
                        .filter(e -> "SQS".equals(e.get("Type")))
                        .filter(e -> Map.of("Fn::GetAtt", List.of(queueId, "Arn")).equals(map(e.get("Properties")).get("Queue")))
                        .forEach(e -> consumers.add(id)));
        return consumers;
    }

    @Test
    void relaysAndSweeperCountPublishAttemptsAgainstTheSameParameter() {
        for (String function : List.of("OutboxRelayFunction", "OutboxExpressRelayFunction", "OutboxSweeperFunction")) {
            assertThat(variable(template.resources("AWS::Serverless::Function").get(function), OutboxWiring.MAX_PUBLISH_ATTEMPTS))
                    .as(function).isEqualTo(Map.of("Ref", "MaxPublishAttempts"));
        }
        Map<String, Object> parameter = map(map(template.document().get("Parameters")).get("MaxPublishAttempts"));
        assertThat(((Number) parameter.get("MinValue")).intValue()).isOne();
        // Above the stream path's own tries (1 + MaximumRetryAttempts), so the sweeper gets a go before a row is FAILED.
        assertThat(((Number) parameter.get("Default")).intValue())
                .isGreaterThan(1 + (Integer) eventOf("OutboxRelayFunction", "DynamoDB").get("MaximumRetryAttempts"));
    }

    @Test
    void outboxStreamTriggersRetryBoundedAndInOrder() {
        for (String relay : List.of("OutboxRelayFunction", "OutboxExpressRelayFunction")) {
            Map<String, Object> stream = eventOf(relay, "DynamoDB");

            assertThat(stream.get("Stream")).as(relay).isEqualTo(Map.of("Fn::GetAtt", List.of("OutboxTable", "StreamArn")));
            assertThat(stream.get("BisectBatchOnFunctionError")).as(relay).isEqualTo(true);
            assertThat((Integer) stream.get("MaximumRetryAttempts")).as(relay).isBetween(0, 100);
            assertThat((Integer) stream.get("MaximumRecordAgeInSeconds")).as(relay).isBetween(60, 86_400);
            assertThat(stream.get("ParallelizationFactor")).as(relay).isEqualTo(1);
            assertThat(list(stream.get("FunctionResponseTypes"))).as(relay).containsExactly("ReportBatchItemFailures");
            Map<String, Object> onFailure = map(map(stream.get("DestinationConfig")).get("OnFailure"));
            assertThat(onFailure.get("Type")).as(relay).isEqualTo("SQS");
            assertThat(onFailure.get("Destination")).as(relay).isEqualTo(Map.of("Fn::GetAtt", List.of("OutboxRelayFailureQueue", "Arn")));
        }
    }

    @Test
    void eachRelayIsHandedTheNewRowsOfItsOwnLaneOnly() {
        assertThat(filters("OutboxRelayFunction")).containsExactly(
                "{\"dynamodb\": {\"NewImage\": {\"status\": {\"S\": [\"PENDING\"]}, \"priority\": {\"S\": [\"standard\"]}}}}",
                "{\"dynamodb\": {\"NewImage\": {\"status\": {\"S\": [\"PENDING\"]}, \"priority\": {\"S\": [{\"exists\": false}]}}}}");
        assertThat(filters("OutboxExpressRelayFunction")).containsExactly(
                "{\"dynamodb\": {\"NewImage\": {\"status\": {\"S\": [\"PENDING\"]}, \"priority\": {\"S\": [\"express\"]}}}}");
        // The filters read the attribute the outbox row is written with, by the name the lanes have on the wire.
        assertThat(OrderItems.PRIORITY).isEqualTo("priority");
        assertThat(Priority.STANDARD.wireName()).isEqualTo("standard");
        assertThat(Priority.EXPRESS.wireName()).isEqualTo("express");
        assertThat(OutboxItems.pendingRow(io.github.orderevents.domain.testing.Orders.express(
                io.github.orderevents.domain.testing.Orders.event(EventType.OrderPlaced, "ord-1", "cust-1", 1)))
                .get(OrderItems.PRIORITY).s()).isEqualTo("express");
    }

    private List<Object> filters(String function) {
        return list(map(eventOf(function, "DynamoDB").get("FilterCriteria")).get("Filters")).stream()
                .map(f -> map(f).get("Pattern")).toList();
    }

    @Test
    void everyFifoQueueHasAFifoDeadLetterQueueThatAllowsRedriveFromIt() {
        Map<String, Resource> queues = template.resources("AWS::SQS::Queue");
        List<String> sources = new ArrayList<>();
        queues.forEach((id, queue) -> {
            Map<String, Object> redrive = map(queue.properties().get("RedrivePolicy"));
            if (redrive.isEmpty()) {
                return;
            }
            sources.add(id);
            String dlqId = (String) list(map(redrive.get("deadLetterTargetArn")).get("Fn::GetAtt")).get(0);
            Map<String, Object> dlq = queues.get(dlqId).properties();
            assertThat(queue.properties().get("FifoQueue")).as(id).isEqualTo(true);
            assertThat(dlq.get("FifoQueue")).as("DLQ of a FIFO queue is FIFO: " + dlqId).isEqualTo(true);
            assertThat((Integer) redrive.get("maxReceiveCount")).as(id).isBetween(3, 5);
            // Lambda's guidance for SQS event sources: visibility timeout >= 6 x the consumer's timeout.
            assertThat((Integer) queue.properties().get("VisibilityTimeout")).as(id)
                    .isGreaterThanOrEqualTo(6 * consumerTimeout(id));
            assertThat((Integer) dlq.get("MessageRetentionPeriod")).as(dlqId)
                    .isGreaterThan((Integer) queue.properties().get("MessageRetentionPeriod"));
            Map<String, Object> allow = map(dlq.get("RedriveAllowPolicy"));
            assertThat(allow.get("redrivePermission")).isEqualTo("byQueue");
            String sourceName = (String) map(queue.properties().get("QueueName")).get("Fn::Sub");
            assertThat(list(allow.get("sourceQueueArns"))).singleElement()
                    .satisfies(arn -> assertThat((String) map(arn).get("Fn::Sub")).endsWith(":" + sourceName));
        });
        assertThat(sources).containsExactlyInAnyOrder("InventoryQueue", "NotificationsQueue", "InventoryExpressQueue",
                "NotificationsExpressQueue");
    }

    @Test
    void everyQueueHasOneConsumerThatReportsBatchItemFailures() {
        for (String queue : List.of("InventoryQueue", "NotificationsQueue", "InventoryExpressQueue", "NotificationsExpressQueue")) {
            List<Map<String, Object>> triggers = sqsTriggersOf(queue);
            assertThat(triggers).as(queue).hasSize(1);
            assertThat(list(triggers.get(0).get("FunctionResponseTypes"))).as(queue).containsExactly("ReportBatchItemFailures");
            assertThat((Integer) triggers.get(0).get("BatchSize")).as(queue).isBetween(1, 10);
        }
    }

    @Test
    void sweeperAndExpressRelayPublishThroughTheRelaysRoutes() {
        Map<String, Resource> functions = template.resources("AWS::Serverless::Function");
        assertThat(variable(functions.get("OutboxSweeperFunction"), RoutingConfig.VARIABLE))
                .isEqualTo(variable(functions.get("OutboxRelayFunction"), RoutingConfig.VARIABLE));
        assertThat(variable(functions.get("OutboxExpressRelayFunction"), RoutingConfig.VARIABLE))
                .isEqualTo(variable(functions.get("OutboxRelayFunction"), RoutingConfig.VARIABLE));
    }

    @Test
    void everyDeadLetterQueueIsWatchedForDepthAndAge() {
        Map<String, Resource> alarms = template.resources("AWS::CloudWatch::Alarm");
        template.resources("AWS::SQS::Queue").forEach((id, queue) -> {
            Map<String, Object> redrive = map(queue.properties().get("RedrivePolicy"));
            if (redrive.isEmpty()) {
                return;
            }
            String dlq = (String) list(map(redrive.get("deadLetterTargetArn")).get("Fn::GetAtt")).get(0);
            assertThat(alarmedMetrics(alarms, dlq)).as(dlq)
                    .contains("ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage");
            assertThat(alarmedMetrics(alarms, id)).as(id).contains("ApproximateAgeOfOldestMessage");
        });
        alarms.forEach((id, alarm) -> assertThat(list(alarm.properties().get("AlarmActions"))).as(id)
                .containsExactly(Map.of("Ref", "AlarmTopic")));
    }

    @Test
    void settingStockAlwaysNeedsIam() {
        Map<String, Object> paths = map(map(template.resources("AWS::Serverless::Api").get("OrdersApi").properties()
                .get("DefinitionBody")).get("paths"));
        assertThat(list(map(map(paths.get("/inventory/{sku}")).get("put")).get("security")))
                .containsExactly(Map.of("AWS_IAM", List.of()));
    }

    @Test
    void namesComeFromTheStack() {
        template.resources("AWS::SQS::Queue").forEach((id, queue) ->
                assertThat((String) map(queue.properties().get("QueueName")).get("Fn::Sub"))
                        .as(id).startsWith("${AWS::StackName}-"));
        template.resources("AWS::DynamoDB::Table").forEach((id, table) ->
                assertThat(table.properties()).as(id).doesNotContainKey("TableName"));
    }

    @Test
    void apiRoutesInvokeTheFunctionsOfTheirEvents() {
        Map<String, Object> paths = map(map(template.resources("AWS::Serverless::Api").get("OrdersApi").properties()
                .get("DefinitionBody")).get("paths"));
        template.resources("AWS::Serverless::Function").forEach((id, function) ->
                map(function.properties().get("Events")).values().stream().map(SamTemplate::map)
                        .filter(e -> "Api".equals(e.get("Type"))).map(e -> map(e.get("Properties")))
                        .forEach(api -> {
                            Map<String, Object> operation = map(map(paths.get(api.get("Path"))).get(api.get("Method")));
                            String uri = (String) map(map(operation.get("x-amazon-apigateway-integration")).get("uri")).get("Fn::Sub");
                            assertThat(uri).as("%s %s", api.get("Method"), api.get("Path")).contains("${" + id + ".Alias}");
                            assertThat(list(operation.get("security"))).isIn(List.of(), List.of(Map.of("AWS_IAM", List.of())));
                        }));
    }

    private Map<String, Object> eventOf(String functionId, String type) {
        return map(template.resources("AWS::Serverless::Function").get(functionId).properties().get("Events"))
                .values().stream().map(SamTemplate::map).filter(e -> type.equals(e.get("Type")))
                .map(e -> map(e.get("Properties"))).findFirst().orElseThrow();
    }

    private List<Map<String, Object>> sqsTriggersOf(String queueId) {
        List<Map<String, Object>> triggers = new ArrayList<>();
        template.resources("AWS::Serverless::Function").values().forEach(function ->
                map(function.properties().get("Events")).values().stream().map(SamTemplate::map)
                        .filter(e -> "SQS".equals(e.get("Type"))).map(e -> map(e.get("Properties")))
                        .filter(p -> Map.of("Fn::GetAtt", List.of(queueId, "Arn")).equals(p.get("Queue")))
                        .forEach(triggers::add));
        return triggers;
    }

    private int consumerTimeout(String queueId) {
        return template.resources("AWS::Serverless::Function").values().stream()
                .filter(function -> map(function.properties().get("Events")).values().stream().map(SamTemplate::map)
                        .anyMatch(e -> "SQS".equals(e.get("Type"))
                                && Map.of("Fn::GetAtt", List.of(queueId, "Arn")).equals(map(e.get("Properties")).get("Queue"))))
                .mapToInt(function -> (Integer) template.functionProperty(function, "Timeout").orElse(3))
                .findFirst().orElseThrow(() -> new AssertionError("no consumer of " + queueId));
    }

    private static Object variable(Resource function, String name) {
        return map(map(function.properties().get("Environment")).get("Variables")).get(name);
    }

    private static List<Object> alarmedMetrics(Map<String, Resource> alarms, String queueId) {
        return alarms.values().stream().map(Resource::properties)
                .filter(p -> list(p.get("Dimensions")).stream().map(SamTemplate::map)
                        .anyMatch(d -> Map.of("Fn::GetAtt", List.of(queueId, "QueueName")).equals(d.get("Value"))))
                .map(p -> p.get("MetricName")).toList();
    }

    private static List<String> keys(Map<String, Object> definition) {
        return list(definition.get("KeySchema")).stream().map(SamTemplate::map)
                .map(k -> k.get("AttributeName") + ":" + k.get("KeyType")).toList();
    }
}
