package io.github.orderevents.aws.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.Json;
import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventCodecEncodeTest {

    private static OrderEvent event(String correlationId) {
        OrderEvent e = Orders.event(EventType.OrderPlaced, "ord-5f0c8a36-1d5e-3c0e-9a3b-7e1f2d4c6b8a", "cust-42", 3);
        return new OrderEvent("0f8fad5b-d9cb-469f-a165-70867728950e", e.aggregateId(), e.customerId(), 3,
                Instant.parse("2026-11-21T10:00:01Z"), correlationId, e.priority(), e.payload());
    }

    private static JsonNode envelope(OrderEvent event) throws Exception {
        return Json.MAPPER.readTree(EventCodec.encode(event));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void writesExactlyTheEnvelopeFieldsInTheirOrder() throws Exception {
        assertThat(fieldNames(envelope(event("checkout-7f3a")))).containsExactly("eventId", "eventType", "aggregateId",
                "customerId", "sequence", "occurredAt", "correlationId", "schemaVersion", "payload");
    }

    @Test
    void carriesTheEventsValuesWithTheirJsonTypes() throws Exception {
        JsonNode envelope = envelope(event("checkout-7f3a"));

        assertThat(envelope.get("eventId").textValue()).isEqualTo("0f8fad5b-d9cb-469f-a165-70867728950e");
        assertThat(envelope.get("eventType").textValue()).isEqualTo("OrderPlaced");
        assertThat(envelope.get("aggregateId").textValue()).isEqualTo("ord-5f0c8a36-1d5e-3c0e-9a3b-7e1f2d4c6b8a");
        assertThat(envelope.get("customerId").textValue()).isEqualTo("cust-42");
        assertThat(envelope.get("sequence").isIntegralNumber()).isTrue();
        assertThat(envelope.get("sequence").longValue()).isEqualTo(3);
        assertThat(envelope.get("occurredAt").textValue()).isEqualTo("2026-11-21T10:00:01Z");
        assertThat(envelope.get("correlationId").textValue()).isEqualTo("checkout-7f3a");
        assertThat(envelope.get("schemaVersion").isIntegralNumber()).isTrue();
        assertThat(envelope.get("schemaVersion").intValue()).isEqualTo(EventCodec.SCHEMA_VERSION);
    }

    @Test
    void carriesThePayloadAsANestedObjectWithMoneyAsDecimalStrings() throws Exception {
        JsonNode payload = envelope(event("checkout-7f3a")).get("payload");

        assertThat(payload.isObject()).isTrue();
        assertThat(payload.get("total").textValue()).isEqualTo("44.98");
        assertThat(payload.at("/items/0/unitPrice").textValue()).isEqualTo("19.99");
        assertThat(payload.at("/items/0/quantity").isInt()).isTrue();
        assertThat(payload).isEqualTo(Json.MAPPER.readTree(EventCodec.encodePayload(event(null).payload())));
    }

    @Test
    void keepsALargeSequenceAndNanosecondsExact() throws Exception {
        long large = 9_007_199_254_740_993L; // 2^53 + 1: not representable as a double
        OrderEvent e = Orders.event(EventType.OrderConfirmed, "ord-1", "cust-1", 2);
        OrderEvent event = Orders.at(e, large, Instant.parse("2026-11-21T10:00:01.123456789Z"));

        JsonNode envelope = envelope(event);

        assertThat(envelope.get("sequence").longValue()).isEqualTo(large);
        assertThat(envelope.get("occurredAt").textValue()).isEqualTo("2026-11-21T10:00:01.123456789Z");
        assertThat(EventCodec.decodeStrict(EventCodec.encode(event))).isEqualTo(event);
    }

    @Test
    void writesAMissingCorrelationIdAsNullKeepingTheSameFields() throws Exception {
        JsonNode envelope = envelope(event(null));

        assertThat(fieldNames(envelope)).hasSize(9).contains("correlationId");
        assertThat(envelope.get("correlationId").isNull()).isTrue();
    }

    @Test
    void everyKindOfEventSurvivesARoundTrip() {
        for (EventType type : EventType.values()) {
            OrderEvent event = Orders.event(type, "ord-1", "cust-1", 1);

            assertThat(EventCodec.decodeStrict(EventCodec.encode(event))).isEqualTo(event);
            assertThat(EventCodec.decodePayload(type, EventCodec.SCHEMA_VERSION, EventCodec.encodePayload(event.payload())))
                    .isEqualTo(event.payload());
        }
    }
}
