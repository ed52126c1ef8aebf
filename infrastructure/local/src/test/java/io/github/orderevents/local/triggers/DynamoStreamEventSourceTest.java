package io.github.orderevents.local.triggers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.local.Json;
import io.github.orderevents.local.LocalBackends;
import io.github.orderevents.local.testing.MutableClock;
import io.github.orderevents.local.functions.LocalContext;
import io.github.orderevents.local.functions.HandlerInvoker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromB;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBs;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromM;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNs;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNul;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromSs;

/**
 * The DynamoDB stream event source on DynamoDB Local (a stream-enabled table per test) and ElasticMQ
 * (the on-failure destination), with a scripted function.
 */
class DynamoStreamEventSourceTest {
    private static final String REGION = "eu-west-1";
    private static final String FUNCTION_ARN = "arn:aws:lambda:eu-west-1:000000000000:function:relay";

    @RegisterExtension
    static final LocalBackends BACKENDS = new LocalBackends();

    private final DynamoDbClient dynamo = BACKENDS.dynamo();
    private final SqsClient sqs = BACKENDS.sqs();
    private DynamoDbStreamsClient streams;
    private final ScriptedFunction function = new ScriptedFunction();
    private final MutableClock clock = new MutableClock(Instant.now());
    private String table;
    private String streamArn;
    private String failureQueueUrl;
    private String failureQueueArn;

