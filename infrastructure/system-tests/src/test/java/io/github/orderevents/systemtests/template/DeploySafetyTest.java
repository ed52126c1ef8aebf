package io.github.orderevents.systemtests.template;

import io.github.orderevents.local.template.SamTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.github.orderevents.local.template.SamTemplate.list;
import static io.github.orderevents.local.template.SamTemplate.map;
import static io.github.orderevents.systemtests.template.SamTranslation.idsOfType;
import static io.github.orderevents.systemtests.template.SamTranslation.resources;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a deploy of template.yaml does to a stack that already exists, read off SAM's own translation: one
 * API stage, the throttled one; a switch of the API's authorization reaches the stage; every
 * configuration change reaches the alias the triggers call; data survives a delete or a replacement;
 * sam build passes the Maven-built jars through.
 */
class DeploySafetyTest {
    private static final String CREATE_ORDER_TIMEOUT = """
            Handler: io.github.orderevents.createorder.CreateOrderHandler::handleRequest
                  # Well under API Gateway's 29 s integration timeout; Powertools ties its in-progress expiry to it.
                  Timeout: 10""";
    private static final String LONGER_TIMEOUT = CREATE_ORDER_TIMEOUT.replace("Timeout: 10", "Timeout: 11");

    private final SamTemplate template = ProjectFiles.template();

    @ParameterizedTest(name = "OrderApiAuthorization={0}")
    @ValueSource(strings = {"AWS_IAM", "NONE"})
    void theApiHasOneStageAndItIsTheThrottledOne(String authorization) {
        Map<String, Object> out = SamTranslation.ofProjectTemplate(Map.of("OrderApiAuthorization", authorization));

        assertThat(idsOfType(out, "AWS::ApiGateway::Stage")).singleElement().satisfies(id -> {
            Map<String, Object> stage = map(resources(out).get(id).get("Properties"));
            assertThat(stage.get("StageName")).isEqualTo(Map.of("Ref", "StageName"));
            assertThat(list(stage.get("MethodSettings"))).singleElement().satisfies(setting -> assertThat(map(setting))
                    .containsEntry("ResourcePath", "/*").containsEntry("HttpMethod", "*")
                    .containsEntry("ThrottlingRateLimit", Map.of("Ref", "ApiThrottleRateLimit"))
                    .containsEntry("ThrottlingBurstLimit", Map.of("Ref", "ApiThrottleBurstLimit")));
        });
        // A Deployment with a StageName creates a stage of its own: SAM's extra "Stage", without MethodSettings.
        assertThat(idsOfType(out, "AWS::ApiGateway::Deployment")).singleElement().satisfies(id ->
                assertThat(map(resources(out).get(id).get("Properties"))).doesNotContainKey("StageName"));
    }

    @Test
    void switchingOrderApiAuthorizationMakesANewDeploymentThatTheStageUses() {
        Map<String, Object> iam = SamTranslation.ofProjectTemplate(Map.of("OrderApiAuthorization", "AWS_IAM"));
        Map<String, Object> open = SamTranslation.ofProjectTemplate(Map.of("OrderApiAuthorization", "NONE"));

        String iamDeployment = idsOfType(iam, "AWS::ApiGateway::Deployment").getFirst();
        String openDeployment = idsOfType(open, "AWS::ApiGateway::Deployment").getFirst();

        assertThat(iamDeployment).isNotEqualTo(openDeployment);
        assertThat(stageDeployment(iam)).isEqualTo(Map.of("Ref", iamDeployment));
        assertThat(stageDeployment(open)).isEqualTo(Map.of("Ref", openDeployment));
        assertThat(idsOfType(SamTranslation.ofProjectTemplate(), "AWS::ApiGateway::Deployment"))
                .as("the default is AWS_IAM").containsExactly(iamDeployment);
    }

