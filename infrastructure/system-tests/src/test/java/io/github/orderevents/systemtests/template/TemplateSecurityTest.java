package io.github.orderevents.systemtests.template;

import io.github.orderevents.local.template.SamTemplate;
import io.github.orderevents.aws.Json;
import io.github.orderevents.local.template.SamTemplate.Resource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.github.orderevents.local.template.SamTemplate.list;
import static io.github.orderevents.local.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The security posture of template.yaml: each function runs with a role of its own naming only its own
 * tables, indexes, queues and log group; data is encrypted at rest; the API is throttled and
 * IAM-authorized by default; the operator tools are reachable through IAM only. The last tests check
 * what the SAM transform makes of the template, where implicit policies would appear.
 */
class TemplateSecurityTest {
    /** Actions with no resource type (Service Authorization Reference): "*" is the narrowest resource there is. */
    private static final Set<String> ACTIONS_WITHOUT_RESOURCE_TYPES = Set.of(
            "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets",
            "cloudwatch:PutMetricData");
    /** A function role's inline policies (the comment above Resources in template.yaml says what each holds). */
    private static final Set<String> ROLE_POLICIES = Set.of("logs", "trigger", "code");
    private static final Set<String> RESOURCE_TYPES_A_FUNCTION_OWNS = Set.of("AWS::DynamoDB::Table", "AWS::SQS::Queue");
    private static final Pattern SUB_ARN = Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.([A-Za-z]+)}(.*)");
    private static final Pattern SUB_REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9]+)(?:\\.[A-Za-z]+)?}");
    private static final String SET_STOCK = "/inventory/{sku}";

    private final SamTemplate template = ProjectFiles.template();

    // ------------------------------------------------------------------ roles and policies

    @Test
    void everyFunctionRunsWithARoleOfItsOwnThatOnlyLambdaMayAssume() {
        Map<String, Resource> roles = template.resources("AWS::IAM::Role");
        Set<String> used = new HashSet<>();
        assertThat(globalFunctionProperties()).doesNotContainKeys("Role", "Policies");
        functions().forEach((id, function) -> {
            String role = roleIdOf(function);
            assertThat(roles).as("%s's Role", id).containsKey(role);
            assertThat(used.add(role)).as("%s shares its role %s", id, role).isTrue();
            // SAM ignores Policies when a function has a Role: they would only look like permissions.
            assertThat(function.properties()).as(id).doesNotContainKey("Policies");
            Map<String, Object> trust = map(roles.get(role).properties().get("AssumeRolePolicyDocument"));
            assertThat(list(trust.get("Statement"))).as("who may assume %s", role).singleElement().satisfies(s -> {
                assertThat(map(s).get("Effect")).isEqualTo("Allow");
                assertThat(map(s).get("Principal")).isEqualTo(Map.of("Service", "lambda.amazonaws.com"));
                assertThat(map(s).get("Action")).isEqualTo("sts:AssumeRole");
            });
            assertThat(rolePolicies(template, function).keySet()).as("inline policies of %s", role)
                    .isSubsetOf(ROLE_POLICIES).contains("logs", "code");
        });
    }

    @Test
    void rolesAttachNoAwsManagedPolicyOnlyTheTemplatesOwn() {
        // AWS managed policies (AWSLambdaBasicExecutionRole, AWSLambdaSQSQueueExecutionRole, ...) grant on "*".
        Set<String> own = template.resources("AWS::IAM::ManagedPolicy").keySet();
        template.resources("AWS::IAM::Role").forEach((id, role) ->
                assertThat(list(role.properties().get("ManagedPolicyArns"))).as("managed policies of %s", id)
                        .allSatisfy(arn -> isOneOf(arn, own)));
    }

    @Test
    void everyPolicyNamesItsActionsOneByOne() {
        assertThat(identityStatements(template.document())).isNotEmpty().allSatisfy(TemplateSecurityTest::namesItsActions);
    }

    @Test
    void onlyActionsWithoutAResourceTypeAreAllowedOnEveryResource() {
        assertThat(identityStatements(template.document())).isNotEmpty()
                .allSatisfy(statement -> limitsItsResources(statement, template.document()));
    }

    @TestFactory
    Stream<DynamicTest> eachFunctionsCodeMayUseExactlyTheTablesAndQueuesItsEnvironmentNames() {
        return functions().values().stream().map(function -> DynamicTest.dynamicTest(function.logicalId(), () -> {
            Set<String> named = environmentResources(function);
            List<Statement> code = statementsOf(rolePolicies(template, function).get("code"), function.logicalId() + " code");

            assertThat(named).as("tables and queues the environment of %s names", function.logicalId()).isNotEmpty();
            assertThat(targetsOf(code)).as("what the code policy of %s names", function.logicalId()).isEqualTo(named);
            code.forEach(statement -> targetsWithin(statement, "Arn"));
        }));
    }

    @TestFactory
    Stream<DynamicTest> eachFunctionsTriggerMayReadOnlyItsOwnEventSources() {
        return functions().values().stream().map(function -> DynamicTest.dynamicTest(function.logicalId(), () -> {
            Set<String> sources = eventSources(function);
            Object policy = rolePolicies(template, function).get("trigger");
            if (sources.isEmpty()) {
                assertThat(policy).as("%s has no pull trigger, so no trigger policy", function.logicalId()).isNull();
                return;
            }
            List<Statement> trigger = statementsOf(policy, function.logicalId() + " trigger");
            assertThat(targetsOf(trigger)).as("what the trigger policy of %s names", function.logicalId()).isEqualTo(sources);
            trigger.forEach(statement -> targetsWithin(statement, "Arn", "StreamArn"));
        }));
    }

    @TestFactory
    Stream<DynamicTest> eachFunctionLogsOnlyToItsOwnLogGroupWhichHasARetention() {
        Map<String, Resource> groups = template.resources("AWS::Logs::LogGroup");
        Set<String> used = new HashSet<>();
        return functions().values().stream().map(function -> DynamicTest.dynamicTest(function.logicalId(), () -> {
            String group = (String) map(map(function.properties().get("LoggingConfig")).get("LogGroup")).get("Ref");
            assertThat(groups).as("%s's LoggingConfig.LogGroup", function.logicalId()).containsKey(group);
            assertThat(used.add(group)).as("%s shares its log group", function.logicalId()).isTrue();
            assertThat(groups.get(group).properties()).as(group).containsKey("RetentionInDays");
            List<Statement> logs = statementsOf(rolePolicies(template, function).get("logs"), function.logicalId() + " logs");
            assertThat(targetsOf(logs)).containsExactly(group);
            assertThat(logs).flatMap(Statement::actions).isSubsetOf("logs:CreateLogStream", "logs:PutLogEvents");
        }));
    }

    // ------------------------------------------------------------------ data at rest

    @Test
    void everyTableIsEncryptedAtRest() {
        assertThat(template.resources("AWS::DynamoDB::Table")).isNotEmpty().allSatisfy((id, table) ->
                assertThat(map(table.properties().get("SSESpecification")).get("SSEEnabled")).as(id).isEqualTo(true));
    }

    @Test
    void everyQueueIsEncryptedAtRest() {
        assertThat(template.resources("AWS::SQS::Queue")).isNotEmpty().allSatisfy((id, queue) ->
                assertThat(Boolean.TRUE.equals(queue.properties().get("SqsManagedSseEnabled"))
                        || queue.properties().containsKey("KmsMasterKeyId")).as(id).isTrue());
    }

    @Test
    void alarmTopicIsEncryptedWithAKeyCloudWatchAlarmsMayUse() {
        Map<String, Resource> topics = template.resources("AWS::SNS::Topic");
        assertThat(topics).isNotEmpty().allSatisfy((id, topic) -> {
            // Alarms cannot publish to a topic under the AWS managed key alias/aws/sns (its policy is fixed).
            String key = (String) map(topic.properties().get("KmsMasterKeyId")).get("Ref");
            assertThat(template.resources("AWS::KMS::Key")).as("%s's KmsMasterKeyId", id).containsKey(key);
            Map<String, Object> policy = map(template.resources("AWS::KMS::Key").get(key).properties().get("KeyPolicy"));
            assertThat(list(policy.get("Statement"))).map(SamTemplate::map)
                    .filteredOn(s -> Map.of("Service", "cloudwatch.amazonaws.com").equals(s.get("Principal")))
                    .singleElement().satisfies(s -> assertThat(list(s.get("Action")))
                            .containsExactlyInAnyOrder("kms:Decrypt", "kms:GenerateDataKey*"));
            assertThat(template.resources("AWS::KMS::Key").get(key).properties().get("EnableKeyRotation")).isEqualTo(true);
        });
    }

    @Test
    void ordersTableCanBeRestoredToAPointInTime() {
        assertThat(map(template.resources("AWS::DynamoDB::Table").get("OrdersTable").properties()
                .get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled")).isEqualTo(true);
    }

    // ------------------------------------------------------------------ API and invocation

    @Test
    void apiStageThrottlesEveryMethod() {
        Map<String, Object> parameters = map(template.document().get("Parameters"));
        assertThat(apis()).allSatisfy((id, api) -> assertThat(list(api.properties().get("MethodSettings"))).map(SamTemplate::map)
                .filteredOn(s -> "/*".equals(s.get("ResourcePath")) && "*".equals(s.get("HttpMethod")))
                .as("%s MethodSettings for every method", id).singleElement().satisfies(settings -> {
                    for (String limit : List.of("ThrottlingRateLimit", "ThrottlingBurstLimit")) {
                        String parameter = (String) map(settings.get(limit)).get("Ref");
                        assertThat(parameters).as(limit).containsKey(parameter);
                        assertThat(((Number) map(parameters.get(parameter)).get("MinValue")).intValue()).as(parameter).isPositive();
                    }
                }));
    }

    @Test
    void apiGatewayNeverLogsRequestBodies() {
        // DataTraceEnabled writes whole requests and responses into the stage's execution logs.
        assertThat(apis()).allSatisfy((id, api) -> assertThat(list(api.properties().get("MethodSettings")))
                .map(SamTemplate::map).allSatisfy(s -> assertThat(s.get("DataTraceEnabled")).as(id).isNotEqualTo(true)));
    }

    @Test
    void settingStockIsAlwaysIamAuthorized() {
        assertThat(routeAuthorizations(definitionBody())).containsEntry("PUT " + SET_STOCK, "AWS_IAM");
        assertThat(map(map(definitionBody().get("securityDefinitions")).get("AWS_IAM")))
                .containsEntry("x-amazon-apigateway-authtype", "awsSigv4");
    }

    @Test
    void everyOtherRouteFollowsOrderApiAuthorizationWhoseDefaultIsIam() {
        Map<String, Object> parameter = map(map(template.document().get("Parameters")).get("OrderApiAuthorization"));

        assertThat(parameter.get("Default")).isEqualTo("AWS_IAM");
        assertThat(list(parameter.get("AllowedValues"))).containsExactlyInAnyOrder("AWS_IAM", "NONE");
        assertThat((String) parameter.get("Description")).contains("AWS_IAM", "NONE", "default");
        assertThat(map(apis().get("OrdersApi").properties().get("Auth")))
                .containsEntry("DefaultAuthorizer", Map.of("Ref", "OrderApiAuthorization"));
        assertThat(routeAuthorizations(definitionBody())).hasSizeGreaterThan(1).allSatisfy((route, auth) -> {
            if (!route.equals("PUT " + SET_STOCK)) {
                assertThat(auth).as(route).isEqualTo("DEFAULT");
            }
        });
    }

    @Test
    void cloudWatchMayUseTheAlarmKeyOnlyForThisAccountsAlarms() {
        Map<String, Object> policy = map(template.resources("AWS::KMS::Key").get("AlarmTopicKey").properties().get("KeyPolicy"));
        Map<String, Object> cloudWatch = list(policy.get("Statement")).stream().map(SamTemplate::map)
                .filter(s -> Map.of("Service", "cloudwatch.amazonaws.com").equals(s.get("Principal"))).findFirst().orElseThrow();

        assertThat(map(map(cloudWatch.get("Condition")).get("StringEquals")))
                .containsEntry("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"));
        assertThat((String) map(map(map(cloudWatch.get("Condition")).get("ArnLike")).get("aws:SourceArn")).get("Fn::Sub"))
                .endsWith(":cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*");
    }

    @Test
    void redriveToolHasNoTriggerSoOnlyPrincipalsAllowedToInvokeItCanRunIt() {
        Resource redrive = functions().get("DlqRedriveFunction");

        assertThat(map(redrive.properties().get("Events"))).isEmpty();
        assertThat(template.functionProperty(redrive, "FunctionUrlConfig")).isEmpty();
        assertThat(template.resources("AWS::Lambda::Permission")).isEmpty();
    }

    @Test
    void noFunctionHasAFunctionUrl() {
        assertThat(functions()).allSatisfy((id, function) ->
                assertThat(template.functionProperty(function, "FunctionUrlConfig")).as(id).isEmpty());
        assertThat(template.resources("AWS::Lambda::Url")).isEmpty();
    }

    // ------------------------------------------------------------------ what the SAM transform makes of it

    @Test
    void samTransformAddsNoRoleAndNoAwsManagedPolicy() {
        Map<String, Map<String, Object>> out = translatedResources();
        Set<String> ownManagedPolicies = template.resources("AWS::IAM::ManagedPolicy").keySet();

        assertThat(idsOfType(out, "AWS::IAM::Role")).isEqualTo(template.resources("AWS::IAM::Role").keySet());
        assertThat(idsOfType(out, "AWS::IAM::Policy")).isEmpty();
        idsOfType(out, "AWS::IAM::Role").forEach(id -> assertThat(list(map(out.get(id).get("Properties")).get("ManagedPolicyArns")))
                .as("managed policies of %s after the transform", id).allSatisfy(arn -> isOneOf(arn, ownManagedPolicies)));
        functions().forEach((id, function) -> assertThat(map(out.get(id).get("Properties")).get("Role"))
                .as("role of %s after the transform", id).isEqualTo(Map.of("Fn::GetAtt", List.of(roleIdOf(function), "Arn"))));
    }

    @Test
    void everyPolicyAfterTheSamTransformNamesItsActionsAndLimitsItsResources() {
        Map<String, Object> out = translated();

        assertThat(identityStatements(out)).isNotEmpty().allSatisfy(statement -> {
            namesItsActions(statement);
            limitsItsResources(statement, out);
        });
    }

    @Test
    void samTransformGrantsInvokeToTheApiAndTheScheduleOnlyNeverToTheRedriveTool() {
        Map<String, Map<String, Object>> out = translatedResources();
        Set<String> permissions = idsOfType(out, "AWS::Lambda::Permission");

        assertThat(permissions).isNotEmpty().allSatisfy(id -> {
            Map<String, Object> permission = map(out.get(id).get("Properties"));
            assertThat(permission.get("Action")).as(id).isEqualTo("lambda:InvokeFunction");
            assertThat(permission.get("Principal")).as(id).isIn("apigateway.amazonaws.com", "events.amazonaws.com");
            assertThat(permission).as(id).containsKey("SourceArn");
            assertThat(Json.write(permission.get("FunctionName"))).as(id).doesNotContain("DlqRedriveFunction");
        });
        assertThat(idsOfType(out, "AWS::Lambda::Url")).isEmpty();
    }

    @Test
    void apiAfterTheSamTransformSignsEveryRouteByDefaultAndOnlySettingStockWhenOpened() {
        Map<String, Object> iam = translatedBody(Map.of());
        Map<String, Object> open = translatedBody(Map.of("OrderApiAuthorization", "NONE"));

        assertThat(routeAuthorizations(iam)).isNotEmpty().allSatisfy((route, auth) -> assertThat(auth).as(route).isEqualTo("AWS_IAM"));
        assertThat(routeAuthorizations(open)).isNotEmpty().allSatisfy((route, auth) ->
                assertThat(auth).as(route).isEqualTo(route.equals("PUT " + SET_STOCK) ? "AWS_IAM" : "DEFAULT"));
        assertThat(routeAuthorizations(open).keySet()).isEqualTo(routeAuthorizations(definitionBody()).keySet());
    }

    private static Map<String, Object> translatedBody(Map<String, String> parameters) {
        Map<String, Object> api = SamTranslation.resources(SamTranslation.ofProjectTemplate(parameters)).get("OrdersApi");
        return map(map(api.get("Properties")).get("Body"));
    }

    @Test
    void snapStartStillAppliesToThePublishedAliasEveryTriggerUses() {
        Map<String, Map<String, Object>> out = translatedResources();

        functions().keySet().forEach(id -> {
            assertThat(map(map(out.get(id).get("Properties")).get("SnapStart")).get("ApplyOn")).as(id)
                    .isEqualTo("PublishedVersions");
            assertThat(out).as(id).containsKey(id + "Aliaslive");
        });
        idsOfType(out, "AWS::Lambda::EventSourceMapping").forEach(id ->
                assertThat((String) map(map(out.get(id).get("Properties")).get("FunctionName")).get("Ref")).as(id)
                        .endsWith("Aliaslive"));
    }

    // ------------------------------------------------------------------ helpers

    /** One statement of an identity policy, with where it was found. */
    record Statement(String where, List<String> actions, List<Object> resources, Map<String, Object> raw) {
    }

    /** A policy resource that names a template resource: {@code !GetAtt X.Attr} or {@code !Sub ${X.Attr}suffix}. */
    record Target(String logicalId, String attribute, String suffix) {
    }

    /** The inline policies of a function's role by PolicyName (its PolicyDocument). */
    static Map<String, Object> rolePolicies(SamTemplate template, Resource function) {
        Resource role = template.resources("AWS::IAM::Role").get(roleIdOf(function));
        Map<String, Object> policies = new LinkedHashMap<>();
        if (role != null) {
            list(role.properties().get("Policies")).stream().map(SamTemplate::map)
                    .forEach(p -> policies.put((String) p.get("PolicyName"), p.get("PolicyDocument")));
        }
        return policies;
    }

    /** A managed policy ARN that is !Ref of one of the template's own; an AWS managed policy is a literal ARN. */
    private static void isOneOf(Object managedPolicyArn, Set<String> own) {
        assertThat(managedPolicyArn).isInstanceOf(Map.class);
        assertThat(own).contains((String) map(managedPolicyArn).get("Ref"));
    }

    private static String roleIdOf(Resource function) {
        Object role = function.properties().get("Role");
        assertThat(role).as("%s has a Role", function.logicalId()).isNotNull();
        List<Object> getAtt = list(map(role).get("Fn::GetAtt"));
        assertThat(getAtt).as("%s's Role is !GetAtt <role>.Arn", function.logicalId()).hasSize(2).endsWith("Arn");
        return (String) getAtt.get(0);
    }

    /** Every statement of every identity policy: roles' inline policies, IAM and managed policies, SAM Policies. */
    private static List<Statement> identityStatements(Map<String, Object> document) {
        List<Statement> statements = new ArrayList<>();
        map(document.get("Resources")).forEach((id, raw) -> {
            Map<String, Object> resource = map(raw);
            Map<String, Object> properties = map(resource.get("Properties"));
            switch (String.valueOf(resource.get("Type"))) {
                case "AWS::IAM::Role" -> list(properties.get("Policies")).stream().map(SamTemplate::map).forEach(p ->
                        statements.addAll(statementsOf(p.get("PolicyDocument"), id + " " + p.get("PolicyName"))));
                case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy" ->
                        statements.addAll(statementsOf(properties.get("PolicyDocument"), id));
                case "AWS::Serverless::Function" -> list(properties.get("Policies")).forEach(p -> {
                    if (p instanceof String managed) {
                        fail("%s attaches the managed policy %s, which this test cannot see into", id, managed);
                    }
                    statements.addAll(statementsOf(p, id + " Policies"));
                });
                default -> {
                }
            }
        });
        return statements;
    }

    private static List<Statement> statementsOf(Object policyDocument, String where) {
        assertThat(policyDocument).as("policy %s", where).isNotNull();
        Object raw = map(policyDocument).get("Statement");
        List<Object> all = raw instanceof List<?> ? list(raw) : List.of(map(raw));
        return all.stream().map(SamTemplate::map).map(s -> new Statement(where,
                asList(s.get("Action")).stream().map(String::valueOf).toList(), asList(s.get("Resource")), s)).toList();
    }

    private static List<Object> asList(Object value) {
        return value == null ? List.of() : value instanceof List<?> ? list(value) : List.of(value);
    }

    private static void namesItsActions(Statement statement) {
        assertThat(statement.raw()).as(statement.where()).doesNotContainKeys("NotAction", "NotResource");
        assertThat(statement.actions()).as("actions of %s", statement.where()).isNotEmpty()
                .allSatisfy(action -> assertThat(action).doesNotContain("*").matches("[a-z0-9-]+:[A-Za-z0-9]+"));
    }

    /** "*" only for actions that have no resource type; anything else names a resource of the document. */
    private static void limitsItsResources(Statement statement, Map<String, Object> document) {
        assertThat(statement.resources()).as("resources of %s", statement.where()).isNotEmpty();
        for (Object resource : statement.resources()) {
            Optional<Target> target = target(resource, statement);
            if (target.isEmpty()) {
                assertThat(statement.actions()).as("actions of %s on \"*\"", statement.where())
                        .isSubsetOf(ACTIONS_WITHOUT_RESOURCE_TYPES);
            } else {
                assertThat(map(document.get("Resources"))).as("resource of %s", statement.where())
                        .containsKey(target.get().logicalId());
            }
        }
    }

    /**
     * Empty for "*"; otherwise the template resource a policy resource names. A suffix after the ARN may
     * only be one of the table's declared indexes, or its streams for ListStreams (which takes no stream ARN).
     */
    private static Optional<Target> target(Object resource, Statement statement) {
        if ("*".equals(resource)) {
            return Optional.empty();
        }
        if (resource instanceof String literal) {
            return fail("%s names %s by a literal ARN, not by a template resource", statement.where(), literal);
        }
        Map<String, Object> intrinsic = map(resource);
        if (intrinsic.containsKey("Fn::GetAtt")) {
            List<Object> getAtt = list(intrinsic.get("Fn::GetAtt"));
            return Optional.of(new Target((String) getAtt.get(0), (String) getAtt.get(1), ""));
        }
        Object sub = intrinsic.get("Fn::Sub");
        if (sub instanceof String text) {
            Matcher arn = SUB_ARN.matcher(text);
            if (arn.matches() && !arn.group(3).contains("${")) {
                Target target = new Target(arn.group(1), arn.group(2), arn.group(3));
                if (target.suffix().equals("/stream/*")) {
                    assertThat(statement.actions()).as("%s on every stream of %s", statement.where(), target.logicalId())
                            .containsExactly("dynamodb:ListStreams");
                } else if (!target.suffix().isEmpty()) {
                    assertThat(target.suffix()).as("%s on a part of %s", statement.where(), target.logicalId()).startsWith("/index/");
                }
                return Optional.of(target);
            }
        }
        return fail("%s names a resource this test cannot read: %s", statement.where(), resource);
    }

    private Set<String> targetsOf(List<Statement> statements) {
        Set<String> ids = new TreeSet<>();
        for (Statement statement : statements) {
            for (Object resource : statement.resources()) {
                Target target = target(resource, statement).orElseThrow(
                        () -> new AssertionError(statement.where() + " is on \"*\""));
                if (target.suffix().startsWith("/index/")) {
                    assertThat(indexesOf(target.logicalId())).as("indexes of %s named by %s", target.logicalId(), statement.where())
                            .contains(target.suffix().substring("/index/".length()));
                }
                ids.add(target.logicalId());
            }
        }
        return ids;
    }

    private void targetsWithin(Statement statement, String... attributes) {
        statement.resources().forEach(resource -> assertThat(target(resource, statement).orElseThrow().attribute())
                .as("attribute named by %s", statement.where()).isIn((Object[]) attributes));
    }

    private Set<String> indexesOf(String tableId) {
        Resource table = template.resources("AWS::DynamoDB::Table").get(tableId);
        assertThat(table).as("table %s", tableId).isNotNull();
        Set<String> names = new TreeSet<>();
        list(table.properties().get("GlobalSecondaryIndexes")).forEach(i -> names.add((String) map(i).get("IndexName")));
        list(table.properties().get("LocalSecondaryIndexes")).forEach(i -> names.add((String) map(i).get("IndexName")));
        return names;
    }

    /** The tables and queues a function's environment names (by Ref, or by ${Id} inside a Sub such as routes JSON). */
    private Set<String> environmentResources(Resource function) {
        Set<String> ids = new TreeSet<>();
        collectReferences(map(function.properties().get("Environment")).get("Variables"), ids);
        Map<String, Object> resources = map(template.document().get("Resources"));
        ids.removeIf(id -> !RESOURCE_TYPES_A_FUNCTION_OWNS.contains(String.valueOf(map(resources.get(id)).get("Type"))));
        return ids;
    }

    private static void collectReferences(Object value, Set<String> ids) {
        if (value instanceof Map<?, ?> m) {
            m.forEach((key, inner) -> {
                if ("Ref".equals(key) && inner instanceof String id) {
                    ids.add(id);
                } else if ("Fn::GetAtt".equals(key)) {
                    ids.add((String) list(inner).get(0));
                } else if ("Fn::Sub".equals(key) && inner instanceof String text) {
                    SUB_REFERENCE.matcher(text).results().forEach(r -> ids.add(r.group(1)));
                } else {
                    collectReferences(inner, ids);
                }
            });
        } else if (value instanceof List<?> l) {
            l.forEach(inner -> collectReferences(inner, ids));
        }
    }

    /** What Lambda reads or writes for a function's pull triggers: its queues, its stream's table, on-failure destinations. */
    private static Set<String> eventSources(Resource function) {
        Set<String> ids = new TreeSet<>();
        map(function.properties().get("Events")).values().stream().map(SamTemplate::map).forEach(event -> {
            Map<String, Object> properties = map(event.get("Properties"));
            switch (String.valueOf(event.get("Type"))) {
                case "SQS" -> ids.add((String) list(map(properties.get("Queue")).get("Fn::GetAtt")).get(0));
                case "DynamoDB" -> ids.add((String) list(map(properties.get("Stream")).get("Fn::GetAtt")).get(0));
                default -> {
                }
            }
            Object destination = map(map(properties.get("DestinationConfig")).get("OnFailure")).get("Destination");
            if (destination != null) {
                ids.add((String) list(map(destination).get("Fn::GetAtt")).get(0));
            }
        });
        return ids;
    }

    /**
     * "METHOD path" -> the authorization an operation of an OpenAPI definition declares itself: the
     * security scheme it names ("AWS_IAM"), or "DEFAULT" when it names none and so takes the API's
     * DefaultAuthorizer.
     */
    static Map<String, Object> routeAuthorizations(Map<String, Object> definition) {
        Map<String, Object> routes = new LinkedHashMap<>();
        map(definition.get("paths")).forEach((path, operations) -> map(operations).forEach((method, operation) -> {
            if (!method.equals("parameters")) {
                assertThat(map(operation)).as("%s %s", method, path).doesNotContainKey("x-amazon-apigateway-auth");
                List<Object> security = list(map(operation).get("security"));
                routes.put(method.toUpperCase(Locale.ROOT) + " " + path, security.isEmpty() ? "DEFAULT"
                        : String.join(",", map(security.get(0)).keySet()));
            }
        }));
        return routes;
    }

    private Map<String, Resource> functions() {
        return template.resources("AWS::Serverless::Function");
    }

    private Map<String, Object> definitionBody() {
        return map(apis().get("OrdersApi").properties().get("DefinitionBody"));
    }

    private Map<String, Resource> apis() {
        return template.resources("AWS::Serverless::Api");
    }

    private Map<String, Object> globalFunctionProperties() {
        return map(map(template.document().get("Globals")).get("Function"));
    }

    private static Set<String> idsOfType(Map<String, Map<String, Object>> resources, String type) {
        Set<String> ids = new TreeSet<>();
        resources.forEach((id, resource) -> {
            if (type.equals(resource.get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    private Map<String, Map<String, Object>> translatedResources() {
        return SamTranslation.resources(translated());
    }

    private static Map<String, Object> translated() {
        return SamTranslation.ofProjectTemplate();
    }
}
