package io.github.orderevents.local.provision;

import io.github.orderevents.local.Json;
import io.github.orderevents.local.template.Intrinsics;
import io.github.orderevents.local.template.LocalResource;
import io.github.orderevents.local.template.SamTemplate;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.orderevents.local.template.SamTemplate.list;
import static io.github.orderevents.local.template.SamTemplate.map;

/**
 * Creates the template's DynamoDB tables and SQS queues on the local backends, reading every setting
 * from the template itself (keys, indexes, streams, TTL; FIFO, deduplication, visibility, retention,
 * redrive): a template change needs no change here. A resource is created when it is first needed,
 * so a queue's dead-letter queue exists before the queue's RedrivePolicy names it. Resources of other
 * types get the local names and ARNs that Ref and GetAtt give (functions, the API, topics, alarms).
 */
public final class Provisioner {
    public static final String ACCOUNT = "000000000000";
    /** Queue attributes that are settings of the real service which ElasticMQ refuses or ignores. */
    private static final Set<String> BEST_EFFORT_QUEUE_ATTRIBUTES = Set.of(
            "DeduplicationScope", "FifoThroughputLimit", "SqsManagedSseEnabled", "KmsMasterKeyId",
            "KmsDataKeyReusePeriodSeconds", "RedriveAllowPolicy");

    private final SamTemplate template;
    private final String stackName;
    private final String region;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final Map<String, String> parameters;
    private final Map<String, LocalResource> created = new LinkedHashMap<>();
    private final Set<String> inProgress = new HashSet<>();
    private final Intrinsics intrinsics;
    private java.util.Optional<Integer> visibilityTimeout = java.util.Optional.empty();

    public Provisioner(SamTemplate template, String stackName, String region, Map<String, String> parameterOverrides,
                       DynamoDbClient dynamo, SqsClient sqs) {
        this.template = template;
        this.stackName = stackName;
        this.region = region;
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.parameters = parameters(template, stackName, region, parameterOverrides);
        this.intrinsics = new Intrinsics(template.document(), parameters, this::resource);
    }

    /** Gives every queue this visibility timeout instead of the template's (tests and demos: faster retries). */
    public Provisioner withVisibilityTimeout(java.util.Optional<Integer> seconds) {
        this.visibilityTimeout = seconds;
        return this;
    }

    /** Creates (or finds) every table and queue, and names every other resource. */
    public LocalResources provision() {
        for (String logicalId : map(template.document().get("Resources")).keySet()) {
            if (included(logicalId)) {
                resource(logicalId);
            }
        }
        return new LocalResources(created, intrinsics);
    }