    @BeforeEach
    void createTableAndQueue() {
        streams = BACKENDS.streams();
        table = "stream-" + UUID.randomUUID().toString().substring(0, 8);
        dynamo.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        streamArn = dynamo.describeTable(r -> r.tableName(table)).table().latestStreamArn();
        failureQueueUrl = sqs.createQueue(r -> r.queueName("relay-failures-" + UUID.randomUUID().toString().substring(0, 8))).queueUrl();
        failureQueueArn = sqs.getQueueAttributes(r -> r.queueUrl(failureQueueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    // ------------------------------------------------------------------ the event

    @Test
    void buildsTheEventLambdaSendsWithTheFixturesShape() throws IOException {
        put("a", Map.of("status", fromS("PENDING"), "sequence", fromN("1")));
        DynamoStreamEventSource source = source(mapping());

        source.pollOnce();

        JsonNode record = function.records().getFirst();
        JsonNode fixture = Json.MAPPER.readTree(projectRoot().resolve("events/outbox-stream.json").toFile())
                .get("Records").get(0);
        assertThat(fieldNames(record)).isEqualTo(fieldNames(fixture));
        assertThat(fieldNames(record.get("dynamodb"))).isEqualTo(fieldNames(fixture.get("dynamodb")));
        assertThat(record.get("eventName").asText()).isEqualTo("INSERT");
        assertThat(record.get("eventVersion").asText()).isEqualTo("1.1");
        assertThat(record.get("eventSource").asText()).isEqualTo("aws:dynamodb");
        assertThat(record.get("awsRegion").asText()).isEqualTo(REGION);
        assertThat(record.get("eventSourceARN").asText()).isEqualTo(streamArn);
        JsonNode dynamodb = record.get("dynamodb");
        assertThat(dynamodb.get("ApproximateCreationDateTime").isIntegralNumber()).isTrue();
        assertThat(dynamodb.get("ApproximateCreationDateTime").asLong())
                .isCloseTo(Instant.now().getEpochSecond(), within(60L));
        assertThat(dynamodb.get("Keys")).isEqualTo(Json.MAPPER.readTree("{\"id\": {\"S\": \"a\"}}"));
        assertThat(dynamodb.get("NewImage")).isEqualTo(Json.MAPPER.readTree(
                "{\"id\": {\"S\": \"a\"}, \"status\": {\"S\": \"PENDING\"}, \"sequence\": {\"N\": \"1\"}}"));
        assertThat(dynamodb.get("SequenceNumber").isTextual()).isTrue();
        assertThat(dynamodb.get("SizeBytes").isIntegralNumber()).isTrue();
        assertThat(dynamodb.get("StreamViewType").asText()).isEqualTo("NEW_AND_OLD_IMAGES");
    }

    @Test
    void writesEveryAttributeTypeInDynamoDbJson() throws IOException {
        put("a", Map.of(
                "s", fromS("x"), "n", fromN("1.5"), "b", fromB(SdkBytes.fromUtf8String("hi")),
                "ss", fromSs(List.of("p", "q")), "ns", fromNs(List.of("1", "2")),
                "bs", fromBs(List.of(SdkBytes.fromUtf8String("hi"))), "bool", fromBool(true), "nul", fromNul(true),
                "m", fromM(Map.of("inner", fromS("y"))), "l", fromL(List.of(fromS("z"), fromN("3")))));
        DynamoStreamEventSource source = source(mapping());

        source.pollOnce();

        JsonNode image = function.records().getFirst().get("dynamodb").get("NewImage");
        assertThat(image.get("s")).isEqualTo(json("{\"S\": \"x\"}"));
        assertThat(image.get("n")).isEqualTo(json("{\"N\": \"1.5\"}"));
        assertThat(image.get("b")).isEqualTo(json("{\"B\": \"aGk=\"}"));
        assertThat(image.get("ss").get("SS")).containsExactlyInAnyOrder(json("\"p\""), json("\"q\""));
        assertThat(image.get("ns").get("NS")).containsExactlyInAnyOrder(json("\"1\""), json("\"2\""));
        assertThat(image.get("bs")).isEqualTo(json("{\"BS\": [\"aGk=\"]}"));
        assertThat(image.get("bool")).isEqualTo(json("{\"BOOL\": true}"));
        assertThat(image.get("nul")).isEqualTo(json("{\"NULL\": true}"));
        assertThat(image.get("m")).isEqualTo(json("{\"M\": {\"inner\": {\"S\": \"y\"}}}"));
        assertThat(image.get("l")).isEqualTo(json("{\"L\": [{\"S\": \"z\"}, {\"N\": \"3\"}]}"));
    }

    /** What the outbox relay's handler sees, through the Lambda runtime's own serialisation. */
    static final class ProbeHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
        final AtomicReference<DynamodbEvent> seen = new AtomicReference<>();

        @Override
        public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
            seen.set(event);
            return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
        }
    }

    @Test
    void eventDeserialisesIntoTheLambdaLibrarysDynamodbEvent() {
        put("a", Map.of("status", fromS("PENDING"), "total", fromN("44.98")));
        ProbeHandler handler = new ProbeHandler();
        DynamoStreamEventSource source = new DynamoStreamEventSource(streams, sqs, mapping().settings(),
                new HandlerInvoker("relay", handler, () -> new LocalContext("relay", 512, Duration.ofSeconds(10))), clock);

        DynamoStreamEventSource.Poll poll = source.pollOnce();

        DynamodbEvent.DynamodbStreamRecord record = handler.seen.get().getRecords().getFirst();
        assertThat(record.getEventName()).isEqualTo("INSERT");
        assertThat(record.getEventSource()).isEqualTo("aws:dynamodb");
        assertThat(record.getEventSourceARN()).isEqualTo(streamArn);
        assertThat(record.getAwsRegion()).isEqualTo(REGION);
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image =
                record.getDynamodb().getNewImage();
        assertThat(image.get("status").getS()).isEqualTo("PENDING");
        assertThat(image.get("total").getN()).isEqualTo("44.98");
        assertThat(record.getDynamodb().getKeys().get("id").getS()).isEqualTo("a");
        assertThat(record.getDynamodb().getApproximateCreationDateTime()).isNotNull();
        assertThat(record.getDynamodb().getSequenceNumber()).isNotBlank();
        assertThat(poll.delivered()).isEqualTo(1);
        assertThat(source.checkpoints()).containsValue(record.getDynamodb().getSequenceNumber());
    }

    @Test
    void deliversInsertModifyRemoveInOrderWithTheImagesOfTheViewType() {
        put("a", Map.of("status", fromS("PENDING")));
        put("a", Map.of("status", fromS("PUBLISHED")));
        dynamo.deleteItem(r -> r.tableName(table).key(Map.of("id", fromS("a"))));
        DynamoStreamEventSource source = source(mapping());

        drain(source);

        List<JsonNode> records = function.records();
        assertThat(records).extracting(r -> r.get("eventName").asText()).containsExactly("INSERT", "MODIFY", "REMOVE");
        assertThat(records.get(0).get("dynamodb").has("OldImage")).isFalse();
        assertThat(records.get(1).get("dynamodb").get("OldImage").get("status").get("S").asText()).isEqualTo("PENDING");
        assertThat(records.get(1).get("dynamodb").get("NewImage").get("status").get("S").asText()).isEqualTo("PUBLISHED");
        assertThat(records.get(2).get("dynamodb").has("NewImage")).isFalse();
        assertThat(records.get(2).has("userIdentity")).isFalse();
        assertThat(records).extracting(r -> r.get("dynamodb").get("SequenceNumber").asText())
                .isSortedAccordingTo((x, y) -> new BigInteger(x).compareTo(new BigInteger(y)));
    }

    @Test
    void ttlDeleteCarriesTheDynamoDbServiceAsUserIdentity() {
        dynamo.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt")));
        put("a", Map.of("expiresAt", fromN(Long.toString(Instant.now().minusSeconds(60).getEpochSecond()))));
        DynamoStreamEventSource source = source(mapping());

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            source.pollOnce();
            assertThat(function.records()).extracting(r -> r.get("eventName").asText()).contains("REMOVE");
        });

