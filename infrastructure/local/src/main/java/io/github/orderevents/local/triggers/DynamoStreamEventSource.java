package io.github.orderevents.local.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.orderevents.local.Json;
import io.github.orderevents.local.functions.FunctionErrorException;
import io.github.orderevents.local.functions.LambdaFunction;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A DynamoDB stream event source mapping as Lambda runs it, with ParallelizationFactor 1: each shard is
 * read in order from the starting position (a child shard only once its parent is done), records that
 * match no FilterCriteria pattern are dropped, and at most BatchSize records at a time go to the
 * function as one DynamoDB stream event (the JSON of events/outbox-stream.json). A success checkpoints
 * the batch; a failed batch is retried, bisected on function errors when BisectBatchOnFunctionError
 * is set, and given up once MaximumRetryAttempts or MaximumRecordAgeInSeconds is exceeded: then one
 * invocation record goes to the OnFailure destination and the shard moves on.
 *
 * <p>Sources (AWS Lambda developer guide): "Lambda parameters for Amazon DynamoDB event source mappings"
 * (services-ddb-params), "Retain discarded records for a DynamoDB event source in Lambda"
 * (services-dynamodb-errors), "Configuring partial batch response with DynamoDB and Lambda"
 * (services-ddb-batchfailurereporting), "Control which events Lambda sends to your function"
 * (invocation-eventfiltering) and "Using event filtering with a DynamoDB event source" (with-ddb-filtering).
 *
 * <p>Retries, as implemented: every failed invocation of the records at the head of a shard (a function
 * error, a reported item failure, or a failure list naming no record of the batch) is one attempt against
 * MaximumRetryAttempts, except a function error on a batch that BisectBatchOnFunctionError splits
 * ("splitting batches doesn't consume the retry quota"); a fully successful invocation or a give-up
 * resets the count. A reported item failure checkpoints the records before it and retries from it (with
 * bisection on, Lambda likewise splits at the returned sequence number). MaximumRecordAgeInSeconds is
 * checked before every invocation, first ones included ("the maximum age of a record that Lambda sends
 * to a function"), against ApproximateCreationDateTime and the given clock.
 *
 * <p>Checkpoints live in memory: a new instance starts again from the starting position.
 */
public final class DynamoStreamEventSource implements AutoCloseable {
    public static final String TRIM_HORIZON = "TRIM_HORIZON";
    public static final String LATEST = "LATEST";
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** DynamoDB Streams' GetRecords returns at most 1,000 records per call. */
    private static final int GET_RECORDS_LIMIT = 1000;

    private final DynamoDbStreamsClient streams;
    private final SqsClient sqs;
    private final Settings settings;
    private final LambdaFunction function;
    private final Clock clock;
    private final List<EventPattern> filters;
    private final Map<String, ShardState> shards = new LinkedHashMap<>();
    /** The checkpoints as of the last round, readable while a round runs (e.g. by the console). */
    private final Map<String, String> checkpoints = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> loop;
    private volatile boolean closed;

    /**
     * The event source mapping's properties, as template.yaml's DynamoDB event declares them.
     *
     * @param startingPosition          TRIM_HORIZON or LATEST (for the shards that exist when the mapping starts)
     * @param maximumRetryAttempts      -1 for infinite (until the records leave the stream)
     * @param maximumRecordAgeInSeconds -1 for infinite
     * @param filterPatterns            FilterCriteria.Filters[].Pattern, each a JSON pattern; none: no filtering
     * @param onFailureQueueUrl         the OnFailure destination (a standard SQS queue), to send to
     * @param onFailureQueueArn         the same queue's ARN, for the logs; present exactly when the URL is
     * @param functionName              for the logs
     * @param functionArn               named in the invocation records sent to the destination
     * @param region                    the events' awsRegion (DynamoDB Local's stream ARNs carry none)
     */
    public record Settings(String streamArn, String startingPosition, int batchSize,
                           boolean bisectBatchOnFunctionError, int maximumRetryAttempts,
                           int maximumRecordAgeInSeconds, boolean reportBatchItemFailures,
                           List<String> filterPatterns, Optional<String> onFailureQueueUrl,
                           Optional<String> onFailureQueueArn, String functionName, String functionArn,
                           String region) {
        public Settings {
            if (!TRIM_HORIZON.equals(startingPosition) && !LATEST.equals(startingPosition)) {
                throw new IllegalArgumentException("StartingPosition must be TRIM_HORIZON or LATEST, was " + startingPosition);
            }
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("BatchSize must be 1..10000, was " + batchSize);
            }
            if (maximumRetryAttempts < -1 || maximumRetryAttempts > 10_000) {
                throw new IllegalArgumentException("MaximumRetryAttempts must be -1..10000, was " + maximumRetryAttempts);
            }
            if (maximumRecordAgeInSeconds < -1 || maximumRecordAgeInSeconds > 604_800) {
                throw new IllegalArgumentException("MaximumRecordAgeInSeconds must be -1..604800, was " + maximumRecordAgeInSeconds);
            }
            if (onFailureQueueUrl.isPresent() != onFailureQueueArn.isPresent()) {
                throw new IllegalArgumentException("the on-failure destination needs both its queue URL and its ARN");
            }
            filterPatterns = List.copyOf(filterPatterns);
        }
    }

    /**
     * What one {@link #pollOnce()} did, over all shards: records read from the stream, of which
     * filtered out; invocations, of which failed (function error or reported item failure); records
     * checkpointed after the function took them; records given up; messages sent to the destination.
     */
    public record Poll(int read, int filteredOut, int invocations, int failedInvocations, int delivered,
                       int discarded, int sentToDestination) {
    }

    public DynamoStreamEventSource(DynamoDbStreamsClient streams, SqsClient sqs, Settings settings,
                                   LambdaFunction function, Clock clock) {
        this.streams = streams;
        this.sqs = sqs;
        this.settings = settings;
        this.function = function;
        this.clock = clock;
        this.filters = settings.filterPatterns().stream().map(EventPattern::parse).toList();
        // LATEST means "from when the mapping was created": pin the open shards' positions now.
        for (Shard shard : describeShards()) {
            ShardState state = new ShardState(shard.shardId(), shard.parentShardId());
            if (LATEST.equals(settings.startingPosition())) {
                if (shard.sequenceNumberRange() != null && shard.sequenceNumberRange().endingSequenceNumber() != null) {
                    state.endOfShard = true;
                } else {
                    state.startAtLatest = true;
                    state.iterator = iterator(state);
                }
            }
            shards.put(state.id, state);
        }
    }

    /** One round: per ready shard, at most one GetRecords call and one invocation. */
    public synchronized Poll pollOnce() {
        Tally tally = new Tally();
        discoverShards();
        for (ShardState shard : List.copyOf(shards.values())) {
            if (!shard.finished() && parentDone(shard)) {
                read(shard, tally);
                process(shard, tally);
                if (shard.checkpoint != null) {
                    checkpoints.put(shard.id, shard.checkpoint);
                }
            }
        }
        return tally.poll();
    }

    /** Polls every {@code interval} on {@code executor} until {@link #close()}; errors are logged, not fatal. */
    public synchronized void start(ScheduledExecutorService executor, Duration interval) {
        if (loop != null) {
            throw new IllegalStateException("already started");
        }
        loop = executor.scheduleWithFixedDelay(this::pollLogged, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> running = loop;
        if (running != null) {
            running.cancel(false);
        }
    }

    /** Per shard, the sequence number of the last record processed (delivered, filtered out or discarded). */
    public Map<String, String> checkpoints() {
        return Map.copyOf(checkpoints);
    }

    public Settings settings() {
        return settings;
    }

    private void pollLogged() {
        try {
            pollOnce();
        } catch (RuntimeException e) {
            if (!closed) {
                log("poll failed: " + e);
            }
        }
    }

    // ------------------------------------------------------------------ shards

    private List<Shard> describeShards() {
        List<Shard> all = new ArrayList<>();
        String start = null;
        do {
            String exclusiveStart = start;
            StreamDescription description = streams.describeStream(r -> r.streamArn(settings.streamArn())
                    .exclusiveStartShardId(exclusiveStart)).streamDescription();
            all.addAll(description.shards());
            start = description.lastEvaluatedShardId();
        } while (start != null);
        return all;
    }

    private void discoverShards() {
        for (Shard shard : describeShards()) {
            // Shards that appear later are read from their start, whatever the starting position.
            shards.computeIfAbsent(shard.shardId(), id -> new ShardState(id, shard.parentShardId()));
        }
    }

    /** A child shard waits until its parent is read and processed (a parent no longer listed is gone). */
    private boolean parentDone(ShardState shard) {
        ShardState parent = shard.parentId == null ? null : shards.get(shard.parentId);
        return parent == null || parent.finished();
    }

    private String iterator(ShardState shard) {
        if (shard.lastRead != null) {
            return streams.getShardIterator(r -> r.streamArn(settings.streamArn()).shardId(shard.id)
                    .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(shard.lastRead)).shardIterator();
        }
        ShardIteratorType type = shard.startAtLatest ? ShardIteratorType.LATEST : ShardIteratorType.TRIM_HORIZON;
        return streams.getShardIterator(r -> r.streamArn(settings.streamArn()).shardId(shard.id)
                .shardIteratorType(type)).shardIterator();
    }

    private void read(ShardState shard, Tally tally) {
        if (shard.endOfShard || shard.matchingBuffered() >= settings.batchSize()) {
            return;
        }
        GetRecordsResponse response;
        try {
            if (shard.iterator == null) {
                shard.iterator = iterator(shard);
            }
            response = getRecords(shard);
        } catch (ExpiredIteratorException e) {
            // Iterators live 15 minutes: an idle local cloud (a paused debugger) outlives them.
            shard.iterator = iterator(shard);
            response = getRecords(shard);
        } catch (TrimmedDataAccessException e) {
            log("shard " + shard.id + ": records after " + shard.lastRead + " were trimmed; going on from the trim horizon");
            shard.lastRead = null;
            shard.startAtLatest = false;
            shard.iterator = iterator(shard);
            return;
        }
        for (Record record : response.records()) {
            ObjectNode json = StreamRecords.toLambdaJson(record, settings.streamArn(), settings.region());
            boolean matches = EventPattern.anyMatches(filters, json);
            Instant created = record.dynamodb().approximateCreationDateTime();
            shard.buffer.add(new Entry(record.dynamodb().sequenceNumber(), created == null ? clock.instant() : created,
                    json, matches));
            shard.lastRead = record.dynamodb().sequenceNumber();
            tally.read++;
            if (!matches) {
                tally.filteredOut++;
            }
        }
        shard.iterator = response.nextShardIterator();
        if (shard.iterator == null) {
            shard.endOfShard = true; // closed and read to its end
        }
    }

    private GetRecordsResponse getRecords(ShardState shard) {
        return streams.getRecords(r -> r.shardIterator(shard.iterator)
                .limit(Math.min(GET_RECORDS_LIMIT, settings.batchSize())));
    }

    // ------------------------------------------------------------------ batches

    private void process(ShardState shard, Tally tally) {
        while (true) {
            if (shard.exhausted != null) {
                // A give-up whose destination send failed last round: send again, do not invoke again.
                giveUp(shard, shard.exhausted, "RetryAttemptsExhausted", tally);
                continue;
            }
            Batch batch = shard.nextBatch(settings.batchSize());
            if (batch.span().isEmpty()) {
                return;
            }
            if (batch.records().isEmpty()) {
                // Only filtered-out records: they count as processed, the checkpoint moves past them.
                shard.advance(batch.span().size());
                return;
            }
            int expired = expiredPrefix(batch.records());
            if (expired > 0) {
                giveUp(shard, batch.records().subList(0, expired), "RecordAgeExceeded", tally);
                continue;
            }
            invoke(shard, batch, tally);
            return;
        }
    }

    /** Records are in stream order, so the ones older than MaximumRecordAgeInSeconds come first. */
    private int expiredPrefix(List<Entry> records) {
        if (settings.maximumRecordAgeInSeconds() < 0) {
            return 0;
        }
        Instant oldestAllowed = clock.instant().minusSeconds(settings.maximumRecordAgeInSeconds());
        int expired = 0;
        while (expired < records.size() && records.get(expired).created().isBefore(oldestAllowed)) {
            expired++;
        }
        return expired;
    }

    private void invoke(ShardState shard, Batch batch, Tally tally) {
        List<Entry> records = batch.records();
        ObjectNode event = Json.MAPPER.createObjectNode();
        ArrayNode array = event.putArray("Records");
        records.forEach(r -> array.add(r.json().deepCopy()));
        tally.invocations++;
        int failedAt;
        try {
            JsonNode response = function.invoke(event);
            failedAt = settings.reportBatchItemFailures() ? firstFailure(response, records) : -1;
        } catch (FunctionErrorException e) {
            onFunctionError(shard, records, e, tally);
            return;
        }
        if (failedAt < 0) {
            shard.advance(batch.span().size());
            shard.consumeHalves(records.size());
            shard.resetFailures();
            tally.delivered += records.size();
            return;
        }
        // Lambda checkpoints just before the failed record and retries from it; with
        // BisectBatchOnFunctionError it likewise "bisects at the returned sequence number and retries
        // only the remaining records" (services-ddb-batchfailurereporting).
        tally.failedInvocations++;
        if (failedAt > 0) {
            shard.advanceTo(records.get(failedAt));
            shard.consumeHalves(failedAt);
            tally.delivered += failedAt;
        }
        List<Entry> failing = records.subList(failedAt, records.size());
        shard.failedInvocations++;
        shard.retries++;
        shard.lastFunctionError = false;
        log("shard " + shard.id + ": batch item failure at " + failing.getFirst().sequenceNumber()
                + " (" + records(failing.size()) + " to retry" + retryOf(shard) + ")");
        if (retriesExhausted(shard)) {
            shard.exhausted = List.copyOf(failing);
            giveUp(shard, shard.exhausted, "RetryAttemptsExhausted", tally);
        }
    }

    private void onFunctionError(ShardState shard, List<Entry> records, FunctionErrorException e, Tally tally) {
        tally.failedInvocations++;
        shard.failedInvocations++;
        shard.lastFunctionError = true;
        if (settings.bisectBatchOnFunctionError() && records.size() > 1) {
            // "Splitting batches doesn't consume the retry quota" (services-dynamodb-errors): each half
            // is tried in turn, the first half first.
            int first = (records.size() + 1) / 2;
            shard.consumeHalves(records.size());
            shard.halves.push(records.size() - first);
            shard.halves.push(first);
            log("shard " + shard.id + ": function error on " + records(records.size()) + ", bisecting into "
                    + first + " + " + (records.size() - first) + ": " + e.getMessage());
            return;
        }
        shard.retries++;
        log("shard " + shard.id + ": function error on " + records(records.size()) + retryOf(shard) + ": " + e.getMessage());
        if (retriesExhausted(shard)) {
            shard.exhausted = List.copyOf(records);
            giveUp(shard, shard.exhausted, "RetryAttemptsExhausted", tally);
        }
    }

    private String retryOf(ShardState shard) {
        int max = settings.maximumRetryAttempts();
        return max < 0 ? ", retrying (" + shard.retries + ")" : shard.retries > max ? ", retries exhausted"
                : ", retrying (" + shard.retries + " of " + max + ")";
    }

    private static String records(int count) {
        return count == 1 ? "1 record" : count + " records";
    }

    private boolean retriesExhausted(ShardState shard) {
        return settings.maximumRetryAttempts() >= 0 && shard.retries > settings.maximumRetryAttempts();
    }

    /**
     * The index of the record to retry from, -1 when the batch succeeded. Per
     * services-ddb-batchfailurereporting: an empty or null list (or response) is a complete success; a
     * null, empty or unknown itemIdentifier a complete failure; of several, the lowest sequence number
     * becomes the checkpoint.
     */
    static int firstFailure(JsonNode response, List<Entry> records) {
        JsonNode failures = response == null || !response.isObject() ? null : response.get("batchItemFailures");
        if (failures == null || failures.isNull() || (failures.isArray() && failures.isEmpty())) {
            return -1;
        }
        if (!failures.isArray()) {
            return 0;
        }
        int first = Integer.MAX_VALUE;
        for (JsonNode failure : failures) {
            JsonNode id = failure == null ? null : failure.get("itemIdentifier");
            int index = id == null || !id.isTextual() ? -1 : indexOf(records, id.asText());
            if (index < 0) {
                return 0;
            }
            first = Math.min(first, index);
        }
        return first;
    }

    private static int indexOf(List<Entry> records, String sequenceNumber) {
        if (sequenceNumber.isEmpty()) {
            return -1;
        }
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).sequenceNumber().equals(sequenceNumber)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Discards {@code records} (a prefix of the shard's pending records): one invocation record to the
     * OnFailure destination if there is one, then the checkpoint moves past them and the shard goes on.
     */
    private void giveUp(ShardState shard, List<Entry> records, String condition, Tally tally) {
        List<Entry> discarded = List.copyOf(records);
        Entry first = discarded.getFirst();
        Entry last = discarded.getLast();
        String range = records(discarded.size()) + " " + first.sequenceNumber() + ".." + last.sequenceNumber();
        Optional<String> destination = settings.onFailureQueueUrl();
        if (destination.isPresent()) {
            String body = Json.write(invocationRecord(shard, discarded, condition));
            sqs.sendMessage(r -> r.queueUrl(destination.get()).messageBody(body));
            tally.sentToDestination++;
            log("shard " + shard.id + ": " + condition + ": " + range + " sent to " + settings.onFailureQueueArn().orElseThrow());
        } else {
            log("shard " + shard.id + ": " + condition + ": " + range + " discarded (no on-failure destination)");
        }
        shard.advanceTo(last);
        shard.advance(1);
        shard.consumeHalves(discarded.size());
        shard.resetFailures();
        tally.discarded += discarded.size();
    }

    /**
     * The JSON Lambda sends to a stream mapping's on-failure destination: metadata only, the records stay
     * in the stream (services-dynamodb-errors). responseContext is left out when the records were never
     * invoked; functionError is set for a function error, not for a reported item failure.
     */
    private ObjectNode invocationRecord(ShardState shard, List<Entry> records, String condition) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        ObjectNode request = json.putObject("requestContext");
        request.put("requestId", UUID.randomUUID().toString());
        request.put("functionArn", settings.functionArn());
        request.put("condition", condition);
        request.put("approximateInvokeCount", shard.failedInvocations);
        if (shard.failedInvocations > 0) {
            ObjectNode response = json.putObject("responseContext");
            response.put("statusCode", 200);
            response.put("executedVersion", "$LATEST");
            if (shard.lastFunctionError) {
                response.put("functionError", "Unhandled");
            }
        }
        json.put("version", "1.0");
        json.put("timestamp", TIMESTAMP.format(clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        ObjectNode info = json.putObject("DDBStreamBatchInfo");
        info.put("shardId", shard.id);
        info.put("startSequenceNumber", records.getFirst().sequenceNumber());
        info.put("endSequenceNumber", records.getLast().sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", records.getFirst().created().truncatedTo(ChronoUnit.SECONDS).toString());
        info.put("approximateArrivalOfLastRecord", records.getLast().created().truncatedTo(ChronoUnit.SECONDS).toString());
        info.put("batchSize", records.size());
        info.put("streamArn", settings.streamArn());
        return json;
    }

    private void log(String message) {
        System.err.println("[dynamodb-stream " + settings.functionName() + "] " + message);
    }

    // ------------------------------------------------------------------ state

    /** A record read from the stream and not yet checkpointed. */
    record Entry(String sequenceNumber, Instant created, ObjectNode json, boolean matches) {
    }

    /** The next batch: its records, and the span of pending entries it covers (with filtered-out ones). */
    private record Batch(List<Entry> records, List<Entry> span) {
    }

    private static final class ShardState {
        final String id;
        final String parentId;
        /** Read from the stream, not yet checkpointed; in stream order. */
        final List<Entry> buffer = new ArrayList<>();
        /** Sizes of the batches still to try after a bisection, the next one on top. */
        final Deque<Integer> halves = new ArrayDeque<>();
        String iterator;
        boolean startAtLatest;
        boolean endOfShard;
        String lastRead;
        String checkpoint;
        /** Failed invocations and retries of the batch at the head of the shard since it last moved on. */
        int failedInvocations;
        int retries;
        boolean lastFunctionError;
        /** Records whose retries are exhausted, until they are given up. */
        List<Entry> exhausted;

        ShardState(String id, String parentId) {
            this.id = id;
            this.parentId = parentId;
        }

        boolean finished() {
            return endOfShard && buffer.isEmpty();
        }

        int matchingBuffered() {
            return (int) buffer.stream().filter(Entry::matches).count();
        }

        /**
         * Up to {@code batchSize} matching records (or the size of the pending half after a bisection),
         * and the entries they span, including the filtered-out ones up to the next matching record.
         */
        Batch nextBatch(int batchSize) {
            int limit = halves.isEmpty() ? batchSize : halves.peek();
            List<Entry> records = new ArrayList<>();
            int span = 0;
            for (Entry entry : buffer) {
                if (entry.matches()) {
                    if (records.size() == limit) {
                        break;
                    }
                    records.add(entry);
                }
                span++;
            }
            return new Batch(records, List.copyOf(buffer.subList(0, span)));
        }

        /** Checkpoints the first {@code count} pending entries. */
        void advance(int count) {
            if (count > 0) {
                checkpoint = buffer.get(count - 1).sequenceNumber();
                buffer.subList(0, count).clear();
            }
        }

        /** Checkpoints every pending entry before {@code entry}. */
        void advanceTo(Entry entry) {
            advance(buffer.indexOf(entry));
        }

        /** {@code count} records at the head are done: they leave the pending halves of a bisection. */
        void consumeHalves(int count) {
            while (count > 0 && !halves.isEmpty()) {
                int top = halves.pop();
                if (top > count) {
                    halves.push(top - count);
                    count = 0;
                } else {
                    count -= top;
                }
            }
        }

        void resetFailures() {
            failedInvocations = 0;
            retries = 0;
            lastFunctionError = false;
            exhausted = null;
        }
    }

    private static final class Tally {
        int read;
        int filteredOut;
        int invocations;
        int failedInvocations;
        int delivered;
        int discarded;
        int sentToDestination;

        Poll poll() {
            return new Poll(read, filteredOut, invocations, failedInvocations, delivered, discarded, sentToDestination);
        }
    }
}