    /** Parameter values: template defaults, then overrides; plus the pseudo parameters. */
    static Map<String, String> parameters(SamTemplate template, String stackName, String region,
                                          Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        map(template.document().get("Parameters")).forEach((name, raw) -> {
            Object fallback = map(raw).get("Default");
            if (fallback != null) {
                values.put(name, String.valueOf(fallback));
            }
        });
        overrides.forEach((name, value) -> {
            if (!map(template.document().get("Parameters")).containsKey(name)) {
                throw new IllegalArgumentException("the template has no parameter " + name);
            }
            values.put(name, value);
        });
        map(template.document().get("Parameters")).forEach((name, raw) -> {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("parameter " + name + " has no default: give it with --parameter "
                        + name + "=VALUE");
            }
            List<Object> allowed = list(map(raw).get("AllowedValues"));
            if (!allowed.isEmpty() && allowed.stream().map(String::valueOf).noneMatch(values.get(name)::equals)) {
                throw new IllegalArgumentException("parameter " + name + " must be one of " + allowed);
            }
        });
        values.put("AWS::StackName", stackName);
        values.put("AWS::Region", region);
        values.put("AWS::AccountId", ACCOUNT);
        values.put("AWS::Partition", "aws");
        values.put("AWS::URLSuffix", "amazonaws.com");
        values.put("AWS::StackId", "arn:aws:cloudformation:" + region + ":" + ACCOUNT + ":stack/" + stackName + "/local");
        return values;
    }

    private boolean included(String logicalId) {
        Object condition = map(map(template.document().get("Resources")).get(logicalId)).get("Condition");
        return condition == null || intrinsics.condition(String.valueOf(condition));
    }

    private LocalResource resource(String logicalId) {
        LocalResource known = created.get(logicalId);
        if (known != null) {
            return known;
        }
        Map<String, Object> definition = map(map(template.document().get("Resources")).get(logicalId));
        if (definition.isEmpty()) {
            throw new IllegalArgumentException("the template has no resource " + logicalId);
        }
        if (!inProgress.add(logicalId)) {
            throw new IllegalStateException("circular reference through " + logicalId);
        }
        try {
            String type = String.valueOf(definition.get("Type"));
            Map<String, Object> properties = map(definition.get("Properties"));
            LocalResource resource = switch (type) {
                case "AWS::DynamoDB::Table" -> table(logicalId, type, map(intrinsics.resolve(properties)));
                case "AWS::Serverless::SimpleTable" -> table(logicalId, type, simpleTable(map(intrinsics.resolve(properties))));
                case "AWS::SQS::Queue" -> queue(logicalId, properties);
                default -> named(logicalId, type, properties);
            };
            created.put(logicalId, resource);
            return resource;
        } finally {
            inProgress.remove(logicalId);
        }
    }

    /**
     * An {@code AWS::Serverless::SimpleTable} as the AWS::DynamoDB::Table SAM makes of it: a hash key only
     * ({@code PrimaryKey}: Name, Type String|Number|Binary; default {@code id} String), on demand unless it
     * gives a {@code ProvisionedThroughput}.
     */
    static Map<String, Object> simpleTable(Map<String, Object> properties) {
        Map<String, Object> key = map(properties.get("PrimaryKey"));
        String name = String.valueOf(key.getOrDefault("Name", "id"));
        String type = String.valueOf(key.getOrDefault("Type", "String"));
        String attributeType = switch (type) {
            case "String" -> "S";
            case "Number" -> "N";
            case "Binary" -> "B";
            default -> throw new IllegalArgumentException("a SimpleTable's PrimaryKey Type is String, Number or Binary, not " + type);
        };
        Map<String, Object> table = new LinkedHashMap<>();
        if (properties.containsKey("TableName")) {
            table.put("TableName", properties.get("TableName"));
        }
        table.put("AttributeDefinitions", List.of(Map.of("AttributeName", name, "AttributeType", attributeType)));
        table.put("KeySchema", List.of(Map.of("AttributeName", name, "KeyType", "HASH")));
        if (properties.containsKey("ProvisionedThroughput")) {
            table.put("BillingMode", "PROVISIONED");
            table.put("ProvisionedThroughput", properties.get("ProvisionedThroughput"));
        } else {
            table.put("BillingMode", "PAY_PER_REQUEST");
        }
        if (properties.containsKey("SSESpecification")) {
            table.put("SSESpecification", properties.get("SSESpecification"));
        }
        return table;
    }

    private LocalResource table(String logicalId, String type, Map<String, Object> properties) {
        String name = properties.containsKey("TableName") ? String.valueOf(properties.get("TableName"))
                : stackName + "-" + logicalId;
        TableDescription table;
        try {
            table = dynamo.describeTable(r -> r.tableName(name)).table();
        } catch (ResourceNotFoundException e) {
            table = dynamo.createTable(createTable(name, properties)).tableDescription();
            Map<String, Object> ttl = map(properties.get("TimeToLiveSpecification"));
            if (Boolean.parseBoolean(String.valueOf(ttl.get("Enabled")))) {
                dynamo.updateTimeToLive(r -> r.tableName(name).timeToLiveSpecification(
                        t -> t.attributeName(String.valueOf(ttl.get("AttributeName"))).enabled(true)));
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("Arn", "arn:aws:dynamodb:" + region + ":" + ACCOUNT + ":table/" + name);
        if (table.latestStreamArn() != null) {
            attributes.put("StreamArn", table.latestStreamArn());
        }
        List<String> notes = new ArrayList<>();
        for (String setting : List.of("SSESpecification", "PointInTimeRecoverySpecification", "DeletionProtectionEnabled")) {
            if (properties.containsKey(setting)) {
                notes.add(setting + " not emulated");
            }
        }
        return new LocalResource(logicalId, type, name, attributes, notes);
    }

    private static CreateTableRequest createTable(String name, Map<String, Object> properties) {
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name)
                .attributeDefinitions(list(properties.get("AttributeDefinitions")).stream().map(SamTemplate::map)
                        .map(a -> AttributeDefinition.builder().attributeName(String.valueOf(a.get("AttributeName")))
                                .attributeType(String.valueOf(a.get("AttributeType"))).build()).toList())
                .keySchema(keys(properties.get("KeySchema")));
        if ("PROVISIONED".equals(properties.get("BillingMode")) && properties.containsKey("ProvisionedThroughput")) {
            Map<String, Object> throughput = map(properties.get("ProvisionedThroughput"));
            request.billingMode(BillingMode.PROVISIONED).provisionedThroughput(p -> p
                    .readCapacityUnits(Long.parseLong(String.valueOf(throughput.get("ReadCapacityUnits"))))
                    .writeCapacityUnits(Long.parseLong(String.valueOf(throughput.get("WriteCapacityUnits")))));
        } else {
            request.billingMode(BillingMode.PAY_PER_REQUEST);
        }
        List<GlobalSecondaryIndex> globals = list(properties.get("GlobalSecondaryIndexes")).stream().map(SamTemplate::map)
                .map(i -> GlobalSecondaryIndex.builder().indexName(String.valueOf(i.get("IndexName")))
                        .keySchema(keys(i.get("KeySchema"))).projection(projection(i.get("Projection"))).build())
                .toList();
        if (!globals.isEmpty()) {
            request.globalSecondaryIndexes(globals);
        }
        List<LocalSecondaryIndex> locals = list(properties.get("LocalSecondaryIndexes")).stream().map(SamTemplate::map)
                .map(i -> LocalSecondaryIndex.builder().indexName(String.valueOf(i.get("IndexName")))
                        .keySchema(keys(i.get("KeySchema"))).projection(projection(i.get("Projection"))).build())
                .toList();
        if (!locals.isEmpty()) {
            request.localSecondaryIndexes(locals);
        }
        Map<String, Object> stream = map(properties.get("StreamSpecification"));
        if (stream.containsKey("StreamViewType")) {
            request.streamSpecification(s -> s.streamEnabled(true).streamViewType(String.valueOf(stream.get("StreamViewType"))));
        }
        return request.build();
    }

    private static List<KeySchemaElement> keys(Object schema) {
        return list(schema).stream().map(SamTemplate::map)
                .map(k -> KeySchemaElement.builder().attributeName(String.valueOf(k.get("AttributeName")))
                        .keyType(String.valueOf(k.get("KeyType"))).build()).toList();
    }

    private static Projection projection(Object raw) {
        Map<String, Object> projection = map(raw);
        Projection.Builder builder = Projection.builder()
                .projectionType(String.valueOf(projection.getOrDefault("ProjectionType", "ALL")));
        List<Object> nonKey = list(projection.get("NonKeyAttributes"));
        if (!nonKey.isEmpty()) {
            builder.nonKeyAttributes(nonKey.stream().map(String::valueOf).toList());
        }
        return builder.build();
    }

    private LocalResource queue(String logicalId, Map<String, Object> raw) {
        Map<String, Object> properties = map(intrinsics.resolve(raw));
        boolean fifo = Boolean.parseBoolean(String.valueOf(properties.get("FifoQueue")));
        String name = properties.containsKey("QueueName") ? String.valueOf(properties.get("QueueName"))
                : stackName + "-" + logicalId + (fifo ? ".fifo" : "");
        Map<String, String> attributes = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (key.equals("QueueName") || key.equals("Tags")) {
                return;
            }
            attributes.put(key, value instanceof Map<?, ?> || value instanceof List<?>
                    ? Json.write(value) : String.valueOf(value));
        });
        List<String> notes = new ArrayList<>();
        visibilityTimeout.ifPresent(seconds -> {
            attributes.put("VisibilityTimeout", Integer.toString(seconds));
            notes.add("VisibilityTimeout " + seconds + " s (--visibility-timeout)");
        });
        String url;
        try {
            url = createQueue(name, attributes);
        } catch (SdkException e) {
            // ElasticMQ refuses some settings of the real service: create without them and say so.
            Map<String, String> supported = new LinkedHashMap<>(attributes);
            for (String attribute : BEST_EFFORT_QUEUE_ATTRIBUTES) {
                if (supported.remove(attribute) != null) {
                    notes.add(attribute + " not emulated"
                            + (attribute.equals("RedriveAllowPolicy") ? " (move tasks: the local SQS endpoint)" : ""));
                }
            }
            url = createQueue(name, supported);
        }
        String queueUrl = url;
        Map<String, String> actual = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.ALL))
                .attributesAsStrings();
        // Some backends accept a setting and drop it (ElasticMQ: RedriveAllowPolicy): say so.
        attributes.keySet().stream().filter(a -> !actual.containsKey(a) && notes.stream().noneMatch(n -> n.startsWith(a)))
                .forEach(a -> notes.add(a + " not emulated"
                        + (a.equals("RedriveAllowPolicy") ? " (move tasks: the local SQS endpoint)" : "")));
        String arn = actual.get(QueueAttributeName.QUEUE_ARN.toString());
        return new LocalResource(logicalId, "AWS::SQS::Queue", url,
                Map.of("Arn", arn, "QueueName", name, "QueueUrl", url), notes);
    }

    private String createQueue(String name, Map<String, String> attributes) {
        return sqs.createQueue(r -> r.queueName(name).attributesWithStrings(attributes)).queueUrl();
    }

    /** A REST API id of the local kind: the logical id in lower case (real ones are 10 random characters). */
    public static String apiId(String logicalId) {
        return logicalId.toLowerCase(java.util.Locale.ROOT);
    }

    /** Resources that are not emulated as such: their local names, for Ref and GetAtt. */
    private LocalResource named(String logicalId, String type, Map<String, Object> properties) {
        String prefix = "arn:aws:";
        return switch (type) {
            case "AWS::Serverless::Function" -> {
                // Like CloudFormation: FunctionName when the template sets one, else a name made from the stack.
                String name = properties.containsKey("FunctionName")
                        ? intrinsics.resolveString(properties.get("FunctionName")) : stackName + "-" + logicalId;
                String arn = prefix + "lambda:" + region + ":" + ACCOUNT + ":function:" + name;
                yield new LocalResource(logicalId, type, name, Map.of("Arn", arn, "Alias", arn + ":live"));
            }
            // A REST API's id (Ref) is its own, so an Api event's RestApiId says which API, and which stage, it is on.
            case "AWS::Serverless::Api", "AWS::ApiGateway::RestApi" -> new LocalResource(logicalId, type, apiId(logicalId),
                    Map.of("RootResourceId", apiId(logicalId) + "-root"));
            case "AWS::SNS::Topic" -> {
                String name = properties.containsKey("TopicName")
                        ? intrinsics.resolveString(properties.get("TopicName")) : stackName + "-" + logicalId;
                String arn = prefix + "sns:" + region + ":" + ACCOUNT + ":" + name;
                yield new LocalResource(logicalId, type, arn, Map.of("TopicName", name, "TopicArn", arn),
                        List.of("not emulated: nothing is published locally"));
            }
            default -> new LocalResource(logicalId, type, stackName + "-" + logicalId, Map.of(),
                    List.of("not emulated"));
        };
    }
}
