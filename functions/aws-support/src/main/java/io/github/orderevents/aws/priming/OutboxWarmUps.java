package io.github.orderevents.aws.priming;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.RoutingConfig;
import io.github.orderevents.aws.dynamo.OutboxItems;
import io.github.orderevents.aws.events.EventCodec;
import io.github.orderevents.aws.stream.StreamImages;
import io.github.orderevents.domain.OrderEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.github.orderevents.aws.priming.SnapStartPriming.KEY;
import static io.github.orderevents.aws.priming.SnapStartPriming.step;

/** The outbox relay's warm-ups, which the sweeper shares: what OutboxWiring's relay reads, marks and sends. */
public final class OutboxWarmUps {
    private OutboxWarmUps() {
    }

    /**
     * A stream record of a new outbox row read into its event and encoded for the queues; a PartiQL UPDATE of a
     * row that is not there (UPDATE never creates one: DynamoDB answers ConditionalCheckFailed); an empty
     * SendMessageBatch to each queue of OUTBOX_ROUTES; an EMF metrics line serialized and dropped.
     */
    public static List<SnapStartPriming.Step> relaySteps(Env env, AwsClients aws) {
        DynamoDbClient dynamo = aws.dynamoDb();
        SqsClient sqs = aws.build(SqsClient.builder(), "SQS");
        String outbox = env.require("OUTBOX_TABLE");
        List<SnapStartPriming.Step> steps = new ArrayList<>();
        steps.add(step("outbox stream record to queue message", OutboxWarmUps::readStreamRecord));
        steps.add(step("outbox PartiQL UPDATE refused", () -> refusedMark(dynamo, outbox)));
        RoutingConfig.parse(env.require(RoutingConfig.VARIABLE)).destinations().forEach(queueUrl ->
                steps.add(step("SendMessageBatch, empty, " + queueUrl, SqsWarmUps.emptyBatch(sqs, queueUrl))));
        steps.add(MetricsWarmUps.emfLine());
        return steps;
    }

    private static void readStreamRecord() {
        StreamRecord image = new StreamRecord();
        image.setNewImage(toStreamImage(OutboxItems.pendingRow(SampleEvents.orderPlaced())));
        image.setSequenceNumber("1");
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        record.setEventName("INSERT");
        record.setDynamodb(image);
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(record));
        for (DynamodbStreamRecord each : event.getRecords()) {
            OrderEvent read = OutboxItems.fromRow(StreamImages.toSdk(each.getDynamodb().getNewImage()));
            EventCodec.encode(read);
        }
    }

    private static void refusedMark(DynamoDbClient dynamo, String outbox) {
        String statement = "UPDATE \"" + outbox + "\" SET \"primedAt\" = ? WHERE \"" + OutboxItems.HASH_KEY
                + "\" = ? AND \"" + OutboxItems.RANGE_KEY + "\" = ?";
        List<BatchStatementResponse> responses = dynamo.batchExecuteStatement(r -> r.statements(s -> s.statement(statement)
                .parameters(DynamoWarmUps.s(KEY), DynamoWarmUps.s(KEY), DynamoWarmUps.n(1)))).responses();
        if (responses.stream().anyMatch(response -> response.error() == null
                || !"ConditionalCheckFailed".equals(response.error().codeAsString()))) {
            throw new IllegalStateException("the refused UPDATE was answered " + responses);
        }
    }

    /** The stream's form of an item, as Lambda hands it over (the reverse of {@link StreamImages#toSdk}). */
    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> toStreamImage(
            Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image = new HashMap<>();
        item.forEach((name, value) -> image.put(name, toStreamValue(value)));
        return image;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue toStreamValue(AttributeValue v) {
        var value = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (v.type()) {
            case S -> value.setS(v.s());
            case N -> value.setN(v.n());
            case BOOL -> value.setBOOL(v.bool());
            case NUL -> value.setNULL(true);
            case M -> value.setM(toStreamImage(v.m()));
            case L -> value.setL(v.l().stream().map(OutboxWarmUps::toStreamValue).toList());
            case SS -> value.setSS(v.ss());
            case NS -> value.setNS(v.ns());
            default -> throw new IllegalArgumentException("no stream form for " + v.type());
        }
        return value;
    }
}
