package io.github.orderevents.aws.events;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Lenient decoding, what DLQ inspection uses: whatever a body tells, and why consumers refuse it. */
class EventCodecLenientTest {
    private static final OrderEvent EVENT = Orders.event(EventType.OrderPlaced, "ord-A", "cust-A", 3);
    private static final String VALID = EventCodec.encode(EVENT);

    @Test
    void readsTheEnvelopeFieldsOfAValidBodyWithNoProblem() {
        assertThat(EventCodec.decodeLenient(VALID)).isEqualTo(new LenientEnvelope(EVENT.eventId(), "OrderPlaced",
                "ord-A", "cust-A", 3L, EVENT.correlationId(), null));
    }

    @Test
    void readsTheFieldsOfABodyConsumersRefuseAndSaysWhyTheyDo() {
        String otherVersion = VALID.replace("\"schemaVersion\":1", "\"schemaVersion\":2");

        LenientEnvelope envelope = EventCodec.decodeLenient(otherVersion);

        assertThat(envelope.eventId()).isEqualTo(EVENT.eventId());
        assertThat(envelope.aggregateId()).isEqualTo("ord-A");
        assertThat(envelope.sequence()).isEqualTo(3L);
        assertThat(envelope.problem()).isEqualTo("schemaVersion 2 is not supported (this consumer reads 1)");
    }

    @Test
    void givesTheStrictVerdictOnAPayloadToo() {
        String noSku = VALID.replace("\"sku\":\"SKU-1\",", "");

        LenientEnvelope envelope = EventCodec.decodeLenient(noSku);

        assertThat(envelope.eventId()).isEqualTo(EVENT.eventId());
        assertThat(envelope.problem()).isEqualTo("OrderPlaced payload: items[0].sku is not a string");
    }

    @Test
    void aFieldWithTheWrongJsonTypeIsNullTheOthersAreRead() {
        String body = VALID.replace("\"sequence\":3", "\"sequence\":\"3\"").replace("\"eventType\":\"OrderPlaced\"",
                "\"eventType\":7").replace("\"aggregateId\":\"ord-A\",", "");

        LenientEnvelope envelope = EventCodec.decodeLenient(body);

        assertThat(envelope.sequence()).isNull();
        assertThat(envelope.eventType()).isNull();
        assertThat(envelope.aggregateId()).isNull();
        assertThat(envelope.eventId()).isEqualTo(EVENT.eventId());
        assertThat(envelope.customerId()).isEqualTo("cust-A");
        assertThat(envelope.problem()).isNotNull();
    }

    @Test
    void anUnknownEventTypeIsStillShownAsWritten() {
        LenientEnvelope envelope = EventCodec.decodeLenient(VALID.replace("OrderPlaced", "OrderShipped"));

        assertThat(envelope.eventType()).isEqualTo("OrderShipped");
        assertThat(envelope.problem()).isEqualTo("unknown eventType 'OrderShipped'");
    }

    @Test
    void aBodyThatIsNotAJsonObjectHasNoFieldsOnlyAProblem() {
        assertThat(EventCodec.decodeLenient("hello, inventory")).isEqualTo(new LenientEnvelope(null, null, null, null,
                null, null, "body is not valid JSON at line 1, column 6"));
        assertThat(EventCodec.decodeLenient("[1,2,3]").problem()).isEqualTo("body is not a JSON object");
        assertThat(EventCodec.decodeLenient("{\"total\": 1e99999999999999999999}").problem())
                .isEqualTo("body is not valid JSON: a number is out of range");
        assertThat(EventCodec.decodeLenient(null).problem()).isEqualTo("body is empty");
        assertThat(EventCodec.decodeLenient("").eventId()).isNull();
    }
}
