package io.github.orderevents.consumer;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.orderevents.aws.events.EventCodec;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQS bodies of the events/ fixtures are envelopes the consumers read, written as the relay writes them. */
class EventFixturesTest {

    private static List<SQSMessage> records(String fixture) {
        return EventLoader.loadSQSEvent(fixture).getRecords();
    }

    @ParameterizedTest
    @ValueSource(strings = {"events/inventory-batch.json", "events/notifications-mixed-groups.json"})
    void everyBodyDecodesStrictlyAndReencodesToTheSameBytes(String fixture) {
        assertThat(records(fixture)).isNotEmpty().allSatisfy(message -> {
            OrderEvent event = EventCodec.decodeStrict(message.getBody());

            assertThat(EventCodec.encode(event)).isEqualTo(message.getBody());
            assertThat(message.getMessageAttributes().get("eventType").getStringValue())
                    .isEqualTo(event.eventType().name());
        });
    }

    @Test
    void theMixedFixtureHoldsEveryKindOfEvent() {
        assertThat(records("events/notifications-mixed-groups.json")).extracting(m -> EventCodec.decodeStrict(m.getBody()).eventType())
                .contains(EventType.values());
    }
}