        JsonNode remove = function.records().stream().filter(r -> r.get("eventName").asText().equals("REMOVE")).findFirst().orElseThrow();
        assertThat(remove.get("userIdentity")).isEqualTo(json("{\"type\": \"Service\", \"principalId\": \"dynamodb.amazonaws.com\"}"));
    }

    // ------------------------------------------------------------------ reading the stream

    @Test
    void filterDropsRecordsMatchingNoPatternAndTheCheckpointStillMovesPastThem() {
        put("a", Map.of("status", fromS("PENDING")));
        put("b", Map.of("status", fromS("PENDING")));
        put("a", Map.of("status", fromS("PUBLISHED")));
        dynamo.deleteItem(r -> r.tableName(table).key(Map.of("id", fromS("a"))));
        DynamoStreamEventSource source = source(mapping().filter("{\"eventName\": [\"INSERT\"]}"));

        List<DynamoStreamEventSource.Poll> polls = drain(source);

        assertThat(function.batches()).containsExactly(List.of("a", "b"));
        assertThat(function.records()).extracting(r -> r.get("eventName").asText()).containsOnly("INSERT");
        assertThat(polls.stream().mapToInt(DynamoStreamEventSource.Poll::filteredOut).sum()).isEqualTo(2);
        assertThat(source.checkpoints()).containsValue(lastSequenceNumberInStream());
    }

    @Test
    void batchOfOnlyFilteredOutRecordsInvokesNothingButAdvances() {
        put("a", Map.of("status", fromS("PENDING")));
        DynamoStreamEventSource source = source(mapping().filter("{\"eventName\": [\"REMOVE\"]}"));

        DynamoStreamEventSource.Poll poll = source.pollOnce();

        assertThat(poll.read()).isEqualTo(1);
        assertThat(poll.filteredOut()).isEqualTo(1);
        assertThat(poll.invocations()).isZero();
        assertThat(function.events()).isEmpty();
        assertThat(source.checkpoints()).containsValue(lastSequenceNumberInStream());
    }

    @Test
    void filtersOnNewImageAttributesInDynamoDbJson() {
        put("a", Map.of("status", fromS("PENDING"), "amount", fromN("5")));
        put("b", Map.of("status", fromS("PUBLISHED"), "amount", fromN("50")));
        put("c", Map.of("status", fromS("PENDING"), "amount", fromN("500")));
        DynamoStreamEventSource source = source(mapping().filter(
                "{\"dynamodb\": {\"NewImage\": {\"status\": {\"S\": [\"PENDING\"]}, \"amount\": {\"N\": [{\"numeric\": [\">\", 10]}]}}}}"));

        drain(source);

        assertThat(function.batches()).containsExactly(List.of("c"));
    }

    @Test
    void respectsTheBatchSize() {
        putAll("a", "b", "c", "d", "e");
        DynamoStreamEventSource source = source(mapping().batchSize(2));

        drain(source);

        assertThat(function.batches()).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
    }

    @Test
    void trimHorizonStartsWithTheOldestRecord() {
        putAll("a", "b");
        DynamoStreamEventSource source = source(mapping());
        putAll("c");

        drain(source);

        assertThat(function.records()).extracting(ScriptedFunction::id).containsExactly("a", "b", "c");
    }

    @Test
    void latestSkipsRecordsWrittenBeforeTheMappingStarted() {
        putAll("a", "b");
        DynamoStreamEventSource source = source(mapping().startingPosition("LATEST"));

        drain(source);
        assertThat(function.events()).isEmpty();

        putAll("c", "d");
        drain(source);
        assertThat(function.records()).extracting(ScriptedFunction::id).containsExactly("c", "d");
    }

    // ------------------------------------------------------------------ failures

    @Test
    void partialFailureResumesAtTheReportedRecordWithoutRedeliveringEarlierOnes() {
        putAll("a", "b", "c", "d", "e");
        function.reportFailureNext(2);
        DynamoStreamEventSource source = source(mapping());

        DynamoStreamEventSource.Poll first = source.pollOnce();
        String checkpointAfterFirst = source.checkpoints().values().iterator().next();
        drain(source);

        assertThat(first.delivered()).isEqualTo(2);
        assertThat(first.failedInvocations()).isEqualTo(1);
        assertThat(checkpointAfterFirst).isEqualTo(sequenceNumberOf(function.events().getFirst(), "b"));
        assertThat(function.batches()).containsExactly(List.of("a", "b", "c", "d", "e"), List.of("c", "d", "e"));
    }

    @Test
    void severalReportedFailuresResumeAtTheLowestSequenceNumber() {
        putAll("a", "b", "c", "d");
        function.reportFailuresNext(3, 1); // d and b, out of order
        DynamoStreamEventSource source = source(mapping());

        drain(source);

        assertThat(function.batches()).containsExactly(List.of("a", "b", "c", "d"), List.of("b", "c", "d"));
    }

    @Test
    void unknownItemIdentifierFailsTheWholeBatch() {
        putAll("a", "b");
        function.answerNext(ScriptedFunction.failure("not-a-sequence-number"));
        DynamoStreamEventSource source = source(mapping());

        DynamoStreamEventSource.Poll first = source.pollOnce();
        drain(source);

        assertThat(first.delivered()).isZero();
        assertThat(first.failedInvocations()).isEqualTo(1);
        assertThat(function.batches()).containsExactly(List.of("a", "b"), List.of("a", "b"));
    }

    @Test
    void emptyItemIdentifierFailsTheWholeBatch() {
        putAll("a", "b");
        function.answerNext(ScriptedFunction.failure(""));
        DynamoStreamEventSource source = source(mapping());

        drain(source);

        assertThat(function.batches()).containsExactly(List.of("a", "b"), List.of("a", "b"));
    }

    @Test
    void withoutReportBatchItemFailuresTheResponseIsIgnored() {
        putAll("a", "b");
        function.reportFailureNext(1);
        DynamoStreamEventSource source = source(mapping().reportBatchItemFailures(false));

        drain(source);

        assertThat(function.batches()).containsExactly(List.of("a", "b"));
    }

    @Test
    void functionErrorRetriesTheWholeBatch() {
        putAll("a", "b", "c");
        function.failNext().failNext();
        DynamoStreamEventSource source = source(mapping());

        DynamoStreamEventSource.Poll first = source.pollOnce();
        drain(source);

        assertThat(first.failedInvocations()).isEqualTo(1);
        assertThat(source.checkpoints().values()).containsExactly(lastSequenceNumberInStream());
        assertThat(function.batches()).containsExactly(List.of("a", "b", "c"), List.of("a", "b", "c"), List.of("a", "b", "c"));
    }

    @Test
    void exhaustedRetriesSendOneInvocationRecordToTheDestinationAndSkipTheBatch() throws IOException {
        putAll("a", "b", "c");
        function.failWhenBatchHolds("a");
        DynamoStreamEventSource source = source(mapping().batchSize(2).maximumRetryAttempts(2).withDestination());

        List<DynamoStreamEventSource.Poll> polls = drain(source);

        // The initial invocation and two retries, then the next batch.
        assertThat(function.batches()).containsExactly(List.of("a", "b"), List.of("a", "b"), List.of("a", "b"), List.of("c"));
        assertThat(polls.stream().mapToInt(DynamoStreamEventSource.Poll::sentToDestination).sum()).isEqualTo(1);
        assertThat(polls.stream().mapToInt(DynamoStreamEventSource.Poll::discarded).sum()).isEqualTo(2);
        List<Message> messages = destinationMessages();
        assertThat(messages).hasSize(1);
        JsonNode record = Json.MAPPER.readTree(messages.getFirst().body());
        JsonNode first = function.events().getFirst();
        assertThat(record.get("requestContext").get("condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(record.get("requestContext").get("functionArn").asText()).isEqualTo(FUNCTION_ARN);
        assertThat(record.get("requestContext").get("approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(record.get("requestContext").get("requestId").asText()).isNotBlank();
        assertThat(record.get("responseContext")).isEqualTo(json(
                "{\"statusCode\": 200, \"executedVersion\": \"$LATEST\", \"functionError\": \"Unhandled\"}"));
        assertThat(record.get("version").asText()).isEqualTo("1.0");
        assertThat(Instant.parse(record.get("timestamp").asText())).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        JsonNode info = record.get("DDBStreamBatchInfo");
        assertThat(info.get("shardId").asText()).isEqualTo(source.checkpoints().keySet().iterator().next());
        assertThat(info.get("startSequenceNumber").asText()).isEqualTo(sequenceNumberOf(first, "a"));
        assertThat(info.get("endSequenceNumber").asText()).isEqualTo(sequenceNumberOf(first, "b"));
        assertThat(info.get("batchSize").asInt()).isEqualTo(2);
        assertThat(info.get("streamArn").asText()).isEqualTo(streamArn);
        assertThat(Instant.parse(info.get("approximateArrivalOfFirstRecord").asText()).getEpochSecond())
                .isEqualTo(first.get("Records").get(0).get("dynamodb").get("ApproximateCreationDateTime").asLong());
        assertThat(Instant.parse(info.get("approximateArrivalOfLastRecord").asText()).getEpochSecond())
                .isEqualTo(first.get("Records").get(1).get("dynamodb").get("ApproximateCreationDateTime").asLong());
        assertThat(source.checkpoints().values()).containsExactly(lastSequenceNumberInStream());
    }

    @Test
    void exhaustedRetriesAfterAReportedFailureGiveUpOnlyTheFailingRecords() throws IOException {
        putAll("a", "b", "c");
        function.reportFailureOf("b");
        DynamoStreamEventSource source = source(mapping().maximumRetryAttempts(1).withDestination());

        drain(source);

        assertThat(function.batches()).containsExactly(List.of("a", "b", "c"), List.of("b", "c"));
        List<Message> messages = destinationMessages();
        assertThat(messages).hasSize(1);
        JsonNode record = Json.MAPPER.readTree(messages.getFirst().body());
        assertThat(record.get("requestContext").get("condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(record.get("responseContext").has("functionError")).isFalse();
        assertThat(record.get("DDBStreamBatchInfo").get("batchSize").asInt()).isEqualTo(2);
        assertThat(record.get("DDBStreamBatchInfo").get("startSequenceNumber").asText())
                .isEqualTo(sequenceNumberOf(function.events().getFirst(), "b"));
    }

    @Test
    void withoutADestinationExhaustedRecordsAreSkipped() {
        putAll("a", "b");
        function.failWhenBatchHolds("a");
        DynamoStreamEventSource source = source(mapping().batchSize(1).maximumRetryAttempts(0));

        List<DynamoStreamEventSource.Poll> polls = drain(source);

        assertThat(function.batches()).containsExactly(List.of("a"), List.of("b"));
        assertThat(polls.stream().mapToInt(DynamoStreamEventSource.Poll::discarded).sum()).isEqualTo(1);
        assertThat(polls.stream().mapToInt(DynamoStreamEventSource.Poll::sentToDestination).sum()).isZero();
        assertThat(source.checkpoints().values()).containsExactly(lastSequenceNumberInStream());
    }

    @Test
    void bisectSplitsAFailingBatchUntilTheBadRecordIsAloneWithoutSpendingRetries() throws IOException {
        putAll("a", "b", "c", "d");
        function.failWhenBatchHolds("c");
        DynamoStreamEventSource source = source(mapping().bisect(true).maximumRetryAttempts(1).withDestination());

        drain(source);

        assertThat(function.batches()).containsExactly(
                List.of("a", "b", "c", "d"), // fails: split in two
                List.of("a", "b"),           // succeeds
                List.of("c", "d"),           // fails: split in two
                List.of("c"),                // fails: cannot split, so a retry
                List.of("c"),                // the one retry fails: given up
                List.of("d"));               // the other half
        assertThat(function.batches()).extracting(List::size).containsExactly(4, 2, 2, 1, 1, 1);
        List<Message> messages = destinationMessages();
        assertThat(messages).hasSize(1);
        JsonNode info = Json.MAPPER.readTree(messages.getFirst().body()).get("DDBStreamBatchInfo");
        assertThat(info.get("batchSize").asInt()).isEqualTo(1);
        String c = sequenceNumberOf(function.events().getFirst(), "c");
        assertThat(info.get("startSequenceNumber").asText()).isEqualTo(c);
        assertThat(info.get("endSequenceNumber").asText()).isEqualTo(c);
    }

    @Test
    void recordOlderThanTheMaximumAgeIsNoLongerRetried() throws IOException {
        putAll("a");
        function.failAlways();
        DynamoStreamEventSource source = source(mapping().maximumRecordAgeInSeconds(60).withDestination());

        DynamoStreamEventSource.Poll first = source.pollOnce();
        clock.advance(Duration.ofSeconds(61));
        DynamoStreamEventSource.Poll second = source.pollOnce();
        DynamoStreamEventSource.Poll third = source.pollOnce();

        assertThat(first.failedInvocations()).isEqualTo(1);
        assertThat(second.invocations()).isZero();
        assertThat(second.discarded()).isEqualTo(1);
        assertThat(second.sentToDestination()).isEqualTo(1);
        assertThat(third.invocations()).isZero();
        assertThat(function.batches()).containsExactly(List.of("a"));
        JsonNode record = Json.MAPPER.readTree(destinationMessages().getFirst().body());
        assertThat(record.get("requestContext").get("condition").asText()).isEqualTo("RecordAgeExceeded");
        assertThat(record.get("requestContext").get("approximateInvokeCount").asInt()).isEqualTo(1);
        assertThat(record.get("responseContext").get("functionError").asText()).isEqualTo("Unhandled");
        assertThat(source.checkpoints().values()).containsExactly(lastSequenceNumberInStream());
    }

    @Test
    void recordsAlreadyTooOldAreGivenUpWithoutAnInvocation() throws IOException {
        putAll("a", "b");
        clock.advance(Duration.ofMinutes(10));
        DynamoStreamEventSource source = source(mapping().maximumRecordAgeInSeconds(60).withDestination());

        DynamoStreamEventSource.Poll poll = source.pollOnce();

        assertThat(poll.invocations()).isZero();
        assertThat(poll.discarded()).isEqualTo(2);
        assertThat(function.events()).isEmpty();
        JsonNode record = Json.MAPPER.readTree(destinationMessages().getFirst().body());
        assertThat(record.get("requestContext").get("condition").asText()).isEqualTo("RecordAgeExceeded");
        assertThat(record.get("requestContext").get("approximateInvokeCount").asInt()).isZero();
        assertThat(record.has("responseContext")).isFalse();
        assertThat(record.get("DDBStreamBatchInfo").get("batchSize").asInt()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ running

    @Test
    void startedSourcePollsUntilClosed() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "stream-test");
            thread.setDaemon(true);
            return thread;
        });
        try (DynamoStreamEventSource source = source(mapping())) {
            source.start(executor, Duration.ofMillis(50));
            putAll("a");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(function.records()).extracting(ScriptedFunction::id).containsExactly("a"));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void rejectsSettingsLambdaWouldReject() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> mapping().batchSize(0).settings());
        assertThatIllegalArgumentException()
                .isThrownBy(() -> mapping().startingPosition("AT_TIMESTAMP").settings());
        assertThatIllegalArgumentException()
                .isThrownBy(() -> mapping().maximumRetryAttempts(-2).settings());
        assertThatIllegalArgumentException()
                .isThrownBy(() -> source(mapping().filter("{\"eventName\": \"INSERT\"}")));
    }

    // ------------------------------------------------------------------ helpers

    private DynamoStreamEventSource source(Mapping mapping) {
        return new DynamoStreamEventSource(streams, sqs, mapping.settings(), function, clock);
    }

    private Mapping mapping() {
        return new Mapping();
    }

    /** Settings with test defaults: TRIM_HORIZON, batch 100, ReportBatchItemFailures, no limits, no filter. */
    private final class Mapping {
        private String startingPosition = "TRIM_HORIZON";
        private int batchSize = 100;
        private boolean bisect;
        private int maximumRetryAttempts = -1;
        private int maximumRecordAgeInSeconds = -1;
        private boolean reportBatchItemFailures = true;
        private final List<String> filters = new ArrayList<>();
        private boolean destination;

        Mapping startingPosition(String value) {
            startingPosition = value;
            return this;
        }

        Mapping batchSize(int value) {
            batchSize = value;
            return this;
        }

        Mapping bisect(boolean value) {
            bisect = value;
            return this;
        }

        Mapping maximumRetryAttempts(int value) {
            maximumRetryAttempts = value;
            return this;
        }

        Mapping maximumRecordAgeInSeconds(int value) {
            maximumRecordAgeInSeconds = value;
            return this;
        }

        Mapping reportBatchItemFailures(boolean value) {
            reportBatchItemFailures = value;
            return this;
        }

        Mapping filter(String pattern) {
            filters.add(pattern);
            return this;
        }

        Mapping withDestination() {
            destination = true;
            return this;
        }

        DynamoStreamEventSource.Settings settings() {
            return new DynamoStreamEventSource.Settings(streamArn, startingPosition, batchSize, bisect,
                    maximumRetryAttempts, maximumRecordAgeInSeconds, reportBatchItemFailures, filters,
                    destination ? Optional.of(failureQueueUrl) : Optional.empty(),
                    destination ? Optional.of(failureQueueArn) : Optional.empty(),
                    "relay", FUNCTION_ARN, REGION);
        }
    }

    /** Polls until a round reads, invokes and discards nothing; returns the rounds. */
    private static List<DynamoStreamEventSource.Poll> drain(DynamoStreamEventSource source) {
        List<DynamoStreamEventSource.Poll> polls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            DynamoStreamEventSource.Poll poll = source.pollOnce();
            polls.add(poll);
            if (poll.read() == 0 && poll.invocations() == 0 && poll.discarded() == 0) {
                return polls;
            }
        }
        throw new AssertionError("the source never went idle: " + polls);
    }

    private void put(String id, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.put("id", fromS(id));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    private void putAll(String... ids) {
        for (String id : ids) {
            put(id, Map.of("status", fromS("PENDING")));
        }
    }

    /** The sequence number of the stream's newest record, read directly from the stream. */
    private String lastSequenceNumberInStream() {
        String shardId = streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards().getLast().shardId();
        String iterator = streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        return streams.getRecords(r -> r.shardIterator(iterator)).records().getLast().dynamodb().sequenceNumber();
    }

    private static String sequenceNumberOf(JsonNode event, String id) {
        for (JsonNode record : event.get("Records")) {
            if (ScriptedFunction.id(record).equals(id)) {
                return record.get("dynamodb").get("SequenceNumber").asText();
            }
        }
        throw new AssertionError(id + " not in " + event);
    }

    private List<Message> destinationMessages() {
        return sqs.receiveMessage(r -> r.queueUrl(failureQueueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Path projectRoot() {
        return Path.of(System.getProperty("project.root", "../..")).toAbsolutePath().normalize();
    }
}
