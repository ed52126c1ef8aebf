package io.github.orderevents.local.triggers;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Shard lineage and iterators, on an in-memory stream whose shards the test opens and closes. */
class DynamoStreamShardsTest {
    private final FakeStreams stream = new FakeStreams();
    private final ScriptedFunction function = new ScriptedFunction();

    @Test
    void childShardStartsOnlyAfterItsParentIsDoneEvenWhileTheParentRetries() {
        stream.shard("parent", null).write("parent", "a", "b").close("parent")
                .shardListedFirst("child", "parent").write("child", "c", "d");
        function.failNext().failNext();
        DynamoStreamEventSource source = source("TRIM_HORIZON");

        drain(source);

        assertThat(function.batches()).containsExactly(
                List.of("a", "b"), List.of("a", "b"), List.of("a", "b"), List.of("c", "d"));
        assertThat(source.checkpoints()).containsOnlyKeys("parent", "child");
    }

    @Test
    void shardsOfAClosedParentAreReadFromTheirStart() {
        stream.shard("first", null).write("first", "a");
        DynamoStreamEventSource source = source("LATEST");
        stream.write("first", "b").close("first")
                .shard("second", "first").write("second", "c");

        drain(source);

        assertThat(function.records()).extracting(ScriptedFunction::id).containsExactly("b", "c");
    }

    @Test
    void latestSkipsShardsAlreadyClosed() {
        stream.shard("old", null).write("old", "a").close("old")
                .shard("open", "old").write("open", "b");
        DynamoStreamEventSource source = source("LATEST");
        stream.write("open", "c");

        drain(source);

        assertThat(function.records()).extracting(ScriptedFunction::id).containsExactly("c");
    }

    @Test
    void childOfAParentNoLongerListedIsNotBlocked() {
        stream.shard("orphan", "trimmed-away").write("orphan", "a");

        drain(source("TRIM_HORIZON"));

        assertThat(function.records()).extracting(ScriptedFunction::id).containsExactly("a");
    }

    @Test
    void expiredIteratorIsRenewedAfterTheLastRecordRead() {
        stream.shard("only", null).write("only", "a", "b");
        DynamoStreamEventSource source = source("TRIM_HORIZON");
        drain(source);
        stream.write("only", "c").expireNextIterator();

        drain(source);

        assertThat(function.records()).extracting(ScriptedFunction::id).containsExactly("a", "b", "c");
    }

    @Test
    void failedDestinationSendIsRetriedNextRoundWithoutInvokingTheFunctionAgain() {
        stream.shard("only", null).write("only", "a").close("only");
        function.failAlways();
        FlakySqs sqs = new FlakySqs();
        DynamoStreamEventSource source = new DynamoStreamEventSource(stream, sqs, new DynamoStreamEventSource.Settings(
                FakeStreams.STREAM_ARN, "TRIM_HORIZON", 100, false, 0, -1, true, List.of(),
                Optional.of("http://sqs.local/000000000000/failures"), Optional.of("arn:aws:sqs:us-east-1:000000000000:failures"),
                "relay", "arn:aws:lambda:us-east-1:000000000000:function:relay", "us-east-1"), function, Clock.systemUTC());

        assertThatThrownBy(source::pollOnce).isInstanceOf(SdkClientException.class);
        DynamoStreamEventSource.Poll retried = source.pollOnce();

        assertThat(retried.invocations()).isZero();
        assertThat(retried.sentToDestination()).isEqualTo(1);
        assertThat(function.batches()).containsExactly(List.of("a"));
        assertThat(sqs.bodies).hasSize(1);
    }

    /** Refuses the first SendMessage, accepts the others. */
    private static final class FlakySqs implements SqsClient {
        final List<String> bodies = new ArrayList<>();
        private boolean refused;

        @Override
        public SendMessageResponse sendMessage(SendMessageRequest request) {
            if (!refused) {
                refused = true;
                throw SdkClientException.create("connection refused");
            }
            bodies.add(request.messageBody());
            return SendMessageResponse.builder().messageId("m" + bodies.size()).build();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    }

    private DynamoStreamEventSource source(String startingPosition) {
        return new DynamoStreamEventSource(stream, null, new DynamoStreamEventSource.Settings(FakeStreams.STREAM_ARN,
                startingPosition, 100, false, -1, -1, true, List.of(), Optional.empty(), Optional.empty(),
                "relay", "arn:aws:lambda:us-east-1:000000000000:function:relay", "us-east-1"), function, Clock.systemUTC());
    }

    private static void drain(DynamoStreamEventSource source) {
        for (int i = 0; i < 20; i++) {
            DynamoStreamEventSource.Poll poll = source.pollOnce();
            if (poll.read() == 0 && poll.invocations() == 0 && poll.discarded() == 0) {
                return;
            }
        }
        throw new AssertionError("the source never went idle");
    }
}
