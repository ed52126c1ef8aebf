package io.github.orderevents.local.triggers;

import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

/**
 * A DynamoDB stream in memory with shards the test opens and closes: DynamoDB Local keeps one shard per
 * stream, so shard lineage (a child shard after its parent) needs this stand-in.
 */
final class FakeStreams implements DynamoDbStreamsClient {
    static final String STREAM_ARN = "arn:aws:dynamodb:ddblocal:000000000000:table/fake/stream/2026-11-21T00:00:00.000";

    private final Map<String, FakeShard> shards = new LinkedHashMap<>();
    private long sequence;
    private boolean expireNextIterator;

    private static final class FakeShard {
        final String id;
        final String parentId;
        final List<Record> records = new ArrayList<>();
        boolean closed;

        FakeShard(String id, String parentId) {
            this.id = id;
            this.parentId = parentId;
        }
    }

    synchronized FakeStreams shard(String id, String parentId) {
        shards.put(id, new FakeShard(id, parentId));
        return this;
    }

    /** Lists {@code id} first, before the shards already listed. */
    synchronized FakeStreams shardListedFirst(String id, String parentId) {
        Map<String, FakeShard> before = new LinkedHashMap<>(shards);
        shards.clear();
        shards.put(id, new FakeShard(id, parentId));
        shards.putAll(before);
        return this;
    }

    synchronized FakeStreams write(String shardId, String... ids) {
        for (String id : ids) {
            String sequenceNumber = String.format("%021d", ++sequence);
            shards.get(shardId).records.add(Record.builder().eventID("e" + sequenceNumber).eventName(OperationType.INSERT)
                    .eventVersion("1.1").eventSource("aws:dynamodb").awsRegion("ddblocal")
                    .dynamodb(StreamRecord.builder().keys(Map.of("id", fromS(id))).newImage(Map.of("id", fromS(id)))
                            .sequenceNumber(sequenceNumber).sizeBytes(10L).streamViewType(StreamViewType.NEW_IMAGE)
                            .approximateCreationDateTime(Instant.now()).build())
                    .build());
        }
        return this;
    }

    synchronized FakeStreams close(String shardId) {
        shards.get(shardId).closed = true;
        return this;
    }

    /** The next GetRecords fails as if its iterator were older than 15 minutes. */
    synchronized FakeStreams expireNextIterator() {
        expireNextIterator = true;
        return this;
    }

    @Override
    public synchronized DescribeStreamResponse describeStream(DescribeStreamRequest request) {
        List<Shard> listed = shards.values().stream().map(s -> Shard.builder().shardId(s.id).parentShardId(s.parentId)
                .sequenceNumberRange(r -> r.startingSequenceNumber(s.records.isEmpty() ? null : s.records.getFirst().dynamodb().sequenceNumber())
                        .endingSequenceNumber(s.closed && !s.records.isEmpty() ? s.records.getLast().dynamodb().sequenceNumber() : null))
                .build()).toList();
        return DescribeStreamResponse.builder().streamDescription(d -> d.streamArn(STREAM_ARN).shards(listed)).build();
    }

    @Override
    public synchronized GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        FakeShard shard = shards.get(request.shardId());
        int position = switch (request.shardIteratorType()) {
            case TRIM_HORIZON -> 0;
            case LATEST -> shard.records.size();
            case AT_SEQUENCE_NUMBER -> indexOf(shard, request.sequenceNumber());
            case AFTER_SEQUENCE_NUMBER -> indexOf(shard, request.sequenceNumber()) + 1;
            default -> throw new IllegalArgumentException(request.toString());
        };
        return GetShardIteratorResponse.builder().shardIterator(shard.id + "#" + position).build();
    }

    @Override
    public synchronized GetRecordsResponse getRecords(GetRecordsRequest request) {
        if (expireNextIterator) {
            expireNextIterator = false;
            throw ExpiredIteratorException.builder().message("Iterator expired").build();
        }
        String[] iterator = request.shardIterator().split("#");
        FakeShard shard = shards.get(iterator[0]);
        int from = Integer.parseInt(iterator[1]);
        int to = Math.min(shard.records.size(), from + (request.limit() == null ? 1000 : request.limit()));
        String next = shard.closed && to == shard.records.size() ? null : shard.id + "#" + to;
        return GetRecordsResponse.builder().records(List.copyOf(shard.records.subList(from, to))).nextShardIterator(next).build();
    }

    private static int indexOf(FakeShard shard, String sequenceNumber) {
        for (int i = 0; i < shard.records.size(); i++) {
            if (shard.records.get(i).dynamodb().sequenceNumber().equals(sequenceNumber)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no record " + sequenceNumber + " in " + shard.id);
    }

    @Override
    public String serviceName() {
        return "dynamodb";
    }

    @Override
    public void close() {
    }
}