    @Test
    void aChangedTimeoutPublishesANewVersionThatTheLiveAliasPointsAt() {
        Map<String, Object> before = SamTranslation.ofProjectTemplate();
        Map<String, Object> after = SamTranslation.ofProjectTemplateWith(Map.of(CREATE_ORDER_TIMEOUT, LONGER_TIMEOUT));

        String versionBefore = versionOf(before, "CreateOrderFunction");
        String versionAfter = versionOf(after, "CreateOrderFunction");

        assertThat(versionAfter).isNotEqualTo(versionBefore);
        assertThat(map(map(resources(after).get("CreateOrderFunctionAliaslive").get("Properties")).get("FunctionVersion")))
                .isEqualTo(Map.of("Fn::GetAtt", List.of(versionAfter, "Version")));
        assertThat(versionOf(after, "GetOrderFunction")).isEqualTo(versionOf(before, "GetOrderFunction"));
    }

    @Test
    void withoutAutoPublishAliasAllPropertiesSamWouldKeepTheOldVersionForATimeoutChange() {
        // The control for the test above: SAM's default is what the template's setting exists to change.
        String setting = "    AutoPublishAliasAllProperties: true\n";
        Map<String, Object> before = SamTranslation.ofProjectTemplateWith(Map.of(setting, ""));
        Map<String, Object> after = SamTranslation.ofProjectTemplateWith(Map.of(setting, "", CREATE_ORDER_TIMEOUT, LONGER_TIMEOUT));

        assertThat(versionOf(after, "CreateOrderFunction")).isEqualTo(versionOf(before, "CreateOrderFunction"));
    }

    @Test
    void everyFunctionPublishesAVersionForAnyPropertyChange() {
        assertThat(map(map(template.document().get("Globals")).get("Function")))
                .containsEntry("AutoPublishAlias", "live").containsEntry("AutoPublishAliasAllProperties", true);
        template.resources("AWS::Serverless::Function").forEach((id, function) ->
                assertThat(function.properties()).as(id).doesNotContainKeys("AutoPublishAlias", "AutoPublishAliasAllProperties"));
    }

    @Test
    void everyTableEveryDeadLetterQueueAndTheAlarmKeySurviveADeleteAndAReplacement() {
        Map<String, Map<String, Object>> out = resources(SamTranslation.ofProjectTemplate());
        Set<String> stateful = new TreeSet<>(template.resources("AWS::DynamoDB::Table").keySet());
        stateful.addAll(deadLetterQueues());
        stateful.addAll(template.resources("AWS::KMS::Key").keySet());

        assertThat(stateful).contains("OrdersTable", "OutboxTable", "StockTable", "NotificationsTable", "CheckpointsTable",
                "IdempotencyTable", "InventoryDeadLetterQueue", "NotificationsDeadLetterQueue", "InventoryExpressDeadLetterQueue",
                "NotificationsExpressDeadLetterQueue", "AlarmTopicKey");
        assertThat(stateful).allSatisfy(id -> assertThat(out.get(id)).as(id)
                .containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain"));
    }

    @Test
    void samBuildPassesEveryFunctionsMavenBuiltJarThrough() {
        // sam build fails on a jar CodeUri (aws-sam-cli#4575) unless the function skips the build.
        template.resources("AWS::Serverless::Function").forEach((id, function) -> {
            Map<String, Object> resource = map(map(template.document().get("Resources")).get(id));
            assertThat(map(resource.get("Metadata"))).as(id).containsEntry("SkipBuild", true);
            assertThat(String.valueOf(function.properties().get("CodeUri"))).as(id).endsWith("/target/function.jar");
        });
    }

    private Set<String> deadLetterQueues() {
        Set<String> ids = new TreeSet<>();
        template.resources("AWS::SQS::Queue").values().forEach(queue -> {
            Object target = map(queue.properties().get("RedrivePolicy")).get("deadLetterTargetArn");
            if (target != null) {
                ids.add((String) list(map(target).get("Fn::GetAtt")).getFirst());
            }
        });
        return ids;
    }

    private static Object stageDeployment(Map<String, Object> translation) {
        String stage = idsOfType(translation, "AWS::ApiGateway::Stage").getFirst();
        return map(resources(translation).get(stage).get("Properties")).get("DeploymentId");
    }

    private static String versionOf(Map<String, Object> translation, String functionId) {
        List<String> versions = idsOfType(translation, "AWS::Lambda::Version").stream()
                .filter(id -> id.startsWith(functionId + "Version")).toList();
        assertThat(versions).as("versions of %s", functionId).hasSize(1);
        return versions.getFirst();
    }
}
