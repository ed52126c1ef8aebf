package io.github.orderevents.consumer;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.orderevents.aws.testing.CapturedMetrics;
import io.github.orderevents.aws.testing.CapturedMetrics.Datum;
import io.github.orderevents.aws.testing.EmbeddedSqs;
import io.github.orderevents.aws.testing.FakeContext;
import io.github.orderevents.consumer.ScriptedEventConsumer.Behaviour;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.consumer.ConsumeResult;
import io.github.orderevents.domain.consumer.EventConsumer;
import io.github.orderevents.domain.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics FifoEventConsumer writes, read back from its EMF lines as CloudWatch extracts them. Fixture:
 * events/notifications-mixed-groups.json, A1 B1 A2 B2 A3 B3, occurred at 10:00:01 to 10:00:06.
 */
class FifoEventConsumerMetricsTest {
    @RegisterExtension
    static final EmbeddedSqs SQS = new EmbeddedSqs();

    private static final String A1 = "a1a1a1a1-0000-4000-8000-000000000001";
    private static final String B1 = "b1b1b1b1-0000-4000-8000-000000000001";
    private static final String A2 = "a2a2a2a2-0000-4000-8000-000000000002";
    private static final String B2 = "b2b2b2b2-0000-4000-8000-000000000002";
    private static final String B3 = "b3b3b3b3-0000-4000-8000-000000000003";
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:10Z");
    private static final Duration EACH_CONSUME = Duration.ofMillis(20);
    private static final Map<String, String> CONSUMER_LANE = Map.of("Consumer", "notification", "Lane", "standard");
    private static final Map<String, String> LANE = Map.of("Lane", "standard");

    private final MutableClock clock = new MutableClock(NOW);
    private final CapturedMetrics metrics = new CapturedMetrics(clock);

    private FifoEventConsumer consumer(ScriptedEventConsumer script) {
        String deadLetterQueue = SQS.createFifoQueue("dlq-" + UUID.randomUUID().toString().substring(0, 8));
        return new FifoEventConsumer("notification", new Taking(script, clock),
                new MessageParking(SQS.client(), deadLetterQueue, Clock.systemUTC()),
                new ConsumerMetrics("notification", metrics.metrics()));
    }

    private static SQSEvent fixture() {
        return EventLoader.loadSQSEvent("events/notifications-mixed-groups.json");
    }

    @Test
    void countsEachOutcomeAndTimesEveryMessageHandledInOneLineUnderConsumerAndLaneAndUnderLane() {
        ScriptedEventConsumer script = new ScriptedEventConsumer()
                .on(B1, Behaviour.DUPLICATE).on(A2, Behaviour.GAP).on(B2, Behaviour.INVALID).on(B3, Behaviour.FAIL);

        consumer(script).handle(fixture(), FakeContext.withRemainingMillis(30_000));

        assertThat(metrics.lines()).hasSize(1);
        for (Map<String, String> dimensions : List.of(CONSUMER_LANE, LANE)) {
            assertThat(metrics.values("Applied", dimensions)).as("A1").containsExactly(1.0);
            assertThat(metrics.values("Duplicate", dimensions)).as("B1").containsExactly(1.0);
            assertThat(metrics.values("GapRetried", dimensions)).as("A2; A3 waits behind it").containsExactly(1.0);
            assertThat(metrics.values("Parked", dimensions)).as("B2").containsExactly(1.0);
            // A1 B1 A2 B2 B3 were handled; A3 was skipped behind A2.
            assertThat(metrics.values("ProcessingTime", dimensions)).containsExactly(20.0, 20.0, 20.0, 20.0, 20.0);
            // A1 occurred at 10:00:01 and was applied at 10:00:10.020; only an applied event has an end-to-end age.
            assertThat(metrics.values("EndToEndAge", dimensions)).containsExactly(9020.0);
        }
        assertThat(metrics.data()).allSatisfy(datum -> {
            assertThat(datum.namespace()).isEqualTo("OrderEvents");
            assertThat(datum.unit()).isEqualTo(datum.name().endsWith("Time") || datum.name().endsWith("Age")
                    ? "Milliseconds" : "Count");
        });
    }

    @Test
    void aBatchThatIsAllAppliedCountsZeroForTheOtherOutcomes() {
        consumer(new ScriptedEventConsumer()).handle(fixture(), FakeContext.withRemainingMillis(30_000));

        assertThat(metrics.values("Applied", CONSUMER_LANE)).containsExactly(6.0);
        assertThat(metrics.values("Duplicate", CONSUMER_LANE)).containsExactly(0.0);
        assertThat(metrics.values("GapRetried", CONSUMER_LANE)).containsExactly(0.0);
        assertThat(metrics.values("Parked", CONSUMER_LANE)).containsExactly(0.0);
        assertThat(metrics.values("EndToEndAge", LANE)).containsExactly(9020.0, 8040.0, 7060.0, 6080.0, 5100.0, 4120.0);
    }

    @Test
    void aMessageThatCannotBeReadIsParkedInTheStandardLaneWithoutAnEndToEndAge() {
        SQSMessage unreadable = fixture().getRecords().get(0);
        unreadable.setBody("not json");
        SQSEvent batch = new SQSEvent();
        batch.setRecords(List.of(unreadable));

        consumer(new ScriptedEventConsumer()).handle(batch, FakeContext.withRemainingMillis(30_000));

        assertThat(metrics.values("Parked", CONSUMER_LANE)).containsExactly(1.0);
        assertThat(metrics.values("ProcessingTime", CONSUMER_LANE)).containsExactly(0.0);
        assertThat(metrics.data()).extracting(Datum::name).doesNotContain("EndToEndAge");
    }

    @Test
    void eachInvocationWritesItsOwnFigures() {
        FifoEventConsumer consumer = consumer(new ScriptedEventConsumer().on(A1, Behaviour.APPLY, Behaviour.DUPLICATE));
        SQSEvent first = new SQSEvent();
        first.setRecords(List.of(fixture().getRecords().get(0)));

        consumer.handle(first, FakeContext.withRemainingMillis(30_000));
        consumer.handle(first, FakeContext.withRemainingMillis(30_000));

        assertThat(metrics.lines()).hasSize(2);
        assertThat(metrics.values("Applied", LANE)).containsExactly(1.0, 0.0);
        assertThat(metrics.values("Duplicate", LANE)).containsExactly(0.0, 1.0);
    }

    @Test
    void anEmptyBatchWritesNoLine() {
        consumer(new ScriptedEventConsumer()).handle(new SQSEvent(), FakeContext.withRemainingMillis(30_000));

        assertThat(metrics.lines()).isEmpty();
    }

    /** A consumer that takes {@link #EACH_CONSUME} of the clock's time per event, whatever it answers. */
    private record Taking(EventConsumer consumer, MutableClock clock) implements EventConsumer {
        @Override
        public Set<EventType> handledTypes() {
            return consumer.handledTypes();
        }

        @Override
        public ConsumeResult consume(OrderEvent event) {
            clock.advance(EACH_CONSUME);
            return consumer.consume(event);
        }
    }
}
