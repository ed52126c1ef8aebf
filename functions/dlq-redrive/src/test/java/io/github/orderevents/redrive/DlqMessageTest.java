package io.github.orderevents.redrive;

import io.github.orderevents.aws.events.EventCodec;
import io.github.orderevents.aws.events.LenientEnvelope;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DlqMessageTest {
    private static final OrderEvent EVENT = Orders.event(EventType.OrderPlaced, "ord-A", "cust-A", 1);

    private static DlqMessage received(String body) {
        return DlqMessage.from(Message.builder().messageId("m-1").receiptHandle("r-1").body(body)
                .attributes(Map.of(MessageSystemAttributeName.MESSAGE_GROUP_ID, "ord-A",
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "3",
                        MessageSystemAttributeName.SENT_TIMESTAMP, "1795255200000"))
                .build());
    }

    @Test
    void aValidEnvelopeGivesItsFieldsAndNoProblem() {
        DlqMessage message = received(EventCodec.encode(EVENT));

        assertThat(message.envelope()).isEqualTo(new LenientEnvelope(EVENT.eventId(), "OrderPlaced", "ord-A", "cust-A",
                1L, EVENT.correlationId(), null));
        assertThat(message.groupId()).isEqualTo("ord-A");
        assertThat(message.receiveCount()).isEqualTo(3);
        assertThat(message.sentTimestamp()).isEqualTo(Instant.ofEpochMilli(1795255200000L));
    }

    @Test
    void aBrokenEnvelopeGivesTheFieldsItHasAndWhyConsumersRefuseIt() {
        DlqMessage message = received(EventCodec.encode(EVENT).replace("\"schemaVersion\":1", "\"schemaVersion\":\"1\""));

        assertThat(message.envelope().eventId()).isEqualTo(EVENT.eventId());
        assertThat(message.envelope().sequence()).isEqualTo(1L);
        assertThat(message.envelope().problem()).isEqualTo("schemaVersion is missing or not a whole number");
    }

    @Test
    void aBodyThatIsNotJsonHasNoEnvelopeFieldsButSaysSo() {
        DlqMessage message = received("hello, inventory");

        assertThat(message.envelope().eventId()).isNull();
        assertThat(message.envelope().aggregateId()).isNull();
        assertThat(message.envelope().problem()).startsWith("body is not valid JSON");
    }
}
